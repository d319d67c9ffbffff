// Markdown rendered on many threads at once gives exactly what it gives on one: cmark-gfm keeps
// the extensions' inline characters in global tables, which parallel parsing used to corrupt
// (a page lost its ~~strikethrough~~ or autolinks at random, so two builds differed).

#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "markdown/markdown.h"

using namespace nk;

TEST_CASE("markdown: parallel rendering is deterministic") {
    const std::string source =
        "# Заголовок\n\n- ~~зачёркнуто~~ и www.example.org/page и https://example.org/\n"
        "- [ ] задача\n\n| a | b |\n|---|---|\n| ~~x~~ | y |\n";
    diag::Diagnostics d;
    const std::string expected = markdown::render(source, "p.md", 1, d).html.str();
    REQUIRE(expected.find("<del>зачёркнуто</del>") != std::string::npos);
    REQUIRE(expected.find("href=\"http://www.example.org/page\"") != std::string::npos);

    std::atomic<int> different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&] {
            diag::Diagnostics local;
            for (int i = 0; i < 300; ++i)
                if (markdown::render(source, "p.md", 1, local).html != expected) ++different;
        });
    for (auto& thread : threads) thread.join();
    CHECK(different.load() == 0);
}
