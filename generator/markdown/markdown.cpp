#include "markdown/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <cmark-gfm/syntax_extension.h>  // the extension's list, to free it

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>

#include "diag/messages.h"
#include "fs/slug.h"
#include "fs/text.h"

namespace nk::markdown {

namespace {

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct CharDeleter {
    void operator()(char* s) const { free(s); }
};

constexpr int kOptions = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_FOOTNOTES |
                         CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE;

constexpr const char* kExtensions[] = {"table", "autolink", "tasklist", "tagfilter"};
constexpr const char* kStrikethrough = "strikethrough";

void attach(cmark_parser* parser, const char* name) {
    if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
        cmark_parser_attach_syntax_extension(parser, ext);
}

// A parser with every extension but strikethrough (see ensure_extensions).
std::unique_ptr<cmark_parser, ParserDeleter> new_parser() {
    std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(kOptions));
    for (const char* ext : kExtensions) attach(parser.get(), ext);
    return parser;
}

// cmark-gfm 0.29 keeps the inline "special characters" of extensions (~ of strikethrough, the
// triggers of autolink) in global tables that every parse sets and then clears, so two pages
// parsed at once would lose each other's ~~strikethrough~~ or autolinks at random.
// - Every parser attaches the same extensions, so the autolink characters are set once, for
//   good, and the extensions' lists emptied: their parses neither set nor clear anything.
// - Strikethrough needs its list ('~') to close its spans, so it keeps it. It is attached only
//   to the texts that have a '~', and those are parsed one at a time (parse_mutex); the others
//   never read the '~' entries and parse in parallel.
void ensure_extensions() {
    static std::once_flag once;
    std::call_once(once, [] {
        cmark_gfm_core_extensions_ensure_registered();
        cmark_manage_extensions_special_characters(new_parser().get(), 1);
        for (const char* name : kExtensions)
            if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name)) {
                // The extensions made their lists with the default allocator.
                cmark_llist_free(cmark_get_default_mem_allocator(), ext->special_inline_chars);
                cmark_syntax_extension_set_special_inline_chars(ext, nullptr);
            }
    });
}

std::mutex& parse_mutex() {
    static std::mutex mutex;
    return mutex;
}

std::string text_of(cmark_node* node) {
    std::string out;
    cmark_iter* iter = cmark_iter_new(node);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(iter);
        if (ev == CMARK_EVENT_ENTER && (cmark_node_get_type(n) == CMARK_NODE_TEXT ||
                                        cmark_node_get_type(n) == CMARK_NODE_CODE)) {
            if (const char* lit = cmark_node_get_literal(n)) out += lit;
        }
    }
    cmark_iter_free(iter);
    return out;
}

// A diagnostic is one line: an HTML block is quoted by its first line.
std::string first_line(cmark_node* n) {
    const char* literal = cmark_node_get_literal(n);
    std::string out = literal ? literal : "";
    return out.substr(0, out.find('\n'));
}

bool is_allowed_scheme(const std::string& url) {
    std::string lower = text::fold_case(url);
    auto colon = lower.find(':');
    auto slash = lower.find_first_of("/?#");
    if (colon == std::string::npos || (slash != std::string::npos && slash < colon)) return true;
    std::string scheme = lower.substr(0, colon);
    return scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "tel";
}

class Walker {
  public:
    Walker(const std::string& source, const std::string& path, int first_line,
           diag::Diagnostics& diags, const Options& opts, Rendered& out)
        : source_(source),
          path_(path),
          first_line_(first_line),
          diags_(diags),
          opts_(opts),
          out_(out) {}

