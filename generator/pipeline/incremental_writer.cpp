#include "pipeline/incremental_writer.h"

#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "diag/messages.h"
#include "fs/file_system.h"
#include "fs/hash_stream.h"
#include "fs/parallel.h"

namespace nk::pipeline {

namespace {

// Feeds a view into a hash without printing it: type, size and bytes of every value, in order
// (object keys are sorted), so two views hash alike only when they are alike.
void hash_json(fs::HashStream& hash, const render::json& j) {
    auto put = [&hash](const void* data, size_t size) { hash.add(data, size); };
    auto type = static_cast<unsigned char>(j.type());
    put(&type, 1);
    switch (j.type()) {
        case render::json::value_t::object: {
            uint64_t n = j.size();
            put(&n, sizeof n);
            for (auto it = j.begin(); it != j.end(); ++it) {
                uint64_t len = it.key().size();
                put(&len, sizeof len);
                put(it.key().data(), len);
                hash_json(hash, it.value());
            }
            break;
        }
        case render::json::value_t::array: {
            uint64_t n = j.size();
            put(&n, sizeof n);
            for (const auto& item : j) hash_json(hash, item);
            break;
        }
        case render::json::value_t::string: {
            const auto& str = j.get_ref<const std::string&>();
            uint64_t len = str.size();
            put(&len, sizeof len);
            put(str.data(), len);
            break;
        }
        case render::json::value_t::null:
        case render::json::value_t::discarded:
            break;
        default: {  // numbers and booleans as the template will print them
            std::string text = j.dump();
            put(text.data(), text.size());
        }
    }
}

uint64_t view_key(uint64_t templates_hash, const std::string& tmpl, const render::json& view) {
    fs::HashStream hash(templates_hash);
    hash.add_sized(tmpl);
    hash_json(hash, view);
    return hash.digest();
}

}  // namespace

IncrementalWriter::IncrementalWriter(const render::TemplateEngine& templates,
                                     uint64_t templates_hash, unsigned jobs,
                                     diag::Diagnostics& diags)
    : templates_(templates), templates_hash_(templates_hash), jobs_(jobs), diags_(diags) {}

std::vector<OutputItem> IncrementalWriter::unique_items(std::vector<OutputItem> items) {
    // A hash table, not a sort: 21,000 paths compared a few hundred thousand times were 4 % of
    // a one-edit rebuild at 10,000 practices.
    std::unordered_map<std::string_view, size_t> last;  // path → its last item
    last.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) last[items[i].path] = i;
    if (last.size() == items.size()) return items;  // the usual case: no path twice
    std::vector<char> keep(items.size());
    for (size_t i = 0; i < items.size(); ++i) keep[i] = last.at(items[i].path) == i;
    std::vector<OutputItem> out;
    out.reserve(last.size());
    for (size_t i = 0; i < items.size(); ++i)
        if (keep[i]) out.push_back(std::move(items[i]));
    return out;
}

IncrementalWriter::Keyed IncrementalWriter::key_of(const OutputItem& item) const {
    Keyed k;
    if (!item.task) {
        k.key = Hasher().add("static").add(item.source_hash).value();
    } else if (item.task->deps) {
        // Known from what the page is made of: its view is built only if it must be rendered.
        k.key = Hasher()
                    .add("deps")
                    .add(templates_hash_)
                    .add(item.task->tmpl)
                    .add(item.task->deps)
                    .value();
    } else if (item.task->content) {
        k.key = hash_bytes(*item.task->content);
    } else if (item.task->view) {
        // A page is its template set and its view: the same view renders the same bytes.
        k.view = item.task->view();
        k.key = view_key(templates_hash_, item.task->tmpl, *k.view);
    } else {
        k.bytes = produce(*item.task);
        k.key = hash_bytes(*k.bytes);
    }
    return k;
}

std::string IncrementalWriter::produce(const output::OutputTask& task) const {
    return task.produce ? task.produce() : templates_.render(task.tmpl, task.view());
}

std::string_view IncrementalWriter::bytes_of(const OutputItem& item, Keyed& k,
                                             std::string& owned) const {
    if (item.task && item.task->content) return *item.task->content;
    if (k.bytes)
        owned = std::move(*k.bytes);
    else if (k.view)
        owned = templates_.render(item.task->tmpl, *k.view);
    else if (item.task)
        owned = produce(*item.task);
    else if (item.bytes)
        return *item.bytes;
    else if (auto bytes = fs::read_bytes(item.source))
        owned = std::move(*bytes);
    else
        throw std::runtime_error(diag::tr("cannot read {}", item.source));
    return owned;
}

WriteSummary IncrementalWriter::write(const std::vector<OutputItem>& items,
                                      const OutputFiles* previous, Publisher& publisher) const {
    std::vector<OutputFile> files(items.size());
    std::vector<char> written(items.size(), 0);
    fs::parallel_for(items.size(), jobs_, [&](size_t i) {
        const OutputItem& item = items[i];
        try {
            const OutputFile* before = nullptr;
            if (previous)
                if (auto it = previous->find(item.path); it != previous->end())
                    before = &it->second;
            auto intact = [&] { return publisher.live_intact(item.path, before->stat()); };
            auto keep = [&](uint64_t key) {
                publisher.keep(item.path, before->inode);
                files[i] = *before;
                files[i].key = key;
            };
            Keyed k = key_of(item);
            if (before && before->key == k.key && intact()) return keep(k.key);
            std::string owned;
            std::string_view bytes = bytes_of(item, k, owned);
            uint64_t hash = item.task ? hash_bytes(bytes) : item.source_hash;
            if (before && before->hash == hash && intact()) return keep(k.key);
            fs::FileStat st = publisher.write(item.path, bytes);
            files[i] = {k.key, hash, st.size, st.mtime_ns, st.inode};
            written[i] = 1;
        } catch (const std::exception& e) {
            diags_.error({"(output) " + (item.task ? item.task->url : item.path), 0, 0}, e.what());
        }
    });
    WriteSummary summary;
    for (size_t i = 0; i < items.size(); ++i) {
        summary.outputs.emplace(items[i].path, files[i]);
        summary.written += written[i];
    }
    summary.unchanged = items.size() - summary.written;
    return summary;
}

}  // namespace nk::pipeline
