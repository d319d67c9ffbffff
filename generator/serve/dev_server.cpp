#include "serve/dev_server.h"

#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <atomic>
#include <boost/filesystem.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>

#include "diag/messages.h"
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
        // Each open page holds a connection for its event stream: more threads than the default.
        server_.new_task_queue = [] { return new httplib::ThreadPool(32); };
        server_.set_keep_alive_timeout(1);  // idle connections do not hold up Ctrl+C
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

void DevServer::routes() {
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
    rebuild();
    if (stopping()) return 0;  // interrupted during the first build
    log_ << diag::tr("serving http://127.0.0.1:{}/ — rebuilding on changes; Ctrl+C stops", port_)
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
