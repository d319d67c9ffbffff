// nastavnik — command line: argument parsing and exit codes only (SPEC §5).
#include <CLI/CLI.hpp>
#include <boost/filesystem.hpp>
#include <ctime>
#include <fstream>
#include <iostream>

#include "config/site_config.h"
#include "diag/messages.h"
#include "fs/file_system.h"
#include "pipeline/pipeline.h"
#include "pipeline/scaffold.h"
#include "pipeline/schema.h"
#include "pipeline/site_root.h"
#include "serve/dev_server.h"
#include "theme/builtin_theme.h"

#ifdef NASTAVNIK_MIMALLOC
#include <unistd.h>

#include "cli/heap_options.h"
#endif

namespace {

constexpr int kUsageError = 2;

#ifdef NASTAVNIK_MIMALLOC
// The launcher (launcher.cpp) sets the allocator's options; the generator run by itself sets
// them and starts again (an exec costs tens of milliseconds), as they are read before main().
void restart_with_heap_options(char** argv) {
    nk::cli::set_heap_options();
    // The binary's own path, not /proc/self/exe, which would rename the process "exe".
    char self[4096] = {};
    if (::readlink("/proc/self/exe", self, sizeof self - 1) > 0) ::execv(self, argv);
    // When that fails, go on as we are.
}
#endif

// The date a new record is dated with: the site's `as_of` when config.toml sets it (a site kept
// for a past school year), else today. A broken config.toml is `check`'s to report.
nk::Date record_date(const std::string& source) {
    nk::fs::SiteFile file{(boost::filesystem::path(source) / "config.toml").string(),
                          "config.toml"};
    nk::diag::Diagnostics ignored;
    if (auto text = nk::fs::read_text(file, ignored))
        if (auto as_of = nk::config::parse_config(*text, file.relative, ignored).as_of)
            if (as_of->valid()) return *as_of;
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    return nk::Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

int run_new(const std::string& source, const std::string& kind, const std::string& title) {
    using nk::diag::tr;
    if (std::string problem = nk::pipeline::scaffold_title_problem(title); !problem.empty()) {
        std::cerr << "error: " << problem << "\n";
        return kUsageError;
    }
    nk::Date today = record_date(source);
    auto rel = nk::pipeline::scaffold_path(kind, title);
    auto text = nk::pipeline::scaffold_text(kind, title, today);
    if (!rel || !text) {
        std::cerr << "error: "
                  << tr("cannot make a file name from the title '{}': it needs letters or digits",
                        title)
                  << "\n";
        return kUsageError;
    }
    boost::filesystem::path path = boost::filesystem::path(source) / *rel;
    try {
        if (boost::filesystem::exists(path)) {
            std::cerr << *rel << ": error: " << tr("file already exists; choose another title")
                      << "\n";
            return 1;
        }
        boost::filesystem::create_directories(path.parent_path());
    } catch (const boost::filesystem::filesystem_error& e) {
        std::cerr << *rel << ": error: " << e.code().message() << "\n";
        return 1;
    }
    std::ofstream out(path.string(), std::ios::binary);
    out << *text;
    if (!out.flush()) {
        std::cerr << *rel << ": error: " << tr("cannot write the file") << "\n";
        return 1;
    }
    std::cout << tr("created {}", *rel) << "\n";
    return 0;
}

// Writes the embedded `files` into `dir`: a new folder, or an empty one (anything else is a
// usage error, and nothing is written).
int write_files(const std::string& dir, std::span<const nk::theme::EmbeddedFile> files,
                const std::string& done) {
    namespace bfs = boost::filesystem;
    boost::system::error_code ec;
    if (bfs::exists(bfs::symlink_status(dir, ec)) &&
        (!bfs::is_directory(dir, ec) || !bfs::is_empty(dir, ec))) {
        std::cerr << dir << ": error: "
                  << nk::diag::tr(
                         "the folder is not empty (or is not a folder); choose a new or "
                         "an empty folder")
                  << "\n";
        return kUsageError;
    }
    if (std::string problem = nk::theme::write_embedded(dir, files); !problem.empty()) {
        std::cerr << "error: " << problem << "\n";
        return 1;
    }
    std::cout << done << "\n";
    return 0;
}

// `--source` when given, else the nearest folder with a config.toml from here upwards. Outside
// any site it says so and the command stops before writing anything.
bool locate_site(const CLI::Option* given, std::string& source) {
    if (given->count() > 0) return true;
    if (auto root = nk::pipeline::find_site_root(".")) {
        source = *root;
        return true;
    }
    std::cerr << "error: "
              << nk::diag::tr(
                     "not inside a nastavnik site: no config.toml in this folder or any "
                     "folder above it (give --source DIR, or make a site with nastavnik "
                     "init DIR)")
              << "\n";
    return false;
}

}  // namespace

int main(int argc, char** argv) {
#ifdef NASTAVNIK_MIMALLOC
    if (nk::cli::wants_heap_options(argc, argv)) restart_with_heap_options(argv);
#endif
    using nk::diag::tr;
    nk::diag::set_language(nk::diag::language_from_environment());
    CLI::App app{"nastavnik — генератор сайтов «Школа-наставник»"};
    app.require_subcommand(1);
    // Global, before or after the command: `nastavnik --lang en check`, `nastavnik check --lang
    // en`.
    app.fallthrough();
    std::string lang;
    app.add_option("--lang", lang,
                   tr("the language of messages: ru (Russian) or en (English); by "
                      "default Russian when LC_ALL, LC_MESSAGES or LANG starts with ru"))
        ->check(CLI::IsMember({"ru", "en"}));
    nk::pipeline::BuildOptions options;
    std::string audience = "public";

    auto* build = app.add_subcommand("build", tr("build the site into site/ (or --out)"));
    auto* build_source = build->add_option(
        "--source", options.source,
        tr("site directory (default: the nearest folder with a config.toml, from here up)"));
    build->add_option("--out", options.out, tr("output directory"));
    build->add_option("--audience", audience, "public | internal")
        ->check(CLI::IsMember({"public", "internal"}));
    build->add_option("--base-url", options.base_url, tr("base URL of the published site"))
        ->check(CLI::Validator(
            [](std::string& url) {
                std::string problem = nk::config::base_url_problem(url);
                return problem.empty() ? problem : tr("the base URL {}", problem);
            },
            "URL"));
    build->add_option("--jobs,-j", options.jobs, tr("worker threads (default: all cores)"));
    build->add_flag("--verbose,-v", options.verbose, tr("print stages, counts and timings"));
    build->add_flag("--force", options.force,
                    tr("replace a non-empty --out folder that is not a nastavnik output"));
    build->add_flag("--drafts", options.drafts, tr("include records marked draft = true"));
    bool no_cache = false;
    build->add_flag("--no-cache", no_cache,
                    tr("rebuild everything; do not read or write .nastavnik-cache/"));

    auto* serve =
        app.add_subcommand("serve", tr("build, serve on 127.0.0.1, rebuild and reload on change"));
    nk::serve::ServeOptions serve_options;
    auto* serve_source = serve->add_option(
        "--source", serve_options.source,
        tr("site directory (default: the nearest folder with a config.toml, from here up)"));
    serve->add_option("--port,-p", serve_options.port, tr("port on 127.0.0.1"))
        ->capture_default_str()
        ->check(CLI::Range(1, 65535));
    serve->add_option("--jobs,-j", serve_options.jobs, tr("worker threads (default: all cores)"));
    serve->add_flag("--verbose,-v", serve_options.verbose,
                    tr("print stages and timings of each build"));
    bool serve_no_drafts = false;
    serve->add_flag("--no-drafts", serve_no_drafts,
                    tr("leave out records marked draft = true, as build does"));

    auto* check = app.add_subcommand("check", tr("validate the site; writes nothing"));
    auto* check_source = check->add_option(
        "--source", options.source,
        tr("site directory (default: the nearest folder with a config.toml, from here up)"));
    check->add_flag("--verbose,-v", options.verbose, tr("print stages and timings"));
    check->add_flag("--drafts", options.drafts, tr("check as a site with its drafts"));

    auto* make = app.add_subcommand(
        "new", tr("scaffold a record: practice | school | event | mentorship | transition"));
    std::string kind, title;
    make->add_option("kind", kind)
        ->required()
        ->check(CLI::IsMember({"practice", "school", "event", "mentorship", "transition"}));
    make->add_option("title", title)->required();
    auto* make_source = make->add_option(
        "--source", options.source,
        tr("site directory (default: the nearest folder with a config.toml, from here up)"));

    auto* init = app.add_subcommand("init", tr("make a new site that builds at once"));
    std::string init_dir;
    init->add_option("dir", init_dir, tr("a new or empty folder"))->required();

    auto* theme = app.add_subcommand("theme", tr("the built-in theme"));
    theme->require_subcommand(1);
    auto* theme_export =
        theme->add_subcommand("export", tr("write the built-in theme out (to change it)"));
    std::string export_dir;
    theme_export->add_option("dir", export_dir, tr("a new or empty folder, e.g. themes/default"))
        ->required();

    auto* schema =
        app.add_subcommand("schema", tr("write JSON Schemas of every record type for editors"));
    std::string schema_out;
    schema
        ->add_option("--source", options.source, tr("site directory (its config gives the codes)"))
        ->capture_default_str();
    schema->add_option("--out", schema_out, tr("output directory (default: SOURCE/schemas)"));

    auto* version = app.add_subcommand("version", tr("print the version"));

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);
        return kUsageError;
    }

    if (auto chosen = nk::diag::parse_language(lang)) nk::diag::set_language(*chosen);
    if (version->parsed()) {
        std::cout << "nastavnik " << NASTAVNIK_VERSION << "\n";
        return 0;
    }
    if (init->parsed())
        return write_files(
            init_dir, nk::theme::starter_site_files(),
            nk::diag::tr("created a site in {0}; see it with: cd {0} && nastavnik serve",
                         init_dir));
    if (theme_export->parsed())
        return write_files(export_dir, nk::theme::builtin_theme_files(),
                           nk::diag::tr("wrote the built-in theme into {}", export_dir));
    if (make->parsed())
        return locate_site(make_source, options.source) ? run_new(options.source, kind, title)
                                                        : kUsageError;
    serve_options.drafts = !serve_no_drafts;
    if (serve->parsed())
        return locate_site(serve_source, serve_options.source)
                   ? nk::serve::run_dev_server(serve_options, std::cout, std::cerr)
                   : kUsageError;
    if (schema->parsed())
        return nk::pipeline::run_schema(options.source, schema_out, std::cout, std::cerr);
    if (!locate_site(build->parsed() ? build_source : check_source, options.source))
        return kUsageError;
    options.audience = audience == "internal" ? nk::model::Audience::internal_site
                                              : nk::model::Audience::public_site;
    options.write = build->parsed();
    options.use_cache = !no_cache;
#ifdef NASTAVNIK_MIMALLOC
    options.exiting = true;
#endif
    auto report = nk::pipeline::run_build(options, std::cout, std::cerr);
    if (check->parsed() && report.exit_code == 0) std::cout << nk::diag::tr("no errors") << "\n";
    return report.exit_code;
}
