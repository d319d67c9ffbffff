#include "config/toml_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <sstream>

#include "diag/did_you_mean.h"
#include "diag/messages.h"

namespace nk::config {

namespace {

// toml++ words its errors "Error while parsing <scope>: <detail>", the detail mostly "expected
// <what>, saw '<char>'". In Russian they are put together again from the parts the catalogue
// knows; a part it does not know stays as toml++ wrote it.
std::string toml_scope(std::string_view scope) {
    if (scope == "key-value pair") return diag::tr("in a key = value line");
    if (scope == "root table") return diag::tr("at the top level of the file");
    if (scope == "array") return diag::tr("in a list [...]");
    if (scope == "string" || scope == "literal string") return diag::tr("in a string");
    if (scope == "inline table") return diag::tr("in a table {{...}}");
    if (scope == "table header") return diag::tr("in a table header [...]");
    if (scope == "date" || scope == "date-time" || scope == "time" || scope == "date-time offset")
        return diag::tr("in a date or time");
    if (scope == "value" || scope == "floating-point" || scope == "boolean")
        return diag::tr("in a value");
    if (scope == "key") return diag::tr("in a key");
    return std::string(scope);
}

std::string toml_expected(std::string_view what) {
    if (what == "value") return diag::tr("a value");
    if (what == "a comment or whitespace") return diag::tr("a comment or a line end");
    if (what == "keys, tables, whitespace or comments")
        return diag::tr("a key, a table header or a comment");
    if (what == "value-terminator") return diag::tr("the end of the value");
    if (what == "comma or closing ']'") return diag::tr("a comma or a closing ']'");
    if (what == "comma or closing '}'") return diag::tr("a comma or a closing '}}'");
    if (what == "decimal digit" || what == "digit") return diag::tr("a digit");
    if (what == "bare key starting character or string delimiter")
        return diag::tr("a key (Latin letters, digits, '_', '-') or a quote");
    return std::string(what);
}

std::string toml_saw(std::string_view saw) {
    return saw == "'\\n'" ? diag::tr("the end of the line") : std::string(saw);
}

// The number written with a decimal comma on a `key = 0,28` line ("0.28"), if that is what
// the line holds.
std::optional<std::string> decimal_comma(std::string_view line) {
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) return std::nullopt;
    std::string_view v = line.substr(eq + 1);
    if (size_t hash = v.find('#'); hash != std::string_view::npos) v = v.substr(0, hash);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    size_t comma = v.find(',');
    auto digits = [](std::string_view d) {
        return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
    };
    std::string_view whole = v.substr(0, comma);
    if (!whole.empty() && (whole[0] == '-' || whole[0] == '+')) whole.remove_prefix(1);
    if (comma == std::string_view::npos || !digits(whole) || !digits(v.substr(comma + 1)))
        return std::nullopt;
    std::string out(v);
    out[comma] = '.';
    return out;
}

std::string toml_problem(const std::string& description) {
    if (diag::language() == diag::Language::en) return description;
    std::string_view d(description);
    constexpr std::string_view prefix = "Error while parsing ";
    size_t colon = d.find(": ");
    if (d.substr(0, prefix.size()) != prefix || colon == std::string_view::npos) return description;
    std::string_view scope = d.substr(prefix.size(), colon - prefix.size());
    std::string_view detail = d.substr(colon + 2);
    std::string text(detail);
    int low = 0, high = 0, value = 0;
    char unit[16] = {};
    std::string detail_text(detail);
    if (detail == "encountered end-of-file") {
        text = diag::tr("the file ends before the value is closed");
    } else if (detail.find("unescaped control characters") == 0) {
        text = diag::tr("control characters (other than a tab) are not allowed in a string");
    } else if (std::sscanf(detail_text.c_str(),
                           "expected %15s between %d and %d (inclusive), saw %d", unit, &low, &high,
                           &value) == 4) {
        std::string_view u(unit);
        text = u == "month"  ? diag::tr("the month must be from {} to {}, not {}", low, high, value)
               : u == "day"  ? diag::tr("the day must be from {} to {}, not {}", low, high, value)
               : u == "hour" ? diag::tr("the hour must be from {} to {}, not {}", low, high, value)
               : u == "minute"
                   ? diag::tr("the minutes must be from {} to {}, not {}", low, high, value)
                   : text;
    } else if (size_t saw = detail.rfind(", saw ");
               detail.substr(0, 9) == "expected " && saw != std::string_view::npos) {
        text = diag::tr("expected {}, not {}", toml_expected(detail.substr(9, saw - 9)),
                        toml_saw(detail.substr(saw + 6)));
    }
    return diag::tr("{}: {}", toml_scope(scope), text);
}

}  // namespace

