#include "editor/toml_patch.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <functional>
#include <regex>

namespace nk::editor {

namespace {

using json = Json;

bool bare_key(const std::string& k) {
    return !k.empty() && std::all_of(k.begin(), k.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
    });
}

std::string basic_string(const std::string& s, bool multiline) {
    std::string out = multiline ? "\"\"\"\n" : "\"";
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        auto u = static_cast<unsigned char>(c);
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            // In a multi-line string only a quote that could close it (or end it) is escaped.
            bool closes = i + 1 == s.size() || s[i + 1] == '"';
            out += !multiline || closes ? "\\\"" : "\"";
        } else if (c == '\n' && multiline) {
            out += '\n';
        } else if (c == '\t') {
            out += multiline ? "\t" : "\\t";
        } else if (u < 0x20 || u == 0x7F) {
            out += fmt::format("\\u{:04X}", u);
        } else {
            out += c;
        }
    }
    return out + (multiline ? "\"\"\"" : "\"");
}

std::string key_text(const std::string& k) {
    return bare_key(k) ? k : basic_string(k, false);
}

/// Dotted TOML name of the string steps of `path` ("years.deficits"), indexes skipped.
std::string header_name(const KeyPath& path) {
    std::string out;
    for (const KeyStep& s : path)
        if (auto k = std::get_if<std::string>(&s)) out += (out.empty() ? "" : ".") + key_text(*k);
    return out;
}

const std::regex kDate(R"(\d{4}-\d{2}-\d{2})");
const std::regex kDateTime(R"((\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(\.\d+)?)?)");

/// The text between two offsets and the line table of a document, with toml++ positions
/// (columns in code points) turned into byte offsets.
class Source {
  public:
    explicit Source(std::string_view text) : text_(text) {
        starts_.push_back(0);
        for (size_t i = 0; i < text.size(); ++i)
            if (text[i] == '\n') starts_.push_back(i + 1);
    }
    size_t offset(const toml::source_position& p) const {
        if (p.line == 0) return 0;
        if (p.line > starts_.size()) return text_.size();
        size_t o = starts_[p.line - 1];
        for (toml::source_index col = 1; col < p.column && o < text_.size() && text_[o] != '\n';
             ++col) {
            ++o;
            while (o < text_.size() && (static_cast<unsigned char>(text_[o]) & 0xC0) == 0x80) ++o;
        }
        return o;
    }
    size_t begin(const toml::node& n) const { return offset(n.source().begin); }
    size_t end(const toml::node& n) const { return offset(n.source().end); }
    size_t line_start(size_t off) const {
        size_t nl = off == 0 ? std::string_view::npos : text_.rfind('\n', off - 1);
        return nl == std::string_view::npos ? 0 : nl + 1;
    }
    /// Just past the line end at or after `off` (the end of the text on the last line).
    size_t line_end(size_t off) const {
        size_t nl = text_.find('\n', off);
        return nl == std::string_view::npos ? text_.size() : nl + 1;
    }
    bool blank(size_t from, size_t to) const {
        for (size_t i = from; i < to; ++i)
            if (!std::isspace(static_cast<unsigned char>(text_[i]))) return false;
        return true;
    }
    /// A table written as `[name]` / `[[name]]`: its position is a '[' that starts its line.
    bool header_table(const toml::node& n) const {
        const toml::table* t = n.as_table();
        if (!t || t->is_inline()) return false;
        size_t b = begin(n);
        return b < text_.size() && text_[b] == '[' && blank(line_start(b), b);
    }
    bool header_array(const toml::node& n) const {
        const toml::array* a = n.as_array();
        return a && !a->empty() && std::all_of(a->begin(), a->end(), [&](const toml::node& e) {
                   return header_table(e);
               });
    }
    bool by_header(const toml::node& n) const { return header_table(n) || header_array(n); }
    std::string_view text() const { return text_; }

  private:
    std::string_view text_;
    std::vector<size_t> starts_;
};

/// The furthest offset any part of `n` reaches (a header table's rows and sub-tables too).
size_t subtree_end(const Source& src, const toml::node& n) {
    size_t e = src.end(n);
    if (auto t = n.as_table())
        for (auto&& [k, v] : *t) e = std::max(e, subtree_end(src, v));
    if (auto a = n.as_array())
        for (auto& v : *a) e = std::max(e, subtree_end(src, v));
    return e;
}

