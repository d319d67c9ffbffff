#pragma once
// The rule limits of SPEC §4 (config `[rules]`), each reported at the record that breaks it, as
// an error or, where `[rules] warn` lists it, a warning.

#include "diag/diagnostics.h"
#include "model/site.h"

namespace nk::validate {

/// Checks every rule on the whole site (both audiences) as of `site.as_of`.
void check_rules(const model::Site& site, diag::Diagnostics& diags);

}  // namespace nk::validate
