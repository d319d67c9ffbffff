#include "serve/dev_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/filesystem.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "diag/messages.h"
#include "editor/edit_api.h"
#include "editor/request_guard.h"
#include "editor/ui_files.h"
#include "fs/file_system.h"
#include "pipeline/build_cache.h"
#include "pipeline/pipeline.h"
#include "serve/file_watcher.h"
#include "serve/live_reload.h"
#include "serve/site_files.h"

namespace nk::serve {

namespace {

class DevServer {
  public:
    DevServer(const ServeOptions& o, std::ostream& log, std::ostream& err) : log_(log), err_(err) {
        build_.source = o.source;
        build_.out =
            (boost::filesystem::path(pipeline::cache_dir(o.source)) / "serve" / "site").string();
        build_.base_url = "http://127.0.0.1:" + std::to_string(o.port) + "/";
        build_.jobs = o.jobs;
        build_.verbose = o.verbose;
        build_.drafts = o.drafts;
        port_ = o.port;
        editor_ = std::make_unique<editor::EditApi>(o.source, o.drafts);
        // Each open page holds a connection for its event stream: more threads than the default.
        server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
        server_.set_keep_alive_timeout(1);  // idle connections do not hold up Ctrl+C
        // The editor posts one record at a time; the loader reads no file larger than this.
        server_.set_payload_max_length(2 * fs::kMaxInputBytes);
        routes();
    }

    int run();
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        changed_.notify_all();
        server_.stop();
    }

  private:
    void routes();
    void rebuild();
    void watch(FileWatcher& watcher);
    void serve_file(const httplib::Request& req, httplib::Response& res);
    void send_page(httplib::Response& res, int status, const std::string& file);
    void edit_routes();
    void serve_editor(const httplib::Request& req, httplib::Response& res);
    SiteState state() {
        std::lock_guard lock(mutex_);
        return state_;
    }
    bool have_site() {
        std::lock_guard lock(mutex_);
        return have_site_;
    }
    bool stopping() {
        std::lock_guard lock(mutex_);
        return stopping_;
    }