/// The end of the last key written directly in table `t` (dotted keys included, sub-tables
/// with headers not); 0 when it has none.
size_t direct_keys_end(const Source& src, const toml::table& t) {
    size_t e = 0;
    for (auto&& [k, v] : t) {
        if (src.by_header(v)) continue;
        auto sub = v.as_table();
        e = std::max(e, sub && !sub->is_inline() ? direct_keys_end(src, *sub) : src.end(v));
    }
    return e;
}

/// The first header of the document, moved up over the comment lines right above it.
std::optional<size_t> first_header_line(const Source& src, const toml::table& root) {
    std::optional<size_t> first;
    std::function<void(const toml::node&)> visit = [&](const toml::node& n) {
        if (src.header_table(n)) first = std::min(first.value_or(SIZE_MAX), src.begin(n));
        if (auto t = n.as_table())
            for (auto&& [k, v] : *t) visit(v);
        if (auto a = n.as_array())
            for (auto& v : *a) visit(v);
    };
    visit(root);
    if (!first) return std::nullopt;
    size_t line = src.line_start(*first);
    std::string_view text = src.text();
    while (line > 0) {
        size_t above = src.line_start(line - 1);
        std::string_view l = text.substr(above, line - above);
        size_t c = l.find_first_not_of(" \t");
        if (c == std::string_view::npos || l[c] != '#') break;
        line = above;
    }
    return line;
}

struct Found {
    toml::node* node = nullptr;
    toml::node* parent = nullptr;
    const toml::key* key = nullptr;  ///< when the parent is a table
};

Found find(toml::table& root, const KeyPath& path) {
    Found f{&root, nullptr, nullptr};
    for (const KeyStep& step : path) {
        toml::node* next = nullptr;
        const toml::key* key = nullptr;
        if (auto k = std::get_if<std::string>(&step)) {
            auto t = f.node->as_table();
            if (!t) return {};
            auto it = t->find(*k);
            if (it == t->end()) return {};
            next = &it->second;
            key = &it->first;
        } else {
            auto a = f.node->as_array();
            size_t i = std::get<size_t>(step);
            if (!a || i >= a->size()) return {};
            next = a->get(i);
        }
        f = Found{next, f.node, key};
    }
    return f;
}

std::string newline_of(std::string_view text) {
    return text.find("\r\n") != std::string_view::npos ? "\r\n" : "\n";
}

}  // namespace

std::optional<toml::table> parse_toml_text(std::string_view text, std::string* error) {
    try {
        return toml::parse(text);
    } catch (const toml::parse_error& e) {
        if (error) *error = std::string(e.description());
        return std::nullopt;
    }
}

nlohmann::json toml_to_json(const toml::node& n) {
    if (auto t = n.as_table()) {
        nlohmann::json o = nlohmann::json::object();
        for (auto&& [k, v] : *t) o[std::string(k.str())] = toml_to_json(v);
        return o;
    }
    if (auto a = n.as_array()) {
        nlohmann::json arr = nlohmann::json::array();
        for (auto& v : *a) arr.push_back(toml_to_json(v));
        return arr;
    }
    if (auto s = n.as_string()) return s->get();
    if (auto i = n.as_integer()) return i->get();
    if (auto d = n.as_floating_point()) return d->get();
    if (auto b = n.as_boolean()) return b->get();
    std::ostringstream out;
    if (auto d = n.as_date()) out << d->get();
    if (auto t = n.as_time()) out << t->get();
    if (auto dt = n.as_date_time()) out << dt->get();
    return out.str();
}

namespace {

/// The edit's kind, or "date"/"datetime" when it changes a date value.
std::string kind_of(const Edit& e, const toml::node* existing) {
    if (!e.kind.empty() || !existing) return e.kind;
    if (existing->is_date()) return "date";
    if (existing->is_date_time()) return "datetime";
    return "";
}

class Patcher {
  public:
    explicit Patcher(std::string text) : text_(std::move(text)), nl_(newline_of(text_)) {}

