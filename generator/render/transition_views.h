#pragma once
// The wording of a ШНОР's transition programme, one for every page that shows it.

#include "render/view_models.h"

namespace nk::render {

/// «Программа» or «Проект».
std::string transition_kind_label(const records::Transition& t);
/// Where it stands, agreeing with the kind's gender: «рекомендована (рекомендован) для
/// внесения в программу развития», «направлена на доработку», «не рекомендована», «рекомендована и
/// внесена в программу развития школы»; without an outcome «защита назначена» (before the defence),
/// «защищена, итог не внесён», «в разработке».
std::string transition_outcome_label(const records::Transition& t, const Date& as_of);
/// {title, url, kind, school, mentors, defended, outcome, outcome_label, recommended, included}.
json transition_item(const ViewContext& ctx, size_t index);

}  // namespace nk::render
