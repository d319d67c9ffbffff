#pragma once
// View models: everything a template shows, prepared in C++ as JSON values. Templates stay
// logic-less; tests reach every computed value here.

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "analytics/programme_progress.h"
#include "analytics/school_analytics.h"
#include "model/site.h"
#include "render/russian.h"
#include "render/view_cache.h"

namespace nk::render {

using json = nlohmann::json;
class TemplateEngine;

/// What every view needs: the model and the analytics computed from it.
struct ViewContext {
    const model::Site& site;
    const analytics::SchoolAnalytics& analytics;
    /// Values many pages share (catalogue order, facets, related practices), made once.
    std::shared_ptr<const ViewCache> cache = std::make_shared<const ViewCache>();
    /// The theme, for fragments rendered once and shared by many pages (practice cards).
    const TemplateEngine* templates = nullptr;
    /// The latest indicator year (0 when no school has indicators).
    int latest_year() const;
};

/// "0,62" — Russian decimal comma, `decimals` places.
std::string format_number(double v, int decimals = 2);
std::string format_optional(const std::optional<double>& v, int decimals = 2);

/// Fields every page has: site title, menu, base path, page title, canonical URL.
json page_frame(const ViewContext& ctx, const std::string& title, const std::string& url,
                const std::string& section, const std::string& description = "");

/// A link to a school: {name, url} (url empty when the school is not on the site).
json school_ref(const ViewContext& ctx, const std::string& id);
json school_refs(const ViewContext& ctx, const std::vector<records::Located>& ids);
/// Vocabulary codes as [{code, label, url?}].
json vocab_refs(const std::vector<records::Located>& codes, const config::Vocabulary& vocab,
                const std::string& url_prefix = "");

/// A practice as a card: title, url, date, summary, schools, directions, tags.
json practice_card(const ViewContext& ctx, size_t index);
/// A practice in a list: {id, title, url, card}, where `card` is the theme's `_practice_card`
/// partial rendered with practice_card() (and `site`) once per build; empty without a theme
/// or without that partial. Lists show many cards, and this keeps each page's view small.
json practice_list_item(const ViewContext& ctx, size_t index);
/// An event as a list item: title, url, date, kind, place.
json event_item(const ViewContext& ctx, size_t index);
/// Progress in one wording for every page: {done, due, total, cancelled, overdue, ahead,
/// percent (0 when nothing was due), has_percent, summary, counts}. `of_one` and `of_many` are
/// the item's genitive forms ("мероприятия", "мероприятий"): «Выполнено 6 из 7 мероприятий,
/// срок которых наступил (86 %)», with counts «6 проведено, 1 отменено, 1 просрочено, 3 впереди».
json progress_view(const analytics::Progress& p, const char* of_one, const char* of_many,
                   const char* done_word = "проведено");
/// A mentorship as a list item with status and progress.
json mentorship_item(const ViewContext& ctx, size_t index);
/// A page's view: the frame with `page` set (and `page.has_internal` derived).
json merge(json frame, json page);

/// The [internal] values of a record, for the internal audience only.
json internal_fields(const ViewContext& ctx, const records::RecordBase& record);

}  // namespace nk::render