    /// Applies one edit; "" or why it cannot be done.
    std::string apply(const Edit& e) {
        std::string why;
        auto parsed = parse_toml_text(text_, &why);
        if (!parsed) return fmt::format("в файле ошибка TOML: {}", why);
        toml::table& root = *parsed;
        Source src(text_);
        std::string before = text_;
        std::string problem = e.op == EditOp::set      ? set(root, src, e)
                              : e.op == EditOp::remove ? remove(root, src, e.key)
                                                       : append(root, src, e);
        if (!problem.empty()) return problem;
        problem = verify(e);
        if (!problem.empty()) text_ = std::move(before);
        return problem;
    }
    const std::string& text() const { return text_; }

  private:
    std::string set(toml::table& root, const Source& src, const Edit& e) {
        if (e.key.empty()) return "не указано поле";
        Found f = find(root, e.key);
        auto value = toml_value_text(e.value, kind_of(e, f.node));
        if (!value) return fmt::format("значение поля '{}' нельзя записать в TOML", dotted(e.key));
        if (f.node) {
            if (src.by_header(*f.node))
                return fmt::format("'{}' — таблица или группа строк: меняйте её поля по одному",
                                   dotted(e.key));
            replace(src.begin(*f.node), src.end(*f.node), *value);
            return "";
        }
        return insert_key(root, src, e.key, *value);
    }

    // A missing key goes after the last key of the nearest table that exists; keys of tables
    // that do not exist yet are written as a `[table]` (at the top level) or dotted keys.
    std::string insert_key(toml::table& root, const Source& src, const KeyPath& key,
                           const std::string& value) {
        size_t have = key.size();
        Found f;
        while (have > 0 && !(f = find(root, KeyPath(key.begin(), key.begin() + have - 1))).node)
            --have;
        KeyPath rest(key.begin() + have - 1, key.end());
        for (const KeyStep& s : rest)
            if (!std::holds_alternative<std::string>(s))
                return fmt::format("строки {} нет в файле", dotted(key));
        toml::table* table = f.node ? f.node->as_table() : nullptr;
        if (!table)
            return fmt::format("'{}' — не таблица",
                               dotted(KeyPath(key.begin(), key.begin() + have - 1)));
        if (table == &root && rest.size() >= 2) {
            KeyPath header(rest.begin(), rest.end() - 1);
            append_block("[" + header_name(header) + "]" + nl_ +
                         key_text(std::get<std::string>(rest.back())) + " = " + value + nl_);
            return "";
        }
        std::string line = header_name(rest) + " = " + value;
        if (table->is_inline()) {
            if (table->empty()) {
                replace(src.begin(*table), src.end(*table), "{ " + line + " }");
            } else {
                size_t last = 0;
                for (auto&& [k, v] : *table) last = std::max(last, subtree_end(src, v));
                replace(last, last, ", " + line);
            }
            return "";
        }
        size_t keys_end = direct_keys_end(src, *table);
        if (keys_end > 0) {
            insert_line(src.line_end(keys_end), line);
        } else if (table != &root) {
            insert_line(src.line_end(src.begin(*table)), line);
        } else if (auto header = first_header_line(src, root)) {
            replace(*header, *header, line + nl_ + nl_);
        } else {
            insert_line(text_.size(), line);
        }
        return "";
    }

    std::string remove(toml::table& root, const Source& src, const KeyPath& key) {
        Found f = find(root, key);
        if (!f.node || !f.parent) return fmt::format("поля '{}' нет в файле", dotted(key));
        if (src.header_array(*f.node)) {
            // Every row's lines are found in the text as it is, then cut from the last one up.
            auto& rows = *f.node->as_array();
            std::vector<std::pair<size_t, size_t>> blocks;
            for (size_t i = 0; i < rows.size(); ++i)
                blocks.push_back(block_range(src, *rows.get(i)));
            for (size_t i = blocks.size(); i-- > 0;) {
                size_t end = blocks[i].second;  // blank lines the next row's block also took
                if (i + 1 < blocks.size()) end = std::min(end, blocks[i + 1].first);
                replace(blocks[i].first, std::max(blocks[i].first, end), "");
            }
            return "";
        }
        if (src.header_table(*f.node)) {
            auto [b, e] = block_range(src, *f.node);
            replace(b, e, "");
            return "";
        }
        auto parent_table = f.parent->as_table();
        if (parent_table && !parent_table->is_inline()) {
            // A key of a table written with a header (or at the top) has lines of its own.
            replace(src.line_start(src.begin(*f.node)), src.line_end(src.end(*f.node)), "");
            return "";
        }
        size_t b = f.key ? src.offset(f.key->source().begin) : src.begin(*f.node);
        remove_list_item(src, b, src.end(*f.node));
        return "";
    }

