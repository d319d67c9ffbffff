#pragma once
// The typed records of SPEC §2, as loaded from data/*.toml and content/*.md.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/date.h"
#include "config/toml_reader.h"
#include "diag/diagnostics.h"

namespace nk::records {

using config::Located;

/// What every record has: its id (file name), file, position and audience.
struct RecordBase {
    std::string id;
    std::string path;  ///< relative to the site root, as diagnostics show it
    diag::SourceLoc loc;
    bool internal = false;  ///< `visibility = "internal"`
    /// `draft = true`: left out of the site unless drafts are shown (`--drafts`, `serve`).
    bool draft = false;
    std::vector<std::pair<std::string, std::string>> internal_fields;  ///< the `[internal]` table
};

/// Where a practice came from, as incremental builds compare it. Kept beside the records
/// (model::Site::practice_sources), not in them: a record is what its file says.
struct Provenance {
    /// Hashes of the whole file and of all but its Markdown text. Lists and cards show only the
    /// front matter, so an edit of the text alone changes just the practice's own page.
    uint64_t content_hash = 0, front_matter_hash = 0;
    /// With a build cache: the Markdown cache key of the body, whether or not it was taken from
    /// the cache. It stands for the rendered body (the search index keys its analysis by it
    /// rather than read every body). 0 without a cache.
    uint64_t body_key = 0;
    /// Taken parsed from the build cache: its file was not read.
    bool from_cache = false;
};

/// A managerial deficit found in a school in a year (seed 002 §4.2).
struct DeficitFinding {
    std::string area, finding, source;
};

/// A targeted recommendation after monitoring (seed 002 §4.6).
struct Recommendation {
    std::string text, by;
    std::optional<Date> date;
    std::string status = "issued";  ///< issued | in_progress | done
};

struct YearIndicators {
    int year = 0;  ///< start of the school year: 2020 = 2020/21
    std::optional<double> ior, isbsh, gia, vpr, evening_share;
    std::optional<double> org_index;  ///< integral indicator of the educational process (seed 004)
    bool low_results = false;
    bool difficult_conditions = false;
    std::vector<Located> risk_factors;
    std::vector<DeficitFinding> deficits;         ///< `[[years.deficits]]`
    std::vector<Recommendation> recommendations;  ///< `[[years.recommendations]]`
    diag::SourceLoc loc;
};

struct Title {
    std::string title;
    int year = 0;
    diag::SourceLoc loc;
};

struct School : RecordBase {
    std::string name, short_name, municipality, region, kind, website, address, offer, video;
    int offer_line = 1;  ///< line of the file where the `offer` text starts
    bool advanced = false;
    std::optional<long> students;
    std::vector<Title> titles;
    std::vector<YearIndicators> years;  ///< sorted by year
    const YearIndicators* year(int y) const;
    const std::string& display_name() const { return short_name.empty() ? name : short_name; }
};

struct Goal {
    std::string indicator, unit;
    std::optional<double> baseline, target, actual;
    bool internal = false;
};

struct ProgrammeEvent {
    Date date;
    std::string title, place, responsible;
    std::optional<Located> form;
    std::string status = "planned";  ///< planned | done | cancelled
    bool internal = false;
    diag::SourceLoc loc;
};

struct Feedback {
    Date date;
    std::string from;  ///< mentor | mentee
    int score = 0;     ///< 1..5
    std::string comment;
};

struct Mentorship : RecordBase {
    std::string title, format, status = "active", description;
    std::vector<Located> mentors, mentees, directions, forms;
    Date start, end;
    std::optional<Date> extended_until;
    diag::SourceLoc start_loc, end_loc, extended_loc;
    std::vector<Goal> goals;
    std::vector<ProgrammeEvent> events;
    std::vector<Feedback> feedback;
    /// The last day it runs: `extended_until`, else `end`.
    Date running_until() const { return extended_until.value_or(end); }
};

struct Result {
    std::string indicator, unit;
    std::optional<double> before, after;
    bool internal = false;
};

/// Every field is in the build cache (record_codec.cpp): a new field must be added there too.
struct Practice : RecordBase {
    std::string title, summary, video;
    std::string body;  ///< the Markdown text; emptied once rendered into Site::practice_html
    int body_line = 0;
    Date date;
    std::vector<Located> schools, directions, forms;
    std::vector<std::string> tags;
    std::vector<Result> results;
};

struct AgendaItem {
    std::string issue, decision, recommendation;
    bool internal = false;
};

struct Event : RecordBase {
    std::string title, place, body;
    int body_line = 0;
    DateTime date;
    std::optional<DateTime> end;
    Located kind;
    std::optional<Located> organizer, mentorship, association;
    std::vector<Located> participants;
    std::vector<AgendaItem> agenda;
};

struct Association : RecordBase {
    std::string name, description;
    std::optional<Located> head;
    std::vector<Located> members;
    std::vector<Located> directions;  ///< codes of `association_directions` (seed 001 §3)
    std::optional<int> school_year;
    std::optional<Date> analysis_submitted;
    diag::SourceLoc school_year_loc, analysis_loc;  ///< where the rules point; the top when absent
};

struct PlanItem {
    std::string activity = "information";  ///< research | project | consulting | information
    std::string content, place, responsible, status = "planned";
    std::optional<Date> from, to, done_on;
    bool internal = false;
    diag::SourceLoc loc;
};

struct Plan : RecordBase {
    std::string title;
    std::optional<Located> owner;
    std::optional<int> year;
    std::vector<PlanItem> items;
};

struct Score {
    std::string expert;
    std::vector<long> points;  ///< five integers 0..5
};

struct Application {
    Located school;
    std::string video;
    std::vector<std::string> evidence;
    std::vector<Score> scores;
    long votes_for = 0, votes_against = 0;
    bool internal = false;
    diag::SourceLoc loc;
};

struct Competition : RecordBase {
    std::string title, description;
    int year = 0;
    int winners_count = 3;  ///< `winners` (or its older name `winners_count`); 3 when neither
    /// `winners_min_total`: a winner's total is at least this (with `winners`, both must hold).
    std::optional<double> winners_min_total;
    bool winners_set = false;  ///< `winners` or `winners_count` given
    std::vector<std::string> criteria;
    std::vector<Application> applications;
};

/// A ШНОР's programme (or project) of transition to effective work, made with its mentor and
/// defended in public (seed 002 §4.3); approved ones are recommended for its development programme.
struct Transition : RecordBase {
    std::string title, description, document;
    Located school;                      ///< the ШНОР
    std::vector<Located> mentors;        ///< its mentor school(s)
    std::string kind = "programme";      ///< programme | project
    std::vector<Located> deficits;       ///< codes of `risk_factors` it answers
    std::optional<Date> defended;        ///< the public defence
    std::optional<std::string> outcome;  ///< recommended | revise | rejected
    bool included = false;               ///< `included_in_development_programme`
    diag::SourceLoc defended_loc, outcome_loc, included_loc;
};

/// Personal data (seed 002 §5.6): internal audience only.
struct ReserveEntry : RecordBase {
    std::string full_name, position, contacts;
    Located school;
    std::optional<long> experience_years;
    std::optional<Date> training_from, training_to;
    std::vector<std::string> certificates, events;
    std::optional<bool> relocation_consent;
};

/// A free page (content/pages/SLUG.md).
struct Page : RecordBase {
    std::string title, summary, body;
    int body_line = 0;
    std::optional<long> weight;
};

}  // namespace nk::records