    pipeline::BuildOptions build_;
    int port_ = 0;
    std::string token_;  ///< the editor's key for this run (editor/request_guard.h)
    std::unique_ptr<editor::EditApi> editor_;
    std::ostream& log_;
    std::ostream& err_;
    httplib::Server server_;
    std::mutex mutex_;
    std::condition_variable changed_;
    SiteState state_;
    unsigned long version_ = 0;  ///< goes up with every build, for the event streams
    bool stopping_ = false;
    bool have_site_ = false;
};

void DevServer::rebuild() {
    std::ostringstream problems;
    pipeline::BuildReport report = pipeline::run_build(build_, log_, problems);
    err_ << problems.str() << std::flush;
    {
        std::lock_guard lock(mutex_);
        state_.ok = report.exit_code == 0;
        // The last good site stays: only a successful build that changed files moves pages on.
        if (state_.ok && (report.written > 0 || !have_site_)) ++state_.generation;
        if (state_.ok) have_site_ = true;
        state_.diagnostics = report.diagnostics;
        state_.printed = report.printed;
        ++version_;
    }
    changed_.notify_all();
}

void DevServer::watch(FileWatcher& watcher) {
    while (!stopping()) {
        if (!watcher.wait(std::chrono::milliseconds(200), std::chrono::milliseconds(120))) continue;
        log_ << diag::tr("changed: {}", watcher.last_change()) << "\n" << std::flush;
        rebuild();
    }
}

void DevServer::send_page(httplib::Response& res, int status, const std::string& file) {
    auto bytes = fs::read_bytes(file);
    if (!bytes) {
        res.status = 404;
        res.set_content("not found\n", "text/plain; charset=utf-8");
        return;
    }
    res.status = status;
    std::string type = content_type(file);
    if (type.rfind("text/html", 0) == 0)
        *bytes = inject(std::move(*bytes), page_snippet(state(), build_.source));
    res.set_content(std::move(*bytes), type.c_str());
}

void DevServer::serve_file(const httplib::Request& req, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    if (!have_site()) {  // no build has succeeded yet: every page is the error report
        res.status = 503;
        res.set_content(error_page(state(), build_.source), "text/html; charset=utf-8");
        return;
    }
    std::string root = *build_.out;
    Resolved found = resolve(root, req.path);
    switch (found.result) {
        case Lookup::found:
            return send_page(res, 200, found.file);
        case Lookup::redirect:
            return res.set_redirect(found.location);
        case Lookup::forbidden:
            res.status = 403;
            res.set_content("forbidden\n", "text/plain; charset=utf-8");
            return;
        case Lookup::not_found:
            break;
    }
    Resolved missing = resolve(root, "/404.html");
    if (missing.result == Lookup::found) return send_page(res, 404, missing.file);
    res.status = 404;
    res.set_content("not found\n", "text/plain; charset=utf-8");
}

// The editor (/__nastavnik/edit/): its page and assets, and its API; every request is checked
// first (token, Host, Origin), and a refused one does nothing.
void DevServer::serve_editor(const httplib::Request& req, httplib::Response& res) {
    static const std::string prefix = "/__nastavnik/edit/";
    res.set_header("Cache-Control", "no-store");
    res.set_header("Referrer-Policy", "no-referrer");  // the token is in the page's address
    res.set_header("X-Frame-Options", "DENY");
    res.set_header("X-Content-Type-Options", "nosniff");
    std::string rest = req.path.size() > prefix.size() ? req.path.substr(prefix.size()) : "";
    bool api = rest.rfind("api/", 0) == 0;
    editor::RequestFacts facts;
    facts.method = req.method;
    facts.api = api;
    if (req.has_header("Host")) facts.host = req.get_header_value("Host");
    if (req.has_header("Origin")) facts.origin = req.get_header_value("Origin");
    if (req.has_header("Sec-Fetch-Site"))
        facts.sec_fetch_site = req.get_header_value("Sec-Fetch-Site");
    if (req.has_param("token")) facts.query_token = req.get_param_value("token");
    if (req.has_header("X-Nastavnik-Token"))
        facts.header_token = req.get_header_value("X-Nastavnik-Token");
    auto answer = [&](const editor::Reply& r) {
        res.status = r.status;
        res.set_content(r.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                        "application/json; charset=utf-8");
    };
    if (std::string refused = editor::refusal(facts, token_, port_); !refused.empty()) {
        if (api) return answer({403, {{"error", refused}}});
        res.status = 403;
        return res.set_content(refused + "\n", "text/plain; charset=utf-8");
    }
    if (!api) {
        std::string name = rest.empty()                ? "edit.html"
                           : rest.rfind("ui/", 0) == 0 ? rest.substr(3)
                                                       : "";
        for (const theme::EmbeddedFile& f : theme::editor_ui_files()) {
            if (name.empty() || f.path != name) continue;
            std::string bytes(f.bytes);
            if (name == "edit.html") {
                for (size_t at; (at = bytes.find("{{token}}")) != std::string::npos;)
                    bytes.replace(at, 9, token_);
                res.set_header("Content-Security-Policy",
                               "default-src 'self'; img-src * data:; frame-ancestors 'none'; "
                               "base-uri 'none'; form-action 'self'");
            }
            return res.set_content(bytes, content_type(name).c_str());
        }
        res.status = 404;
        return res.set_content("not found\n", "text/plain; charset=utf-8");
    }
    std::string call = rest.substr(4);
    if (req.method == "GET") {
        if (call == "fields") return answer(editor_->fields());
        if (call == "records") return answer(editor_->records());
        if (call == "record") return answer(editor_->record(req.get_param_value("path")));
        if (call == "git") return answer(editor_->git());
        return answer({404, {{"error", "нет такого запроса: " + call}}});
    }
    editor::Json body = editor::Json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object())
        return answer({400, {{"error", "запрос должен быть объектом JSON"}}});
    if (call == "validate") return answer(editor_->validate(body));
    if (call == "render") return answer(editor_->render(body));
    if (call == "save") return answer(editor_->save(body));
    if (call == "create") return answer(editor_->create(body));
    if (call == "preview") return answer(editor_->preview(body));
    if (call == "commit") return answer(editor_->commit(body));
    answer({404, {{"error", "нет такого запроса: " + call}}});
}

