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
