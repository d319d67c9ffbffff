#include "records/record_codec.h"

#include "fs/byte_codec.h"

namespace nk::records {

namespace {

using fs::ByteReader;

// Bump when the encoding changes: an old entry then fails to decode and is read again.
constexpr uint64_t kPracticeFormat = 1;

void put_located(std::string& out, const std::vector<Located>& items) {
    fs::put_u64(out, items.size());
    for (const Located& l : items) {
        fs::put_str(out, l.value);
        fs::put_loc(out, l.loc);
    }
}

std::vector<Located> read_located(ByteReader& in) {
    std::vector<Located> out;
    uint64_t n = in.count();
    out.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
        Located l;
        l.value = in.str();
        l.loc = in.loc();
        out.push_back(std::move(l));
    }
    return out;
}

void put_optional(std::string& out, const std::optional<double>& v) {
    fs::put_u64(out, v.has_value());
    if (v) fs::put_double(out, *v);
}

std::optional<double> read_optional(ByteReader& in) {
    if (!in.flag()) return std::nullopt;
    return in.real();
}

}  // namespace

std::string encode_practice(const Practice& p) {
    std::string out;
    fs::put_u64(out, kPracticeFormat);
    fs::put_str(out, p.id);
    fs::put_str(out, p.path);
    fs::put_loc(out, p.loc);
    fs::put_u64(out, p.internal);
    fs::put_u64(out, p.internal_fields.size());
    for (const auto& [key, value] : p.internal_fields) {
        fs::put_str(out, key);
        fs::put_str(out, value);
    }
    fs::put_u64(out, p.content_hash);
    fs::put_u64(out, p.front_matter_hash);
    fs::put_str(out, p.title);
    fs::put_str(out, p.summary);
    fs::put_str(out, p.video);
    fs::put_int(out, p.body_line);
    fs::put_int(out, p.date.year);
    fs::put_int(out, p.date.month);
    fs::put_int(out, p.date.day);
    put_located(out, p.schools);
    put_located(out, p.directions);
    put_located(out, p.forms);
    fs::put_u64(out, p.tags.size());
    for (const auto& t : p.tags) fs::put_str(out, t);
    fs::put_u64(out, p.results.size());
    for (const Result& r : p.results) {
        fs::put_str(out, r.indicator);
        fs::put_str(out, r.unit);
        put_optional(out, r.before);
        put_optional(out, r.after);
        fs::put_u64(out, r.internal);
    }
    return out;
}

std::optional<Practice> decode_practice(std::string_view bytes) {
    ByteReader in(bytes);
    if (in.u64() != kPracticeFormat) return std::nullopt;
    Practice p;
    p.id = in.str();
    p.path = in.str();
    p.loc = in.loc();
    p.internal = in.flag();
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        std::string key = in.str();
        p.internal_fields.emplace_back(std::move(key), in.str());
    }
    p.content_hash = in.u64();
    p.front_matter_hash = in.u64();
    p.title = in.str();
    p.summary = in.str();
    p.video = in.str();
    p.body_line = in.integer();
    p.date.year = in.integer();
    p.date.month = in.integer();
    p.date.day = in.integer();
    p.schools = read_located(in);
    p.directions = read_located(in);
    p.forms = read_located(in);
    p.tags.resize(in.count());
    for (auto& tag : p.tags) tag = in.str();
    for (uint64_t n = in.count(), i = 0; i < n; ++i) {
        Result r;
        r.indicator = in.str();
        r.unit = in.str();
        r.before = read_optional(in);
        r.after = read_optional(in);
        r.internal = in.flag();
        p.results.push_back(std::move(r));
    }
    if (!in.ok()) return std::nullopt;
    return p;
}

}  // namespace nk::records
