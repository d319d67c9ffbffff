#pragma once
// The browser editor's API (/__nastavnik/edit/api/*, see /work/editor-api.md), apart from HTTP:
// each call takes the request's query or JSON body and gives a status and a JSON answer. The
// dev server checks the token, Host and Origin (request_guard.h) before it calls any of them.

#include <mutex>
#include <nlohmann/json.hpp>
#include <string>

#include "editor/toml_patch.h"

namespace nk::editor {

struct Reply {
    int status = 200;
    nlohmann::json body;
};

class EditApi {
  public:
    /// The site at `root`; `drafts` as the server builds it (serve shows drafts).
    EditApi(std::string root, bool drafts) : root_(std::move(root)), drafts_(drafts) {}

    Reply fields() const;
    Reply records() const;
    Reply record(const std::string& path) const;
    Reply validate(const Json& request) const;
    Reply render(const Json& request) const;
    Reply save(const Json& request);
    Reply create(const Json& request);
    Reply preview(const Json& request) const;
    Reply git() const;
    Reply commit(const Json& request);

  private:
    std::string root_;
    bool drafts_;
    std::mutex writing_;  ///< one save, create or commit at a time
};

/// The edits a form's new values make of a record's old ones (both as record_document gives
/// "values"): set for changed values, remove for keys gone, append for new rows.
Json edits_between(const Json& before, const Json& after);

}  // namespace nk::editor
