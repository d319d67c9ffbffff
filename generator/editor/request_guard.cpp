#include "editor/request_guard.h"

#include <fmt/format.h>

#include <fstream>
#include <stdexcept>

namespace nk::editor {

std::string make_token() {
    std::ifstream random("/dev/urandom", std::ios::binary);
    unsigned char bytes[16];
    if (!random.read(reinterpret_cast<char*>(bytes), sizeof bytes))
        throw std::runtime_error("cannot read /dev/urandom");
    std::string out;
    for (unsigned char b : bytes) out += fmt::format("{:02x}", b);
    return out;
}

bool same_token(std::string_view a, std::string_view b) {
    // The length is no secret (always 32); the bytes are compared without an early exit.
    if (a.size() != b.size()) return false;
    volatile unsigned char diff = 0;
    for (size_t i = 0; i < a.size(); ++i) diff = diff | static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::string refusal(const RequestFacts& r, const std::string& token, int port) {
    std::string own_host = fmt::format("127.0.0.1:{}", port),
                own_name = fmt::format("localhost:{}", port);
    if (!r.host || (*r.host != own_host && *r.host != own_name))
        return "запрос отклонён: чужой адрес сервера (Host)";
    if (r.origin && *r.origin != "http://" + own_host && *r.origin != "http://" + own_name)
        return "запрос отклонён: он пришёл с другого сайта (Origin)";
    // "none": the address typed or opened from a bookmark; "same-origin": the editor's own page.
    if (r.sec_fetch_site && *r.sec_fetch_site != "none" && *r.sec_fetch_site != "same-origin")
        return "запрос отклонён: он пришёл с другого сайта (Sec-Fetch-Site)";
    const std::optional<std::string>& given = r.api ? r.header_token : r.query_token;
    if (token.empty() || !given || !same_token(*given, token))
        return "нет доступа: откройте редактор по адресу, который напечатала команда "
               "nastavnik serve (с ключом token)";
    return "";
}

}  // namespace nk::editor
