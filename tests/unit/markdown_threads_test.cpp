// Markdown rendered on many threads at once gives exactly what it gives on one: cmark-gfm keeps
// the extensions' inline characters in global tables, which parallel parsing used to corrupt
// (a page lost its ~~strikethrough~~ or autolinks at random, so two builds differed); texts
// without a '~' are now parsed in parallel.

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "markdown/markdown.h"

using namespace nk;

TEST_CASE("markdown: parallel rendering is deterministic") {
    // With a '~' (parsed one at a time) and without one (parsed in parallel), mixed.
    const std::string sources[] = {
        "# Заголовок\n\n- ~~зачёркнуто~~ и www.example.org/page и https://example.org/\n"
        "- [ ] задача\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n",
        "# Заголовок\n\n- **важно** и www.example.org/page и https://example.org/\n"
        "- [x] задача\n\n| a | b |\n|---|---|\n| mailto:a@example.org | *y* |\n"};
    diag::Diagnostics d;
    std::string expected[2];
    for (int k = 0; k < 2; ++k) {
        expected[k] = markdown::render(sources[k], "p.md", 1, d).html.str();
        REQUIRE(expected[k].find("href=\"http://www.example.org/page\"") != std::string::npos);
        REQUIRE(expected[k].find("href=\"https://example.org/\"") != std::string::npos);
    }
    REQUIRE(expected[0].find("<del>зачёркнуто</del>") != std::string::npos);
    REQUIRE(expected[0].find("<td><del>x</del></td>") != std::string::npos);
    REQUIRE(expected[1].find("<strong>важно</strong>") != std::string::npos);

    std::atomic<int> different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            diag::Diagnostics local;
            for (int i = 0; i < 300; ++i) {
                int k = (t + i) % 3 == 0 ? 0 : 1;
                if (markdown::render(sources[k], "p.md", 1, local).html != expected[k]) ++different;
            }
        });
    for (auto& thread : threads) thread.join();
    CHECK(different.load() == 0);
}
