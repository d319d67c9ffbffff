#include "validate/transitions.h"

#include <algorithm>

#include "diag/messages.h"

namespace nk::validate {

namespace {

/// True when some year of the school marks it ШНОР (`low_results`) or ШССУ.
bool ever_shnor_or_shssu(const records::School& school) {
    return std::any_of(school.years.begin(), school.years.end(),
                       [](const auto& y) { return y.low_results || y.difficult_conditions; });
}

}  // namespace

void check_transitions(const model::Site& site, diag::Diagnostics& diags) {
    for (const records::Transition& t : site.transitions) {
        if (const records::School* school = site.school(t.school.value);
            school && !ever_shnor_or_shssu(*school))
            diags.error(t.school.loc,
                        diag::tr("school '{}' is marked neither low_results nor "
                                 "difficult_conditions in any year: a transition programme is "
                                 "made for a ШНОР or ШССУ",
                                 t.school.value));
        if (t.outcome && !t.defended)
            diags.error(t.outcome_loc,
                        diag::tr("'outcome' is the result of the public defence: add the date "
                                 "'defended'"));
        if (t.outcome && t.defended && *t.defended > site.as_of)
            diags.error(t.outcome_loc,
                        diag::tr("'outcome' is given, but the defence on {} has not taken place "
                                 "yet (data as of {})",
                                 t.defended->iso(), site.as_of.iso()));
        if (t.included && t.outcome.value_or("") != "recommended")
            diags.error(t.included_loc,
                        diag::tr("only a programme recommended after its defence goes into the "
                                 "development programme: 'included_in_development_programme' "
                                 "needs outcome = \"recommended\""));
    }
}

}  // namespace nk::validate