    std::string append(toml::table& root, const Source& src, const Edit& e) {
        if (e.key.empty()) return "не указано поле";
        Found f = find(root, e.key);
        if (f.node && !f.node->as_array())
            return fmt::format("'{}' — не список, добавить в него нельзя", dotted(e.key));
        if (f.node && !src.header_array(*f.node)) {
            // A list written inline: the new element goes after the last one.
            auto value = toml_value_text(e.value, e.kind);
            if (!value)
                return fmt::format("значение поля '{}' нельзя записать в TOML", dotted(e.key));
            auto& list = *f.node->as_array();
            if (list.empty()) {
                size_t open = src.begin(*f.node) + 1;
                replace(open, open, *value);
            } else {
                size_t last = subtree_end(src, *list.get(list.size() - 1));
                size_t after = last;
                while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t'))
                    ++after;
                if (after < text_.size() && text_[after] == ',')
                    replace(after + 1, after + 1, " " + *value);
                else
                    replace(last, last, ", " + *value);
            }
            return "";
        }
        if (!e.value.is_object()) {
            if (f.node)
                return fmt::format("в '{}' добавляется строка таблицы, а не значение",
                                   dotted(e.key));
            Edit as_set{EditOp::set, e.key, json::array({e.value}), e.kind};
            return set(root, src, as_set);
        }
        std::string block;
        if (!table_block(header_name(e.key), true, e.value, e.member_kinds, "", block))
            return fmt::format("значение поля '{}' нельзя записать в TOML", dotted(e.key));
        if (f.node) {
            auto& rows = *f.node->as_array();
            insert_block(src.line_end(subtree_end(src, *rows.get(rows.size() - 1))), block);
            return "";
        }
        Found parent = find(root, KeyPath(e.key.begin(), e.key.end() - 1));
        if (!parent.node || !parent.node->as_table())
            return fmt::format("'{}' нет в файле", dotted(KeyPath(e.key.begin(), e.key.end() - 1)));
        if (parent.node == &root) {
            append_block(block);
        } else if (src.header_table(*parent.node)) {
            insert_block(src.line_end(subtree_end(src, *parent.node)), block);
        } else {
            return fmt::format("'{}' — не таблица с заголовком",
                               dotted(KeyPath(e.key.begin(), e.key.end() - 1)));
        }
        return "";
    }

    // After an edit the document must parse and hold what was asked at the key (else the edit
    // is undone): a safety net for layouts the rules above did not foresee.
    std::string verify(const Edit& e) {
        std::string why;
        auto parsed = parse_toml_text(text_, &why);
        if (!parsed)
            return fmt::format("правка поля '{}' не удалась (получился неверный TOML: {})",
                               dotted(e.key), why);
        toml::table& root = *parsed;
        Found f = find(root, e.key);
        bool ok = false;
        if (e.op == EditOp::remove) {
            ok = !f.node || std::holds_alternative<size_t>(e.key.back());  // later rows move up
        } else if (e.op == EditOp::set) {
            auto want = toml_value_text(e.value, kind_of(e, f.node));
            auto expected = want ? parse_toml_text("v = " + *want) : std::nullopt;
            ok = f.node && expected &&
                 toml_to_json(*f.node) == toml_to_json(*(*expected)["v"].node());
        } else {
            ok = f.node && f.node->as_array() && !f.node->as_array()->empty();
        }
        return ok ? ""
                  : fmt::format(
                        "правка поля '{}' не удалась: файл устроен необычно, измените его в "
                        "текстовом редакторе",
                        dotted(e.key));
    }

    void replace(size_t from, size_t to, const std::string& with) {
        text_.replace(from, to - from, with);
    }
    /// Inserts a line at `at` (a line start, or the end of the text).
    void insert_line(size_t at, const std::string& line) {
        std::string lead = at == text_.size() && at > 0 && text_.back() != '\n' ? nl_ : "";
        replace(at, at, lead + line + nl_);
    }
    /// Inserts a block of lines after the line that ends at `at`, a blank line before it.
    void insert_block(size_t at, const std::string& block) {
        std::string lead = at == text_.size() && at > 0 && text_.back() != '\n' ? nl_ : "";
        if (at > 0) lead += nl_;
        replace(at, at, lead + block);
    }
    /// A block at the end of the file, after a blank line.
    void append_block(const std::string& block) { insert_block(text_.size(), block); }