    void walk(cmark_node* root) {
        cmark_iter* iter = cmark_iter_new(root);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
            if (ev == CMARK_EVENT_ENTER) visit(cmark_iter_get_node(iter));
        }
        cmark_iter_free(iter);
    }

  private:
    diag::SourceLoc loc(cmark_node* n) const {
        // Inline nodes may lack positions; fall back to the nearest block that has one.
        for (cmark_node* p = n; p; p = cmark_node_parent(p)) {
            int line = cmark_node_get_start_line(p);
            if (line > 0)
                return {path_, first_line_ + line - 1,
                        code_point_column(line, cmark_node_get_start_column(p))};
        }
        return {path_, first_line_, 1};
    }

    // cmark counts columns in bytes; diagnostics count code points, as toml++ does.
    // Lines end where cmark ends them: at LF, CRLF or a lone CR.
    int code_point_column(int line, int byte_column) const {
        size_t pos = 0;
        for (int i = 1; i < line && pos != std::string::npos; ++i) {
            pos = source_.find_first_of("\r\n", pos);
            if (pos == std::string::npos) break;
            pos += source_.compare(pos, 2, "\r\n") == 0 ? 2 : 1;
        }
        if (pos == std::string::npos || byte_column < 1) return std::max(byte_column, 1);
        size_t end = std::min(source_.size(), pos + static_cast<size_t>(byte_column - 1));
        return static_cast<int>(
                   text::char_count(std::string_view(source_).substr(pos, end - pos))) +
               1;
    }

    void visit(cmark_node* n) {
        switch (cmark_node_get_type(n)) {
            case CMARK_NODE_HEADING:
                heading(n);
                break;
            case CMARK_NODE_LINK:
            case CMARK_NODE_IMAGE:
                link(n);
                break;
            case CMARK_NODE_HTML_BLOCK:
            case CMARK_NODE_HTML_INLINE:
                diags_.warning(loc(n), diag::tr("raw HTML is not allowed in Markdown and was "
                                                "removed: '{}'",
                                                text::truncate_chars(first_line(n), 40)));
                break;
            default:
                break;
        }
    }

    void heading(cmark_node* n) {
        Heading h{cmark_node_get_heading_level(n), text_of(n), ""};
        std::string base = fs::slugify(h.text);
        if (base.empty()) base = "section";
        int& count = anchor_counts_[base];
        h.anchor = count == 0 ? base : base + "-" + std::to_string(count);
        ++count;
        out_.headings.push_back(std::move(h));
    }

    void link(cmark_node* n) {
        const char* raw = cmark_node_get_url(n);
        std::string url = raw ? raw : "";
        if (!is_allowed_scheme(url)) {
            diags_.error(loc(n), diag::tr("unsafe link '{}': only http, https, mailto and tel "
                                          "links are allowed",
                                          text::truncate_chars(url, 60)));
            cmark_node_set_url(n, "");
            return;
        }
        if (url.size() > 1 && url[0] == '#') out_.internal_links.push_back({url, loc(n)});
        if (url.size() > 1 && url[0] == '/' && url[1] != '/') {
            out_.internal_links.push_back({url, loc(n)});
            if (opts_.base_path != "/") {
                std::string rewritten = opts_.base_path + url.substr(1);
                cmark_node_set_url(n, rewritten.c_str());
            }
        }
    }

    const std::string& source_;
    const std::string& path_;
    int first_line_;
    diag::Diagnostics& diags_;
    const Options& opts_;
    Rendered& out_;
    std::map<std::string, int> anchor_counts_;
};

// cmark-gfm does not emit heading ids; add them in document order.
std::string add_heading_ids(const std::string& html, const std::vector<Heading>& headings) {
    std::string out;
    out.reserve(html.size() + headings.size() * 24);
    size_t pos = 0;
    for (const Heading& h : headings) {
        std::string tag = "<h" + std::to_string(h.level) + ">";
        size_t at = html.find(tag, pos);
        if (at == std::string::npos) break;
        out.append(html, pos, at - pos);
        out += "<h" + std::to_string(h.level) + " id=\"" + h.anchor + "\">";
        pos = at + tag.size();
    }
    out.append(html, pos, std::string::npos);
    return out;
}

// GFM task-list checkboxes have no label; give them one so assistive technology can name them.
std::string label_task_items(std::string html) {
    for (const auto& [from, to] :
         {std::pair<std::string, std::string>{
              "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
              "<input type=\"checkbox\" checked=\"\" disabled=\"\" aria-label=\"Выполнено\" />"},
          {"<input type=\"checkbox\" disabled=\"\" />",
           "<input type=\"checkbox\" disabled=\"\" aria-label=\"Не выполнено\" />"}})
        for (size_t at = html.find(from); at != std::string::npos;
             at = html.find(from, at + to.size()))
            html.replace(at, from.size(), to);
    return html;
}

// A wide table scrolls inside its own box instead of widening the page on a phone. Raw HTML is
// never passed through (no CMARK_OPT_UNSAFE), so every "<table>" here is the table extension's.
std::string wrap_tables(std::string html) {
    static const std::string open = "<table>", close = "</table>";
    static const std::string box_open = "<div class=\"table-scroll\" tabindex=\"0\">";
    std::string out;
    out.reserve(html.size());
    size_t pos = 0;
    for (size_t at; (at = html.find(open, pos)) != std::string::npos;) {
        size_t end = html.find(close, at);
        if (end == std::string::npos) break;
        end += close.size();
        out.append(html, pos, at - pos);
        out += box_open;
        out.append(html, at, end - at);
        out += "</div>";
        pos = end;
    }
    out.append(html, pos, std::string::npos);
    return out;
}

}  // namespace

Rendered render(const std::string& source, const std::string& path, int first_line,
                diag::Diagnostics& diags, const Options& options) {
    ensure_extensions();
    auto parser = new_parser();
    std::unique_lock lock(parse_mutex(), std::defer_lock);
    if (source.find('~') != std::string::npos) {
        attach(parser.get(), kStrikethrough);
        lock.lock();
    }
    cmark_parser_feed(parser.get(), source.data(), source.size());
    std::unique_ptr<cmark_node, NodeDeleter> doc(cmark_parser_finish(parser.get()));
    if (lock.owns_lock()) lock.unlock();

    Rendered out;
    Walker(source, path, first_line, diags, options, out).walk(doc.get());
    std::unique_ptr<char, CharDeleter> html(
        cmark_render_html(doc.get(), kOptions, cmark_parser_get_syntax_extensions(parser.get())));
    out.html = wrap_tables(label_task_items(add_heading_ids(html.get(), out.headings)));
    return out;
}

std::string render_fragment(const std::string& source, const std::string& path, int first_line,
                            diag::Diagnostics& diags, const Options& options) {
    return render(source, path, first_line, diags, options).html.str();
}

}  // namespace nk::markdown
