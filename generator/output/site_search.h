#pragma once
// The site-wide part of the search index: every public school, event, mentorship, plan,
// association and competition in one small file, /search/records.json, which the search page
// (themes/default/static/js/site-search.js) loads whole. Practices are searched through the
// practice index (search_index.h); this file holds the other records:
//
//   {"kinds": [[section, label], ...],      the groups of the search page, in order;
//    "r": [[kind, url, title, meta], ...],   the records, grouped by kind;
//    "s": [stems], "p": [postings],          sorted stems; a postings string is a list of
//                                            (record gap, weight) as in the terms shards, weight
//                                            = how often the stem occurs (1..31) + 32 when it
//                                            is in the record's name;
//    "e": [endings]}                         word endings the stemmer removed from these words.
//
// Stems come from the same Russian stemmer and folding (ё = е) as the practices'. The records are
// the audience-filtered model's, so nothing internal is indexed.

#include <string>

#include "model/site.h"

namespace nk::output {

/// The text of /search/records.json for `site`.
std::string records_index(const model::Site& site);

}  // namespace nk::output
