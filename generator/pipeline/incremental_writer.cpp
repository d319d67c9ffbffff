#include "pipeline/incremental_writer.h"

#include <unistd.h>

#include <boost/filesystem.hpp>
#include <fstream>
#include <stdexcept>
#include <string_view>
#include <unordered_map>

#include "fs/file_system.h"
#include "fs/hash_stream.h"
#include "fs/parallel.h"

namespace bfs = boost::filesystem;

namespace nk::pipeline {

namespace {

// Named like the staged output's directory: the changed files are staged here, and a stale one is
// removed by either kind of build.
constexpr const char* kUpdateMarker = ".nastavnik-staging-update-";

void remove_stale_updates(const bfs::path& out) {
    boost::system::error_code ec;
    std::string prefix = out.filename().string() + kUpdateMarker;
    for (bfs::directory_iterator it(out.parent_path(), ec), end; !ec && it != end; it.increment(ec))
        if (it->path().filename().string().rfind(prefix, 0) == 0) bfs::remove_all(it->path(), ec);
}

void write_file(const bfs::path& path, std::string_view bytes) {
    bfs::create_directories(path.parent_path());
    std::ofstream out(path.string(), std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Makes room for a file at `target`: a directory of the same name, or a file where one of its
// parent directories must go, is what the previous site had there and goes away.
void clear_way(const bfs::path& root, const bfs::path& target) {
    boost::system::error_code ec;
    bfs::path dir = root;
    for (const auto& part : target.parent_path().lexically_relative(root)) {
        dir /= part;
        if (bfs::is_symlink(dir, ec) || (bfs::exists(dir, ec) && !bfs::is_directory(dir, ec)))
            bfs::remove(dir, ec);
    }
    if (bfs::is_directory(target, ec) && !bfs::is_symlink(target, ec)) bfs::remove_all(target, ec);
}

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

// Removes `dir` and its parents up to `root` while they are empty.
void prune_empty(const bfs::path& root, bfs::path dir) {
    boost::system::error_code ec;
    while (dir != root && dir.string().size() > root.string().size() && bfs::is_empty(dir, ec) &&
           !ec) {
        bfs::remove(dir, ec);
        dir = dir.parent_path();
    }
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
    else if (auto bytes = fs::read_bytes(item.source))
        owned = std::move(*bytes);
    else
        throw std::runtime_error("cannot read " + item.source);
    return owned;
}

WriteSummary IncrementalWriter::write_all(const std::vector<OutputItem>& items,
                                          fs::StagedOutput& out) const {
    std::vector<OutputFile> files(items.size());
    fs::parallel_for(items.size(), jobs_, [&](size_t i) {
        const OutputItem& item = items[i];
        try {
            Keyed k = key_of(item);
            if (!item.task) {
                out.copy_file(item.source, item.path);
                files[i] = {k.key, item.source_hash};
                return;
            }
            std::string owned;
            std::string_view bytes = bytes_of(item, k, owned);
            files[i] = {k.key, hash_bytes(bytes)};
            out.write(item.path, bytes);
        } catch (const std::exception& e) {
            diags_.error({"(output) " + (item.task ? item.task->url : item.path), 0, 0}, e.what());
        }
    });
    WriteSummary summary;
    for (size_t i = 0; i < items.size(); ++i) summary.outputs.emplace(items[i].path, files[i]);
    summary.written = items.size();
    return summary;
}

WriteSummary IncrementalWriter::write_changed(const std::vector<OutputItem>& items,
                                              const OutputFiles& previous,
                                              const std::string& out_dir) {
    bfs::path out = bfs::absolute(out_dir).lexically_normal();
    remove_stale_updates(out);
    update_dir_ = out.string() + kUpdateMarker + std::to_string(::getpid());
    bfs::create_directories(update_dir_);
    std::vector<OutputFile> files(items.size());
    std::vector<char> changed(items.size(), 0);
    fs::parallel_for(items.size(), jobs_, [&](size_t i) {
        const OutputItem& item = items[i];
        try {
            auto before = previous.find(item.path);
            Keyed k = key_of(item);
            if (before != previous.end() && before->second.key == k.key) {
                files[i] = before->second;
                return;
            }
            std::string owned;
            std::string_view bytes = bytes_of(item, k, owned);
            files[i] = {k.key, item.task ? hash_bytes(bytes) : item.source_hash};
            if (before != previous.end() && before->second.hash == files[i].hash) return;
            write_file(bfs::path(update_dir_) / item.path, bytes);
            changed[i] = 1;
        } catch (const std::exception& e) {
            diags_.error({"(output) " + (item.task ? item.task->url : item.path), 0, 0}, e.what());
        }
    });
    WriteSummary summary;
    changed_.clear();
    for (size_t i = 0; i < items.size(); ++i) {
        summary.outputs.emplace(items[i].path, files[i]);
        if (changed[i]) changed_.push_back(items[i].path);
    }
    summary.written = changed_.size();
    summary.unchanged = items.size() - changed_.size();
    return summary;
}

void IncrementalWriter::apply(WriteSummary& summary, const OutputFiles& previous,
                              const std::string& out_dir) {
    bfs::path out = bfs::absolute(out_dir).lexically_normal();
    for (const auto& rel : changed_) {
        bfs::path target = out / rel;
        clear_way(out, target);
        bfs::create_directories(target.parent_path());
        bfs::rename(bfs::path(update_dir_) / rel, target);  // replaces the old file in one step
    }
    boost::system::error_code ec;
    for (const auto& [rel, file] : previous) {
        if (summary.outputs.count(rel)) continue;
        bfs::path gone = out / rel;
        if (bfs::is_regular_file(bfs::symlink_status(gone, ec))) bfs::remove(gone, ec);
        prune_empty(out, gone.parent_path());
        ++summary.removed;
    }
    discard();
}

void IncrementalWriter::discard() {
    boost::system::error_code ec;
    if (!update_dir_.empty()) bfs::remove_all(update_dir_, ec);
    update_dir_.clear();
}

}  // namespace nk::pipeline