    /// The lines of a `[table]` or `[[row]]` and its sub-tables, with the blank lines after it
    /// (or, at the end of the file, before it).
    std::pair<size_t, size_t> block_range(const Source& src, const toml::node& n) const {
        size_t b = src.line_start(src.begin(n));
        size_t e = src.line_end(subtree_end(src, n));
        while (e < text_.size() && src.blank(e, src.line_end(e))) e = src.line_end(e);
        if (e >= text_.size())
            while (b > 0 && src.blank(src.line_start(b - 1), b)) b = src.line_start(b - 1);
        return {b, e};
    }

    /// Removes [b, e) from an inline list with one of its commas; a line left blank goes too.
    void remove_list_item(const Source& src, size_t b, size_t e) {
        size_t after = e;
        while (after < text_.size() && (text_[after] == ' ' || text_[after] == '\t')) ++after;
        if (after < text_.size() && text_[after] == ',') {
            e = after + 1;
            while (e < text_.size() && (text_[e] == ' ' || text_[e] == '\t')) ++e;
        } else {
            size_t before = b;
            while (before > 0 && (text_[before - 1] == ' ' || text_[before - 1] == '\t')) --before;
            if (before > 0 && text_[before - 1] == ',') b = before - 1;
        }
        size_t ls = src.line_start(b);
        size_t le = text_.find('\n', e);
        if (le != std::string::npos && src.blank(ls, b) && src.blank(e, le)) {
            b = ls;
            e = le + 1;
        }
        replace(b, e, "");
    }

    /// `[name]` / `[[name]]` and the keys of `obj`, its tables after its values.
    /// `kinds`: the members' kinds by dotted path (see Edit::member_kinds); `at` is the path of
    /// `obj` within the edited value ("" for the value itself).
    bool table_block(const std::string& name, bool row, const json& obj,
                     const std::map<std::string, std::string>& kinds, const std::string& at,
                     std::string& out) {
        auto kind_of_member = [&](const std::string& k) {
            auto it = kinds.find(at.empty() ? k : at + "." + k);
            return it == kinds.end() ? std::string() : it->second;
        };
        out += (row ? "[[" : "[") + name + (row ? "]]" : "]") + nl_;
        auto rows_of_tables = [](const json& v) {
            return v.is_array() && !v.empty() &&
                   std::all_of(v.begin(), v.end(), [](const json& x) { return x.is_object(); });
        };
        for (auto& [k, v] : obj.items()) {
            if (v.is_object() || rows_of_tables(v)) continue;
            auto text = toml_value_text(v, kind_of_member(k));
            if (!text) return false;
            out += key_text(k) + " = " + *text + nl_;
        }
        for (auto& [k, v] : obj.items()) {
            std::string sub = name + "." + key_text(k);
            std::string inner = at.empty() ? k : at + "." + k;
            if (v.is_object()) {
                out += nl_;
                if (!table_block(sub, false, v, kinds, inner, out)) return false;
            } else if (rows_of_tables(v)) {
                for (const json& r : v) {
                    out += nl_;
                    if (!table_block(sub, true, r, kinds, inner, out)) return false;
                }
            }
        }
        return true;
    }

    std::string text_;
    std::string nl_;
};

}  // namespace

std::string dotted(const KeyPath& key) {
    std::string out;
    for (const KeyStep& s : key) {
        if (!out.empty()) out += '.';
        if (auto k = std::get_if<std::string>(&s))
            out += *k;
        else
            out += std::to_string(std::get<size_t>(s));
    }
    return out;
}

std::optional<KeyPath> key_path_from_json(const json& key) {
    if (!key.is_array() || key.empty()) return std::nullopt;
    KeyPath out;
    for (const json& s : key) {
        if (s.is_string())
            out.emplace_back(s.get<std::string>());
        else if (s.is_number_unsigned() || (s.is_number_integer() && s.get<long long>() >= 0))
            out.emplace_back(static_cast<size_t>(s.get<long long>()));
        else
            return std::nullopt;
    }
    return out;
}

