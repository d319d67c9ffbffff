#pragma once
// Who may use the editor: requests that carry this run's token and come from this server's own
// pages. A web page open in the same browser cannot send the token (it does not know it), and
// a DNS-rebinding page is caught by its Host; a cross-site form by its Origin or Sec-Fetch-Site.

#include <optional>
#include <string>
#include <string_view>

namespace nk::editor {

/// 32 hex characters from /dev/urandom; throws std::runtime_error when it cannot be read.
std::string make_token();

/// Equal strings, compared in time that does not depend on where they differ.
bool same_token(std::string_view a, std::string_view b);

/// What the guard looks at in a request (headers absent are nullopt).
struct RequestFacts {
    std::string method = "GET";
    std::optional<std::string> host, origin, sec_fetch_site;
    std::optional<std::string> query_token;   ///< ?token= (the page and its assets)
    std::optional<std::string> header_token;  ///< X-Nastavnik-Token (api/*)
    bool api = false;                         ///< under /__nastavnik/edit/api/
};

/// Why the request is refused (Russian, for the 403 answer), or "" when it may go on.
std::string refusal(const RequestFacts& request, const std::string& token, int port);

}  // namespace nk::editor
