#pragma once
// The checks of a ШНОР's transition programme (seed 002 §4.3): it belongs to a school with low
// results (or in difficult conditions), an outcome comes from a defence that took place, and
// only a programme recommended after it goes into the school's development programme.

#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::validate {

/// Reports every transition that breaks one of these checks (errors).
void check_transitions(const model::Site& site, diag::Diagnostics& diags);

}  // namespace nk::validate