std::optional<std::string> toml_value_text(const json& v, const std::string& kind) {
    if (v.is_string()) {
        std::string s = v.get<std::string>();
        std::smatch m;
        if ((kind == "date" || kind == "datetime") && std::regex_match(s, kDate)) return s;
        if (kind == "datetime" && std::regex_match(s, m, kDateTime))
            return m[1].str() + "T" + m[2].str() + (m[3].matched ? m[3].str() : ":00");
        return basic_string(s, s.find('\n') != std::string::npos);
    }
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    if (v.is_number_integer() || v.is_number_unsigned()) return v.dump();
    if (v.is_number_float()) {
        double d = v.get<double>();
        if (!std::isfinite(d)) return std::nullopt;
        std::string s = fmt::format("{}", d);
        if (s.find_first_of(".eE") == std::string::npos) s += ".0";
        return s;
    }
    if (v.is_array()) {
        std::string out = "[";
        for (const json& e : v) {
            auto t = toml_value_text(e, kind);
            if (!t) return std::nullopt;
            out += (out.size() > 1 ? ", " : "") + *t;
        }
        return out + "]";
    }
    if (v.is_object()) {
        if (v.empty()) return "{}";
        std::string out = "{ ";
        bool first = true;
        for (auto& [k, e] : v.items()) {
            auto t = toml_value_text(e, "");
            if (!t) return std::nullopt;
            out += (first ? "" : ", ") + key_text(k) + " = " + *t;
            first = false;
        }
        return out + " }";
    }
    return std::nullopt;
}

Patched patch_toml(std::string_view text, const std::vector<Edit>& edits) {
    Patcher p{std::string(text)};
    for (const Edit& e : edits)
        if (std::string problem = p.apply(e); !problem.empty()) return {std::string(text), problem};
    return {p.text(), ""};
}

std::optional<KeyPath> key_at(std::string_view text, int line, int column) {
    auto parsed = parse_toml_text(text);
    if (!parsed) return std::nullopt;
    const toml::table& root = *parsed;
    Source src(text);
    auto pos = std::make_pair(line, column);
    auto at = [](const toml::source_position& p) {
        return std::make_pair(static_cast<int>(p.line), static_cast<int>(p.column));
    };
    std::optional<KeyPath> best, table;
    std::pair<int, int> table_begin{0, 0};
    std::function<void(const toml::node&, KeyPath&)> visit = [&](const toml::node& n,
                                                                 KeyPath& path) {
        const auto& r = n.source();
        if (src.header_table(n)) {
            if (at(r.begin) <= pos && at(r.begin) >= table_begin) {
                table = path;
                table_begin = at(r.begin);
            }
        } else if (!path.empty() && !src.by_header(n) && at(r.begin) <= pos && pos < at(r.end)) {
            best = path;
        }
        if (auto t = n.as_table())
            for (auto&& [k, v] : *t) {
                path.emplace_back(std::string(k.str()));
                if (at(k.source().begin) <= pos && pos < at(k.source().end)) best = path;
                visit(v, path);
                path.pop_back();
            }
        if (auto a = n.as_array())
            for (size_t i = 0; i < a->size(); ++i) {
                path.emplace_back(i);
                visit(*a->get(i), path);
                path.pop_back();
            }
    };
    KeyPath path;
    visit(root, path);
    if (best) return best;
    return table;
}

std::optional<PageParts> page_parts(std::string_view text) {
    auto delimiter = [](std::string_view l) {
        while (!l.empty() && (l.back() == ' ' || l.back() == '\t' || l.back() == '\r'))
            l.remove_suffix(1);
        return l == "+++";
    };
    size_t start = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
    size_t first_end = text.find('\n', start);
    if (first_end == std::string_view::npos || !delimiter(text.substr(start, first_end - start)))
        return std::nullopt;
    PageParts parts;
    parts.toml_begin = first_end + 1;
    for (size_t pos = parts.toml_begin; pos < text.size();) {
        size_t end = text.find('\n', pos);
        std::string_view line =
            text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (delimiter(line)) {
            parts.toml_end = pos;
            parts.body_begin = end == std::string_view::npos ? text.size() : end + 1;
            return parts;
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return std::nullopt;
}

}  // namespace nk::editor