std::optional<toml::table> parse_toml(const std::string& text, const std::string& path,
                                      diag::Diagnostics& diags, int leading_lines) {
    std::string padded = std::string(static_cast<size_t>(leading_lines), '\n') + text;
    try {
        return toml::parse(padded, path);
    } catch (const toml::parse_error& e) {
        std::string original(e.description());
        std::string message = toml_problem(original);
        // toml++ sees an unclosed string as one running into the end of the line.
        if (original.find("parsing string") != std::string::npos &&
            original.find("control characters") != std::string::npos)
            message += diag::tr(" (is the closing quote missing?)");
        // A key typed in Russian: field names are Latin; free names need quotes.
        size_t saw = original.find("saw '");
        if (original.find("expected keys") != std::string::npos && saw != std::string::npos &&
            static_cast<unsigned char>(original[saw + 5]) >= 0x80)
            message += diag::tr(
                " (field names are Latin, like title; a name of your own in [internal] "
                "goes in quotes: \"Примечание\" = ...)");
        // "ior = 0,28": a decimal comma, as a Russian spreadsheet writes numbers.
        if (auto number = decimal_comma(
                diag::Diagnostics::line_of(padded, static_cast<int>(e.source().begin.line))))
            message += diag::tr(" (use a point: {})", *number);
        diags.error({path, static_cast<int>(e.source().begin.line),
                     static_cast<int>(e.source().begin.column)},
                    diag::tr("invalid TOML: {}", message));
        return std::nullopt;
    }
}

diag::SourceLoc loc_of(const toml::node& node, const std::string& path) {
    return {path, static_cast<int>(node.source().begin.line),
            static_cast<int>(node.source().begin.column)};
}

std::string toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return diag::tr("a string");
        case toml::node_type::integer:
            return diag::tr("an integer");
        case toml::node_type::floating_point:
            return diag::tr("a number");
        case toml::node_type::boolean:
            return diag::tr("a boolean");
        case toml::node_type::date:
            return diag::tr("a date");
        case toml::node_type::time:
            return diag::tr("a time");
        case toml::node_type::date_time:
            return diag::tr("a date-time");
        case toml::node_type::array:
            return diag::tr("an array");
        case toml::node_type::table:
            return diag::tr("a table");
        default:
            return diag::tr("nothing");
    }
}

TableReader::TableReader(const toml::table& table, std::string path, diag::Diagnostics& diags,
                         diag::SourceLoc where)
    : table_(&table), path_(std::move(path)), diags_(&diags), where_(std::move(where)) {
    if (where_.path.empty()) where_ = {path_, 1, 1};
    if (table.source().begin.line > 0) where_ = loc_of(table, path_);
}

diag::SourceLoc TableReader::loc(std::string_view key) const {
    if (const toml::node* n = table_->get(key)) return loc_of(*n, path_);
    return where_;
}

int TableReader::text_line(std::string_view key) const {
    const toml::node* n = table_->get(key);
    if (!n || !n->is_string()) return 0;
    // Counted back from the closing quotes: toml++ drops the newline after opening ones.
    const std::string& value = n->as_string()->get();
    auto newlines = std::count(value.begin(), value.end(), '\n');
    return static_cast<int>(n->source().end.line) - static_cast<int>(newlines);
}

