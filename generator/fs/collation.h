#pragma once
// Russian collation of names (SPEC §4: "names are ordered in Russian collation"): the one
// comparison every list that orders names uses, so that ranking ties, school lists and facets
// agree. Case-insensitive, «ё» beside «е», digits compared as numbers («СОШ № 2» before
// «СОШ № 10»). ICU's Russian collator does the work.

#include <string>
#include <string_view>

namespace nk::text {

/// <0, 0 or >0 as `a` sorts before, together with or after `b` in Russian order. Names that
/// differ only in case (or only in «ё»/«е» where nothing else differs) compare by their bytes,
/// so the order is total and two builds order the same names the same way.
int russian_compare(std::string_view a, std::string_view b);

/// True when `a` sorts before `b` (russian_compare(a, b) < 0): a comparator for std::sort.
bool russian_less(std::string_view a, std::string_view b);

/// A byte string whose plain `<` order is russian_compare's: for sorting many names, each
/// keyed once (cheaper than comparing the names themselves O(N log N) times).
std::string collation_key(std::string_view s);

/// A comparator object for std::map / std::set of names in Russian order.
struct RussianLess {
    bool operator()(std::string_view a, std::string_view b) const { return russian_less(a, b); }
};

}  // namespace nk::text
