#include "output/json_text.h"

#include <nlohmann/json.hpp>

namespace nk::output {

void append_json_string(std::string& out, std::string_view s) {
    out += '"';
    size_t plain = 0;  // characters before `i` not yet appended: copied in one go
    for (size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        if (c != '"' && c != '\\' && static_cast<unsigned char>(c) >= 0x20) continue;
        out.append(s, plain, i - plain);
        plain = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                static const char* kHex = "0123456789abcdef";
                out += "\\u00";
                out += kHex[(c >> 4) & 15];
                out += kHex[c & 15];
            }
        }
    }
    out.append(s, plain, std::string_view::npos);
    out += '"';
}

void PrettyJsonWriter::indent(size_t level) {
    out_.append(level, '\t');
}

void PrettyJsonWriter::before_value() {
    if (after_key_) {  // the key has placed it
        after_key_ = false;
        return;
    }
    if (counts_.empty()) return;  // the top value
    out_ += counts_.back()++ ? ",\n" : "\n";
    indent(counts_.size());
}

void PrettyJsonWriter::key(std::string_view name) {
    before_value();
    append_json_string(out_, name);
    out_ += ": ";
    after_key_ = true;
}

void PrettyJsonWriter::open(char bracket) {
    before_value();
    out_ += bracket;
    counts_.push_back(0);
}

void PrettyJsonWriter::close(char bracket) {
    size_t count = counts_.back();
    counts_.pop_back();
    if (count) {
        out_ += '\n';
        indent(counts_.size());
    }
    out_ += bracket;
}

void PrettyJsonWriter::string(std::string_view value) {
    before_value();
    append_json_string(out_, value);
}

void PrettyJsonWriter::number(double value) {
    before_value();
    out_ += nlohmann::json(value).dump();
}

void PrettyJsonWriter::null() {
    before_value();
    out_ += "null";
}

void PrettyJsonWriter::strings(const std::vector<std::string>& values) {
    begin_array();
    for (const auto& v : values) string(v);
    end_array();
}

}  // namespace nk::output
