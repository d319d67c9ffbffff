#pragma once
// /api/*.json: each record's public fields and its url (SPEC §6).

#include <string>

#include "render/view_models.h"

namespace nk::output {

std::string schools_json(const render::ViewContext& ctx);
std::string practices_json(const render::ViewContext& ctx);
std::string mentorships_json(const render::ViewContext& ctx);
std::string events_json(const render::ViewContext& ctx);

}  // namespace nk::output