void DevServer::edit_routes() {
    auto handle = [this](const httplib::Request& req, httplib::Response& res) {
        serve_editor(req, res);
    };
    server_.Get("/__nastavnik/edit/.*", handle);
    server_.Post("/__nastavnik/edit/.*", handle);
    server_.Put("/__nastavnik/edit/.*", handle);
    server_.Delete("/__nastavnik/edit/.*", handle);
    server_.Get("/__nastavnik/edit", [](const httplib::Request& req, httplib::Response& res) {
        res.set_redirect("/__nastavnik/edit/" +
                         (req.has_param("token") ? "?token=" + req.get_param_value("token") : ""));
    });
}

void DevServer::routes() {
    edit_routes();
    server_.Get("/__nastavnik/live.js", [](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(live_script(), "text/javascript; charset=utf-8");
    });
    server_.Get("/__nastavnik/errors", [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        res.set_content(errors_json(state(), build_.source), "application/json");
    });
    server_.Get("/__nastavnik/events", [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Cache-Control", "no-store");
        auto seen = std::make_shared<unsigned long>(~0ul);
        res.set_chunked_content_provider(
            "text/event-stream", [this, seen](size_t, httplib::DataSink& sink) {
                std::unique_lock lock(mutex_);
                changed_.wait_for(lock, std::chrono::seconds(15),
                                  [&] { return stopping_ || version_ != *seen; });
                if (stopping_) return false;
                // A comment line every 15 s finds out when the page has gone away.
                std::string message = version_ == *seen ? ": idle\n\n" : state_event(state_);
                *seen = version_;
                lock.unlock();
                return sink.write(message.data(), message.size());
            });
    });
    server_.Get(".*", [this](const httplib::Request& req, httplib::Response& res) {
        serve_file(req, res);
    });
}

int DevServer::run() {
    if (!boost::filesystem::is_directory(build_.source)) {
        err_ << build_.source << ": error: " << diag::tr("the site directory does not exist")
             << "\n";
        return 1;
    }
    if (!server_.bind_to_port("127.0.0.1", port_)) {
        err_ << "error: "
             << diag::tr("cannot listen on 127.0.0.1:{} (in use?); choose another --port", port_)
             << "\n";
        return 1;
    }
    // Watching starts before the first build, so a save during it is not missed.
    std::unique_ptr<FileWatcher> watcher;
    try {
        watcher = std::make_unique<FileWatcher>(build_.source);
    } catch (const std::exception& e) {
        err_ << "error: " << diag::tr("{}; pages will not reload on changes", e.what()) << "\n";
    }
    try {
        token_ = editor::make_token();
    } catch (const std::exception& e) {
        err_ << "error: " << e.what() << "\n";
        return 1;
    }
    rebuild();
    if (stopping()) return 0;  // interrupted during the first build
    log_ << diag::tr("serving http://127.0.0.1:{}/ — rebuilding on changes; Ctrl+C stops", port_)
         << "\n"
         << diag::tr("editor: http://127.0.0.1:{}/__nastavnik/edit/?token={}", port_, token_)
         << "\n"
         << std::flush;
    std::thread watching([this, &watcher] {
        if (watcher) watch(*watcher);
    });
    server_.listen_after_bind();
    stop();
    watching.join();
    log_ << diag::tr("stopped") << "\n";
    return 0;
}

}  // namespace

int run_dev_server(const ServeOptions& options, std::ostream& log, std::ostream& err) {
    // Signals go to one thread that stops the server; every other thread has them blocked.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    ::signal(SIGPIPE, SIG_IGN);  // a page closed mid-response is not a reason to exit
    DevServer server(options, log, err);
    std::atomic<bool> done{false};
    std::thread stopper([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (!done) server.stop();
    });
    int status = server.run();
    done = true;
    pthread_kill(stopper.native_handle(), SIGUSR1);  // wakes it when the server stopped by itself
    stopper.join();
    return status;
}

}  // namespace nk::serve
