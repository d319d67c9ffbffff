#include <algorithm>

#include "diag/messages.h"
#include "records/fields.h"
#include "records/record_loader.h"

namespace nk::records {

using config::Need;
using config::TableReader;

namespace {

/// The school's own keys: written below a [[years]] header, they land in that year's table.
const std::vector<std::string>& school_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out = field_keys(find_record_type("school")->fields);
        out.erase(std::find(out.begin(), out.end(), "years"));
        return out;
    }();
    return keys;
}

void read_support(TableReader& y, YearIndicators& out) {
    for (TableReader& d : y.tables("deficits")) {
        DeficitFinding f;
        f.area = d.text("area", Need::required).value_or("");
        f.finding = d.text("finding", Need::required).value_or("");
        f.source = d.text("source").value_or("");
        d.finish();
        out.deficits.push_back(std::move(f));
    }
    for (TableReader& r : y.tables("recommendations")) {
        Recommendation rec;
        rec.text = r.text("text", Need::required).value_or("");
        rec.by = r.text("by").value_or("");
        rec.date = r.date("date");
        rec.status = read_choice(r, "status", {"issued", "in_progress", "done"}, "issued");
        r.finish();
        out.recommendations.push_back(std::move(rec));
    }
}

YearIndicators read_year(TableReader& y) {
    YearIndicators out;
    out.loc = y.where();
    out.year = static_cast<int>(y.integer("year", Need::required, 1990, 2100).value_or(0));
    out.ior = y.number("ior", Need::optional, 0, 1);
    out.isbsh = y.number("isbsh", Need::optional, 0, 1);
    out.gia = y.number("gia", Need::optional, 0, 100);
    out.vpr = y.number("vpr", Need::optional, 0, 100);
    out.evening_share = y.number("evening_share", Need::optional, 0, 1);
    out.org_index = y.number("org_index", Need::optional, 0, 1);
    out.low_results = y.boolean("low_results").value_or(false);
    out.difficult_conditions = y.boolean("difficult_conditions").value_or(false);
    out.risk_factors = y.strings("risk_factors");
    read_support(y, out);
    y.finish(school_keys(), diag::tr(" (this key belongs to the school: move it above [[years]])"));
    return out;
}

void read_years(TableReader& r, School& s) {
    for (TableReader& y : r.tables("years")) {
        YearIndicators year = read_year(y);
        auto dup = std::find_if(s.years.begin(), s.years.end(),
                                [&](const YearIndicators& o) { return o.year == year.year; });
        if (dup != s.years.end() && year.year != 0) {
            r.diags().error(year.loc, diag::tr("year {} is listed twice (first at line {})",
                                               year.year, dup->loc.line));
            continue;
        }
        s.years.push_back(std::move(year));
    }
    std::sort(s.years.begin(), s.years.end(),
              [](const YearIndicators& a, const YearIndicators& b) { return a.year < b.year; });
}

void read_titles(TableReader& r, School& s) {
    for (TableReader& t : r.tables("titles")) {
        Title title;
        title.loc = t.where();
        title.title = t.text("title", Need::required).value_or("");
        title.year = static_cast<int>(t.integer("year", Need::required, 1990, 2100).value_or(0));
        t.finish();
        s.titles.push_back(std::move(title));
    }
}

}  // namespace

const YearIndicators* School::year(int y) const {
    for (const YearIndicators& yi : years)
        if (yi.year == y) return &yi;
    return nullptr;
}

std::optional<School> load_school(const std::string& text, const Origin& origin,
                                  diag::Diagnostics& d) {
    return load_toml_record<School>(text, origin, d, [](TableReader& r, School& s) {
        // A required key written below [[years]] is reported there, with a hint, not twice.
        auto need = [&r](std::string_view key) {
            return r.nested_has("years", key) ? Need::optional : Need::required;
        };
        s.name = r.text("name", need("name")).value_or("");
        s.short_name = r.text("short_name").value_or("");
        s.municipality = r.text("municipality", need("municipality")).value_or("");
        s.region = r.text("region").value_or("");
        s.kind = read_choice(r, "kind", {"urban", "rural"}, "");
        s.advanced = r.boolean("advanced").value_or(false);
        s.website = read_url(r, "website");
        s.address = r.text("address").value_or("");
        s.students = r.integer("students", Need::optional, 0, 100000);
        s.offer = r.text("offer").value_or("");
        s.offer_line = std::max(1, r.text_line("offer"));
        s.video = read_url(r, "video");
        read_titles(r, s);
        read_years(r, s);
    });
}

}  // namespace nk::records
