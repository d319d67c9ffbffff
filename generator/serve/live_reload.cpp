#include "serve/live_reload.h"

#include <fstream>
#include <nlohmann/json.hpp>

#include "fs/text.h"
#include "serve/site_files.h"

namespace nk::serve {

namespace {

// Line `line` (1-based) of `root/path`, or "" when there is none.
std::string source_line(const std::string& root, const std::string& path, int line) {
    if (line <= 0 || path.empty()) return "";
    std::ifstream in(path[0] == '/' ? path : root + "/" + path, std::ios::binary);
    std::string text;
    for (int i = 1; i <= line && std::getline(in, text); ++i)
        if (i == line) {
            if (!text.empty() && text.back() == '\r') text.pop_back();
            return text;
        }
    return "";
}

const char* kOverlayStyle =
    "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:1.5rem;"
    "background:rgba(20,0,0,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";

}  // namespace

const std::string& live_script() {
    static const std::string kScript = R"JS((function () {
  "use strict";
  var me = document.currentScript;
  var generation = me ? Number(me.getAttribute("data-generation")) : NaN;
  function hide() {
    var box = document.getElementById("nastavnik-errors");
    if (box) box.parentNode.removeChild(box);
  }
  function show(report) {
    hide();
    var box = document.createElement("div");
    box.id = "nastavnik-errors";
    box.setAttribute("role", "alert");
    box.setAttribute("style", me ? me.getAttribute("data-style") : "");
    var title = document.createElement("h2");
    title.textContent = "Сайт не собран: исправьте ошибки — страница обновится сама";
    var text = document.createElement("pre");
    text.textContent = report.errors.map(function (e) {
      var where = e.path + (e.line ? ":" + e.line + ":" + (e.column || 1) : "");
      return where + ": " + e.severity + ": " + e.message + (e.source ? "\n    " + e.source : "");
    }).join("\n\n");
    box.appendChild(title);
    box.appendChild(text);
    document.body.appendChild(box);
  }
  function update(state) {
    if (state.generation !== generation) { location.reload(); return; }
    if (state.ok) { hide(); return; }
    fetch("/__nastavnik/errors").then(function (r) { return r.json(); }).then(show);
  }
  var events = new EventSource("/__nastavnik/events");
  events.onmessage = function (e) { update(JSON.parse(e.data)); };
})();
)JS";
    return kScript;
}

std::string page_snippet(const SiteState& state, const std::string& source_root) {
    std::string out = "<script src=\"/__nastavnik/live.js\" data-generation=\"" +
                      std::to_string(state.generation) + "\" data-style=\"" + kOverlayStyle +
                      "\"></script>";
    if (state.ok) return out;
    std::string text;
    for (const auto& d : state.diagnostics) {
        text += diag::Diagnostics::format(d) + "\n";
        if (auto line = source_line(source_root, d.loc.path, d.loc.line); !line.empty())
            text += "    " + line + "\n";
        text += "\n";
    }
    return "<div id=\"nastavnik-errors\" role=\"alert\" style=\"" + std::string(kOverlayStyle) +
           "\"><h2>Сайт не собран: исправьте ошибки — страница обновится сама</h2><pre>" +
           nk::text::escape_html(text) + "</pre></div>" + out;
}

std::string errors_json(const SiteState& state, const std::string& source_root) {
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& d : state.diagnostics)
        errors.push_back({{"path", d.loc.path},
                          {"line", d.loc.line},
                          {"column", d.loc.column},
                          {"severity", d.severity == diag::Severity::error ? "error" : "warning"},
                          {"message", d.message},
                          {"source", source_line(source_root, d.loc.path, d.loc.line)}});
    nlohmann::json out = {{"ok", state.ok},
                          {"generation", state.generation},
                          {"errors", errors},
                          {"text", state.printed}};
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string state_event(const SiteState& state) {
    nlohmann::json data = {{"generation", state.generation}, {"ok", state.ok}};
    return "data: " + data.dump() + "\n\n";
}

std::string error_page(const SiteState& state, const std::string& source_root) {
    return "<!DOCTYPE html>\n<html lang=\"ru\"><head><meta charset=\"utf-8\"><title>Сайт не собран"
           "</title></head><body>" +
           page_snippet(state, source_root) + "</body></html>\n";
}

}  // namespace nk::serve
