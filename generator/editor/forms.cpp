// PLACEHOLDER by edsrv so that the server builds; edui replaces it with the descriptions made
// from records/fields.h.
#include "editor/forms.h"

#include "editor/record_files.h"

namespace nk::editor {

nlohmann::json form_descriptions(const config::SiteConfig&) {
    nlohmann::json types = nlohmann::json::array();
    for (const RecordFolder& f : record_folders())
        types.push_back({{"type", f.type},
                         {"label", f.type},
                         {"dir", f.dir},
                         {"ext", f.ext},
                         {"fields", nlohmann::json::array()}});
    return {{"types", types}};
}

}  // namespace nk::editor