void TableReader::error(std::string_view key, const std::string& message) {
    diags_->error(loc(key), message);
}

const toml::node* TableReader::get(std::string_view key, Need need) {
    seen_.emplace(key);
    const toml::node* n = table_->get(key);
    if (!n && need == Need::required)
        diags_->error(where_, diag::tr("missing required field '{}'", key));
    return n;
}

void TableReader::type_error(std::string_view key, const toml::node& node,
                             const std::string& expected) {
    diags_->error(loc_of(node, path_),
                  diag::tr("'{}' must be {}, not {}", key, expected, toml_type_name(node)));
}

std::optional<std::string> TableReader::text(std::string_view key, Need need) {
    auto v = located_text(key, need);
    if (!v) return std::nullopt;
    return std::move(v->value);
}

std::optional<Located> TableReader::located_text(std::string_view key, Need need) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    if (!n->is_string()) {
        type_error(key, *n, diag::tr("a string"));
        return std::nullopt;
    }
    std::string value = n->as_string()->get();
    if (need == Need::required && value.find_first_not_of(" \t\n") == std::string::npos) {
        diags_->error(loc_of(*n, path_), diag::tr("'{}' must not be empty", key));
        return std::nullopt;
    }
    return Located{std::move(value), loc_of(*n, path_)};
}

static std::string format_number(double v) {
    std::ostringstream s;
    s << v;
    return s.str();
}

// "0,75" in quotes is how a number looks in a Russian spreadsheet: say how TOML wants it.
static std::string number_hint(const toml::node& n) {
    if (!n.is_string()) return diag::tr("a number");
    std::string value = n.as_string()->get();
    bool comma = value.find(',') != std::string::npos;
    std::replace(value.begin(), value.end(), ',', '.');
    char* end = nullptr;
    std::strtod(value.c_str(), &end);
    if (value.empty() || end != value.c_str() + value.size()) return diag::tr("a number");
    if (comma) return diag::tr("a number (write {} without quotes, with a point)", value);
    return diag::tr("a number (write {} without quotes)", value);
}

std::optional<double> TableReader::number(std::string_view key, Need need, double min, double max) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    double v = 0;
    if (n->is_integer()) {
        v = static_cast<double>(n->as_integer()->get());
    } else if (n->is_floating_point()) {
        v = n->as_floating_point()->get();
    } else {
        type_error(key, *n, number_hint(*n));
        return std::nullopt;
    }
    if (!std::isfinite(v) || v < min || v > max) {
        diags_->error(loc_of(*n, path_),
                      diag::tr("'{}' is {}, outside the allowed range {}..{}", key,
                               format_number(v), format_number(min), format_number(max)));
        return std::nullopt;
    }
    return v;
}

std::optional<long> TableReader::integer(std::string_view key, Need need, long min, long max) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
        type_error(key, *n, diag::tr("an integer"));
        return std::nullopt;
    }
    long v = static_cast<long>(n->as_integer()->get());
    if (v < min || v > max) {
        diags_->error(loc_of(*n, path_),
                      diag::tr("'{}' is {}, outside the allowed range {}..{}", key,
                               std::to_string(v), std::to_string(min), std::to_string(max)));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(std::string_view key, Need need) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        type_error(key, *n, diag::tr("true or false"));
        return std::nullopt;
    }
    return n->as_boolean()->get();
}

static std::optional<Date> checked_date(const toml::date& d, const diag::SourceLoc& loc,
                                        diag::Diagnostics& diags) {
    Date date{d.year, d.month, d.day};
    if (!date.valid()) {
        diags.error(loc, diag::tr("impossible date {}", date.iso()));
        return std::nullopt;
    }
    return date;
}

