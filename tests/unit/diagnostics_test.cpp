#include "diag/diagnostics.h"

#include <doctest/doctest.h>

#include <sstream>

#include "diag/did_you_mean.h"

using namespace nk::diag;

TEST_CASE("diagnostics print path:line:col, the source line and a caret, sorted") {
    Diagnostics d;
    d.add_source("a.toml", "name = 1\nkind = \"город\"\n");
    d.error({"a.toml", 2, 8}, "'kind' must be one of urban, rural");
    d.warning({"a.toml", 1, 1}, "something");
    std::ostringstream out;
    d.print(out);
    CHECK(out.str() ==
          "a.toml:1:1: warning: something\n    name = 1\n    ^\n"
          "a.toml:2:8: error: 'kind' must be one of urban, rural\n    kind = \"город\"\n           "
          "^\n");
    CHECK(d.error_count() == 1);
    CHECK(d.warning_count() == 1);
}

TEST_CASE("a caret under Cyrillic text counts code points, not bytes") {
    Diagnostics d;
    d.add_source("p.md", "ё = \"школа\"\n");
    d.error({"p.md", 1, 5}, "x");
    std::ostringstream out;
    d.print(out);
    CHECK(out.str().find("\n        ^\n") != std::string::npos);
}

TEST_CASE("did you mean picks the closest candidate within reach") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(did_you_mean("sosh-99", {"sosh-9", "gimnaziya-3"}) == " (did you mean 'sosh-9'?)");
    CHECK(did_you_mean("municipalty", {"municipality", "name"}) ==
          " (did you mean 'municipality'?)");
    CHECK(did_you_mean("zzzzzz", {"name", "kind"}).empty());
}

TEST_CASE("the quoted line and its caret after a lone CR: lines end at LF, CRLF or CR") {
    Diagnostics d;
    d.add_source("p.md", "первая\rёж = <x>\r\nтретья\n");
    d.error({"p.md", 2, 6}, "here");
    d.error({"p.md", 3, 1}, "third");
    std::ostringstream out;
    d.print(out);
    CHECK(out.str() ==
          "p.md:2:6: error: here\n    ёж = <x>\n         ^\n"
          "p.md:3:1: error: third\n    третья\n    ^\n");
    CHECK(Diagnostics::line_of("a\rb\r\nc\nd", 3) == "c");
    CHECK(Diagnostics::line_of("a\rb\r\nc\nd", 4) == "d");
    CHECK(Diagnostics::line_of("a\rb", 3).empty());
}

TEST_CASE("100,000 diagnostics in one file are all printed, each with its own line") {
    // Each quote used to scan the file from the top: quadratic, minutes at this size.
    const int n = 100000;
    std::string text;
    for (int i = 0; i < n; ++i) text += "key_" + std::to_string(i) + " = 1\n";
    Diagnostics d;
    d.add_source("big.toml", text);
    for (int i = n; i >= 1; --i) d.error({"big.toml", i, 1}, "unknown field");
    std::ostringstream out;
    d.print(out);
    std::string printed = out.str();
    size_t errors = 0;
    for (size_t at = printed.find(": error: "); at != std::string::npos;
         at = printed.find(": error: ", at + 1))
        ++errors;
    CHECK(errors == static_cast<size_t>(n));
    CHECK(printed.find("big.toml:100000:1: error: unknown field\n    key_99999 = 1\n") !=
          std::string::npos);
}