std::optional<Date> TableReader::date(std::string_view key, Need need) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    if (!n->is_date()) {
        type_error(key, *n, diag::tr("a date (like 2021-02-01, without quotes)"));
        return std::nullopt;
    }
    return checked_date(n->as_date()->get(), loc_of(*n, path_), *diags_);
}

std::optional<DateTime> TableReader::date_time(std::string_view key, Need need) {
    const toml::node* n = get(key, need);
    if (!n) return std::nullopt;
    if (n->is_date()) {
        auto d = checked_date(n->as_date()->get(), loc_of(*n, path_), *diags_);
        if (!d) return std::nullopt;
        return DateTime{*d};
    }
    if (!n->is_date_time()) {
        type_error(key, *n,
                   diag::tr("a date or date-time (like 2021-02-01 or 2021-02-01T10:00:00)"));
        return std::nullopt;
    }
    const toml::date_time& dt = n->as_date_time()->get();
    auto d = checked_date(dt.date, loc_of(*n, path_), *diags_);
    if (!d) return std::nullopt;
    return DateTime{*d, true, dt.time.hour, dt.time.minute};
}

std::vector<Located> TableReader::strings(std::string_view key, Need need) {
    std::vector<Located> out;
    const toml::node* n = get(key, need);
    if (!n) return out;
    if (n->is_string()) {  // a single value where a list is expected is a common slip
        diags_->error(loc_of(*n, path_), diag::tr("'{}' must be a list of strings: write [\"{}\"]",
                                                  key, n->as_string()->get()));
        return out;
    }
    if (!n->is_array()) {
        type_error(key, *n, diag::tr("a list of strings"));
        return out;
    }
    for (const toml::node& item : *n->as_array()) {
        if (!item.is_string()) {
            diags_->error(loc_of(item, path_),
                          diag::tr("'{}' must hold only strings; this element is {}", key,
                                   toml_type_name(item)));
            continue;
        }
        out.push_back({item.as_string()->get(), loc_of(item, path_)});
    }
    if (need == Need::required && out.empty())
        diags_->error(loc_of(*n, path_), diag::tr("'{}' must not be empty", key));
    return out;
}

std::vector<long> TableReader::integers(std::string_view key, Need need, long min, long max) {
    std::vector<long> out;
    const toml::node* n = get(key, need);
    if (!n) return out;
    if (!n->is_array()) {
        type_error(key, *n, diag::tr("a list of integers"));
        return out;
    }
    for (const toml::node& item : *n->as_array()) {
        if (!item.is_integer()) {
            diags_->error(loc_of(item, path_),
                          diag::tr("'{}' must hold only integers; this element is {}", key,
                                   toml_type_name(item)));
            continue;
        }
        long v = static_cast<long>(item.as_integer()->get());
        if (v < min || v > max) {
            diags_->error(loc_of(item, path_),
                          diag::tr("'{}' has {}, outside {}..{}", key, v, min, max));
            continue;
        }
        out.push_back(v);
    }
    return out;
}

size_t TableReader::array_length(std::string_view key) const {
    const toml::node* n = table_->get(key);
    return n && n->is_array() ? n->as_array()->size() : 0;
}

std::vector<TableReader> TableReader::tables(std::string_view key, Need need) {
    std::vector<TableReader> out;
    const toml::node* n = get(key, need);
    if (!n) return out;
    const toml::array* arr = n->as_array();
    if (!arr || !arr->is_array_of_tables()) {
        type_error(key, *n, diag::tr("an array of tables ([[{}]])", key));
        return out;
    }
    for (const toml::node& item : *arr)
        out.emplace_back(*item.as_table(), path_, *diags_, loc_of(item, path_));
    return out;
}

std::optional<TableReader> TableReader::table(std::string_view key) {
    const toml::node* n = get(key, Need::optional);
    if (!n) return std::nullopt;
    if (!n->is_table()) {
        type_error(key, *n, diag::tr("a table"));
        return std::nullopt;
    }
    return TableReader(*n->as_table(), path_, *diags_, loc_of(*n, path_));
}

std::vector<std::pair<Located, Located>> TableReader::string_entries() {
    std::vector<std::pair<Located, Located>> out;
    for (auto&& [k, v] : *table_) {
        seen_.emplace(k.str());
        diag::SourceLoc key_loc{path_, static_cast<int>(k.source().begin.line),
                                static_cast<int>(k.source().begin.column)};
        if (!v.is_string()) {
            type_error(k.str(), v, diag::tr("a string (the label)"));
            continue;
        }
        out.push_back({{std::string(k.str()), key_loc}, {v.as_string()->get(), loc_of(v, path_)}});
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first.loc.line, a.first.loc.column) <
               std::tie(b.first.loc.line, b.first.loc.column);
    });
    return out;
}

bool TableReader::internal_visibility() {
    auto v = located_text("visibility");
    if (!v) return false;
    if (v->value == "internal") return true;
    if (v->value != "public")
        diags_->error(
            v->loc,
            diag::tr("'visibility' must be \"public\" or \"internal\", not \"{}\"", v->value));
    return false;
}

static std::string display_value(const toml::node& n) {
    if (n.is_string()) return n.as_string()->get();
    if (n.is_boolean()) return n.as_boolean()->get() ? "да" : "нет";
    if (n.is_date()) {
        const auto& d = n.as_date()->get();
        return Date{d.year, d.month, d.day}.iso();
    }
    if (n.is_array()) {
        std::string out;
        for (const toml::node& item : *n.as_array()) {
            if (!out.empty()) out += ", ";
            out += display_value(item);
        }
        return out;
    }
    std::ostringstream s;
    if (n.is_integer()) s << n.as_integer()->get();
    if (n.is_floating_point()) s << n.as_floating_point()->get();
    return s.str();
}

std::vector<std::pair<std::string, std::string>> TableReader::internal_fields() {
    std::vector<std::pair<std::string, std::string>> out;
    auto t = table("internal");
    if (!t) return out;
    for (auto&& [k, v] : *t->table_) {
        if (v.is_table() || (v.is_array() && v.as_array()->is_array_of_tables())) {
            diags_->error(loc_of(v, path_),
                          diag::tr("[internal] values must be plain values, not tables"));
            continue;
        }
        out.emplace_back(std::string(k.str()), display_value(v));
    }
    return out;
}

namespace {
thread_local AskedKeys* asked_keys = nullptr;
}  // namespace

AskedKeys::AskedKeys() {
    asked_keys = this;
}
AskedKeys::~AskedKeys() {
    asked_keys = nullptr;
}

void TableReader::finish(const std::vector<std::string>& outer_keys,
                         const std::string& outer_hint) {
    std::vector<std::string> known(seen_.begin(), seen_.end());
    if (asked_keys) asked_keys->tables.push_back(known);
    for (auto&& [k, v] : *table_) {
        if (seen_.count(k.str())) continue;
        diag::SourceLoc loc{path_, static_cast<int>(k.source().begin.line),
                            static_cast<int>(k.source().begin.column)};
        if (loc.line == 0) loc = loc_of(v, path_);
        bool outer = std::find(outer_keys.begin(), outer_keys.end(), k.str()) != outer_keys.end();
        diags_->error(loc, diag::tr("unknown field '{}'{}", k.str(),
                                    outer ? outer_hint : diag::did_you_mean(k.str(), known)));
    }
}

bool TableReader::nested_has(std::string_view array_key, std::string_view key) const {
    const toml::array* arr = table_->get_as<toml::array>(array_key);
    if (!arr) return false;
    for (const toml::node& item : *arr)
        if (const toml::table* t = item.as_table(); t && t->contains(key)) return true;
    return false;
}

}  // namespace nk::config
