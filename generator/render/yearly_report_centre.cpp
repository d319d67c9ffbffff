// The mentoring centre's results (seed 002 §7.2–7.4) and the evaluation of mentoring programmes
// by the criteria of seed 003 §3.5.
#include <algorithm>
#include <cmath>
#include <set>

#include "analytics/programme_progress.h"
#include "analytics/site_figures.h"
#include "fs/collation.h"
#include "render/report_sections.h"
#include "render/transition_views.h"

namespace nk::render::report {

namespace {

const std::vector<std::pair<std::string, std::string>>& activity_kinds() {
    static const std::vector<std::pair<std::string, std::string>> kKinds = {
        {"research", "Исследовательская деятельность"},
        {"project", "Проектная деятельность"},
        {"consulting", "Консультационная деятельность"},
        {"information", "Информационная деятельность"}};
    return kKinds;
}

/// A plan item belongs to the school year in which its term ends.
bool item_in(const records::PlanItem& item, const YearlyReport& r) {
    std::optional<Date> end = item.to ? item.to : item.from;
    return end && *end >= r.from && *end <= r.to;
}

using PlanCount = analytics::Progress;

std::vector<ReportCell> plan_row(const std::string& plan, const std::string& url,
                                 const std::string& kind, const PlanCount& c) {
    return {ReportCell::of_text(plan, url),
            ReportCell::of_text(kind),
            ReportCell::of_integer(c.total()),
            ReportCell::of_integer(c.done),
            ReportCell::of_integer(c.planned()),
            ReportCell::of_integer(c.overdue),
            ReportCell::of_integer(c.cancelled),
            c.percent_done() ? ReportCell::of_integer(*c.percent_done()) : ReportCell{}};
}

ReportTable plan_table(const ViewContext& ctx, const YearlyReport& r, PlanCount& all) {
    const auto& s = ctx.site;
    ReportTable t{
        "plan",
        "План центра",
        "Выполнение плана работы по видам деятельности",
        {group_column("План", 40), text_column("Вид деятельности", 30), integer_column("Пунктов"),
         integer_column("Выполнено"), integer_column("Не выполнено", 12),
         integer_column("Из них просрочено", 12), integer_column("Отменено"),
         integer_column("Выполнено из наступивших по сроку, %", 12)},
        {},
        {}};
    for (const auto& p : s.plans) {
        PlanCount plan_total;
        std::vector<std::vector<ReportCell>> rows;
        for (const auto& [code, label] : activity_kinds()) {
            PlanCount c;
            for (const auto& item : p.items)
                if (item.activity == code && item_in(item, r)) {
                    analytics::add_plan_item(c, item, r.as_of);
                    analytics::add_plan_item(plan_total, item, r.as_of);
                }
            if (c.total() == 0) continue;
            rows.push_back(plan_row(p.title, s.url("plans", p.id), label, c));
        }
        if (rows.empty()) continue;
        for (auto& row : rows) t.rows.push_back(std::move(row));
        t.total_rows.insert(t.rows.size());
        t.rows.push_back(plan_row(p.title, s.url("plans", p.id), "Итого по плану", plan_total));
        all += plan_total;
    }
    return t;
}

/// What a school's indicators say across the two years the report compares.
struct Transition {
    size_t school = 0;
    const analytics::SchoolYear *before = nullptr, *after = nullptr;
    bool was_shnor = false;
};

/// ШНОР and schools of the lowest ИОР quartile in the year before the report's year.
std::vector<Transition> transitions(const ViewContext& ctx, int year) {
    const auto& s = ctx.site;
    std::vector<Transition> out;
    for (size_t i = 0; i < s.schools.size(); ++i) {
        const records::YearIndicators* y = s.schools[i].year(year - 1);
        const analytics::SchoolYear* before = ctx.analytics.get(i, year - 1);
        if (!y || !before || (!y->low_results && before->quartile != 1)) continue;
        out.push_back({i, before, ctx.analytics.get(i, year), y->low_results});
    }
    std::sort(out.begin(), out.end(), [&](const Transition& a, const Transition& b) {
        const auto &x = s.schools[a.school], &y = s.schools[b.school];
        if (int c = text::russian_compare(x.municipality, y.municipality)) return c < 0;
        return text::russian_less(x.display_name(), y.display_name());
    });
    return out;
}

/// Mentor schools of the programmes in which `school` is a mentee during the report's year.
std::string mentors_of(const ViewContext& ctx, const std::string& school, const YearlyReport& r) {
    std::set<std::string> seen;
    std::string out;
    for (const auto& m : ctx.site.mentorships) {
        if (!runs_in(m, r)) continue;
        bool mentee = std::any_of(m.mentees.begin(), m.mentees.end(),
                                  [&](const auto& id) { return id.value == school; });
        if (!mentee) continue;
        for (const auto& id : m.mentors)
            if (seen.insert(id.value).second)
                out += (out.empty() ? "" : ", ") + ctx.site.school_name(id.value);
    }
    return out;
}

std::string left_text(const Transition& t) {
    if (!t.before || t.before->quartile != 1) return "не была в нижнем квартиле";
    if (!t.after || t.after->quartile == 0) return "нет данных";
    return yes_no(t.after->quartile > 1);
}

ReportTable shnor_table(const ViewContext& ctx, const YearlyReport& r,
                        const std::vector<Transition>& list) {
    const auto& s = ctx.site;
    std::string before = school_year_label(r.year - 1), after = school_year_label(r.year);
    ReportTable t{
        "shnor",
        "ШНОР",
        "ШНОР и школы нижнего квартиля ИОР: результаты года",
        {text_column("Школа", 28), text_column("Муниципалитет", 22),
         number_column("ИОР " + before, 2, 10), integer_column("Квартиль " + before, 10),
         number_column("ИОР " + after, 2, 10), integer_column("Квартиль " + after, 10),
         number_column("Изменение ИОР", 2, 11, true), text_column("Категория " + after, 18),
         text_column("Вышла из нижнего квартиля", 14), text_column("Наставник", 30)},
        {},
        {}};
    for (const Transition& x : list) {
        const auto& school = s.schools[x.school];
        std::optional<double> change;
        if (x.before->ior && x.after && x.after->ior) change = *x.after->ior - *x.before->ior;
        t.rows.push_back(
            {ReportCell::of_text(school.display_name(), s.url("schools", school.id)),
             ReportCell::of_text(school.municipality), ReportCell::of_optional(x.before->ior),
             x.before->quartile ? ReportCell::of_integer(x.before->quartile) : ReportCell{},
             ReportCell::of_optional(x.after ? x.after->ior : std::nullopt),
             x.after && x.after->quartile ? ReportCell::of_integer(x.after->quartile)
                                          : ReportCell{},
             ReportCell::of_optional(change),
             ReportCell::of_text(x.after ? analytics::category_label(x.after->category) : ""),
             ReportCell::of_text(left_text(x)),
             ReportCell::of_text(mentors_of(ctx, school.id, r))});
    }
    return t;
}

bool in_year(const Date& d, const YearlyReport& r) {
    return d >= r.from && d <= r.to;
}

ReportTable events_table(const ViewContext& ctx, const YearlyReport& r) {
    const auto& s = ctx.site;
    ReportTable t{"events",
                  "Мероприятия",
                  "Проведённые методические мероприятия",
                  {date_column("Дата"), text_column("Мероприятие", 50), text_column("Формат", 18),
                   text_column("Организатор", 24), text_column("Место", 30),
                   integer_column("Участников (школ)", 12)},
                  {},
                  {}};
    for (const auto& e : s.events) {
        if (!in_year(e.date.date, r) || e.date.date > r.as_of) continue;
        t.rows.push_back({ReportCell::of_date(e.date.date),
                          ReportCell::of_text(e.title, s.url("events", e.id)),
                          ReportCell::of_text(s.config.event_kinds.label(e.kind.value)),
                          ReportCell::of_text(e.organizer ? s.school_name(e.organizer->value) : ""),
                          ReportCell::of_text(e.place),
                          ReportCell::of_integer(static_cast<long>(e.participants.size()))});
    }
    return t;
}

/// A transition programme belongs to the school year of its defence; one not yet defended, to
/// the school year of the report's date (it is being worked on then).
bool transition_in(const records::Transition& t, const YearlyReport& r) {
    if (t.defended && *t.defended <= r.as_of) return in_year(*t.defended, r);
    return in_year(r.as_of, r) && !r.closed;
}

ReportTable transitions_table(const ViewContext& ctx, const YearlyReport& r, long& recommended) {
    const auto& s = ctx.site;
    ReportTable t{
        "transitions",
        "Программы перехода",
        "Программы и проекты перехода ШНОР в режим эффективного функционирования",
        {text_column("Программа или проект", 48), text_column("Вид", 11), text_column("Школа", 24),
         text_column("Наставник", 28), text_column("Устраняемые дефициты", 40),
         date_column("Защита"), text_column("Итог", 34)},
        {},
        {}};
    for (const auto& x : s.transitions) {
        if (!transition_in(x, r)) continue;
        std::string mentors, deficits;
        for (const auto& m : x.mentors)
            mentors += (mentors.empty() ? "" : ", ") + s.school_name(m.value);
        for (const auto& d : x.deficits)
            deficits += (deficits.empty() ? "" : "; ") + s.config.risk_factors.label(d.value);
        bool defended = x.defended && *x.defended <= r.as_of;
        recommended += defended && x.outcome.value_or("") == "recommended";
        t.rows.push_back(
            {ReportCell::of_text(x.title, s.url("transitions", x.id)),
             ReportCell::of_text(transition_kind_label(x)),
             ReportCell::of_text(s.school_name(x.school.value), s.url("schools", x.school.value)),
             ReportCell::of_text(mentors), ReportCell::of_text(deficits),
             x.defended ? ReportCell::of_date(*x.defended) : ReportCell{},
             ReportCell::of_text(transition_outcome_label(x, r.as_of))});
    }
    return t;
}

std::vector<ReportCell> effect(std::string label, long value, std::string basis) {
    return {ReportCell::of_text(std::move(label)), ReportCell::of_integer(value),
            ReportCell::of_text(std::move(basis))};
}

struct CentreFigures {
    long practices = 0, events = 0, meetings = 0, programmes = 0, finished = 0;
    long lowest = 0, left = 0, effective = 0, reserve = 0;
    long recommended = 0;  ///< transition programmes recommended for the development programme
};

CentreFigures centre_figures(const ViewContext& ctx, const YearlyReport& r) {
    const auto& s = ctx.site;
    CentreFigures f;
    for (const auto& p : s.practices) f.practices += in_year(p.date, r);
    for (const auto& e : s.events)
        if (in_year(e.date.date, r) && e.date.date <= r.as_of) {
            ++f.events;
            f.meetings += e.kind.value == "meeting";
        }
    for (const auto& m : s.mentorships)
        if (runs_in(m, r)) {
            ++f.programmes;
            std::string st = analytics::mentorship_status(m, r.as_of);
            f.finished += m.running_until() <= r.as_of ||
                          (!r.closed && (st == "completed" || st == "ended_early"));
        }
    // The same definitions as the schools overview (analytics::year_transition).
    analytics::YearTransition t = analytics::year_transition(s, ctx.analytics, r.year - 1, r.year);
    f.lowest = static_cast<int>(t.lowest.size());
    f.left = static_cast<int>(t.left_lowest.size());
    f.effective = static_cast<int>(t.to_effective.size());
    for (const auto& e : s.reserve)
        f.reserve += e.training_to && in_year(*e.training_to, r) && *e.training_to <= r.as_of;
    return f;
}

ReportTable effects_table(const ViewContext& ctx, const YearlyReport& r, const CentreFigures& f,
                          const PlanCount& plan) {
    std::string before = school_year_label(r.year - 1);
    ReportTable t{"effects",
                  "Эффекты",
                  "Результаты и эффекты наставнического центра",
                  {text_column("Показатель", 56), integer_column("Значение", 10),
                   text_column("Основание", 56)},
                  {},
                  {}};
    t.rows.push_back(effect("Описано лучших практик (методические продукты)", f.practices,
                            "п. 7.2; каталог лучших практик на сайте"));
    t.rows.push_back(
        effect("Проведено мероприятий (методические события)", f.events,
               "п. 7.3; из них заседаний объединений — " + std::to_string(f.meetings)));
    t.rows.push_back(effect(
        "Выполнено пунктов плана работы", plan.done,
        "п. 7.3; из " + std::to_string(plan.total()) + " пунктов учебного года" +
            (plan.percent_done() ? " (" + std::to_string(*plan.percent_done()) + " %)" : "")));
    t.rows.push_back(
        effect("Рекомендовано программ (проектов) перехода ШНОР для внесения в "
               "программу развития",
               f.recommended, "п. 4.3.3, 7.2: по итогам публичной защиты"));
    t.rows.push_back(
        effect("Действовало программ наставничества", f.programmes,
               "завершено к " + dotted_date(r.as_of) + " — " + std::to_string(f.finished)));
    t.rows.push_back(effect("Школ нижнего квартиля ИОР в " + before + " уч. г.", f.lowest,
                            "ИОР ниже P25 группы сравнения"));
    t.rows.push_back(effect("Вышли из нижнего квартиля ИОР", f.left,
                            "п. 7.4: снижение уровня неуспешности обучающихся ШНОР"));
    t.rows.push_back(effect("Перешли в категорию «Эффективная» или «Резильентная»", f.effective,
                            "п. 7.4: переход ШНОР в режим эффективного функционирования"));
    if (ctx.site.audience == model::Audience::internal_site)
        t.rows.push_back(effect("Завершили обучение в школе кадрового резерва", f.reserve,
                                "п. 7.4: подготовленный кадровый управленческий резерв"));
    return t;
}

}  // namespace

ReportSection centre_section(const ViewContext& ctx, const YearlyReport& r,
                             std::vector<KeyFigure>& key_figures) {
    PlanCount plan;
    ReportTable plan_t = plan_table(ctx, r, plan);
    std::vector<Transition> list = transitions(ctx, r.year);
    CentreFigures f = centre_figures(ctx, r);
    ReportTable transitions_t = transitions_table(ctx, r, f.recommended);
    ReportSection sec{"centre",
                      "Муниципальный наставнический центр: результаты и эффекты",
                      "Положение о муниципальном наставническом центре, раздел VII, п. 7.2–7.4",
                      {},
                      {},
                      ""};
    sec.findings.push_back(
        "Проведено " + plural(f.events, "мероприятие", "мероприятия", "мероприятий") +
        ", описано " + plural(f.practices, "лучшая практика", "лучшие практики", "лучших практик") +
        ".");
    if (plan.total())
        sec.findings.push_back(
            "План работы: в учебном году " + plural(plan.total(), "пункт", "пункта", "пунктов") +
            ", выполнено " + std::to_string(plan.done) +
            (plan.cancelled ? ", отменено " + std::to_string(plan.cancelled) : "") +
            (plan.overdue ? ", просрочено " + std::to_string(plan.overdue) : "") +
            (plan.percent_done() ? "; выполнено из наступивших по сроку — " +
                                       std::to_string(*plan.percent_done()) + " %."
                                 : "."));
    sec.findings.push_back(
        "Школ нижнего квартиля ИОР в " + school_year_label(r.year - 1) +
        " уч. г.: " + std::to_string(f.lowest) + "; в " + school_year_label(r.year) +
        " уч. г. вышли из неё: " + std::to_string(f.left) +
        "; перешли в категорию «Эффективная» или «Резильентная»: " + std::to_string(f.effective) +
        ".");
    key_figures.push_back({"Действовало программ наставничества", std::to_string(f.programmes)});
    key_figures.push_back({"Проведено мероприятий", std::to_string(f.events)});
    key_figures.push_back({"Описано лучших практик", std::to_string(f.practices)});
    if (plan.percent_done())
        key_figures.push_back(
            {"Выполнен план работы",
             std::to_string(*plan.percent_done()) + std::string(kNbsp) + "%",
             "выполнено " + std::to_string(plan.done) + std::string(kNbsp) + "из " +
                 plural(plan.due(), "наступившего", "наступивших", "наступивших") +
                 " по сроку; всего " + plural(plan.total(), "пункт", "пункта", "пунктов") +
                 (plan.cancelled ? ", отменено " + std::to_string(plan.cancelled) : "")});
    key_figures.push_back(
        {"Вышли из нижнего квартиля ИОР", std::to_string(f.left) + std::string(kNbsp) + "из " +
                                              plural(f.lowest, "школы", "школ", "школ")});
    sec.tables.push_back(effects_table(ctx, r, f, plan));
    sec.tables.push_back(std::move(plan_t));
    sec.tables.push_back(shnor_table(ctx, r, list));
    if (!transitions_t.rows.empty()) {
        sec.findings.push_back(
            "Программ и проектов перехода ШНОР в режим эффективного функционирования: " +
            std::to_string(transitions_t.rows.size()) +
            ", из них рекомендовано для внесения в "
            "программу развития по итогам защиты: " +
            std::to_string(f.recommended) + ".");
        sec.tables.push_back(std::move(transitions_t));
    }
    sec.tables.push_back(events_table(ctx, r));
    sec.note =
        "Пункт плана относится к учебному году, в котором заканчивается его срок; просроченным "
        "считается невыполненный пункт, срок которого истёк к " +
        dotted_date(r.as_of) + ". Квартили и категории — внутри группы сравнения (" +
        (ctx.site.config.group == "region" ? std::string("регион") : std::string("муниципалитет")) +
        ").";
    return sec;
}

namespace {

/// Mean change of the mentees' ИОР from the year before the programme to the report's year (or
/// the latest year with data before it); nullopt without data on both ends.
std::optional<double> mentee_ior_change(const ViewContext& ctx, const records::Mentorship& m,
                                        int year) {
    int baseline = m.start.school_year() - 1;
    double sum = 0;
    int n = 0;
    for (const auto& id : m.mentees) {
        auto index = ctx.site.school_index(id.value);
        if (!index) continue;
        const analytics::SchoolYear* before = ctx.analytics.get(*index, baseline);
        const analytics::SchoolYear* after = nullptr;
        for (int y = year; y > baseline && !after; --y) {
            after = ctx.analytics.get(*index, y);
            if (after && !after->ior) after = nullptr;
        }
        if (!before || !before->ior || !after) continue;
        sum += *after->ior - *before->ior;
        ++n;
    }
    if (n == 0) return std::nullopt;
    return sum / n;
}

/// Mean way to the targets over goals with data, capped at 100 % per goal.
std::optional<int> goals_way(const records::Mentorship& m) {
    int sum = 0, n = 0;
    for (const auto& g : m.goals) {
        int pct = analytics::goal_percent(g);
        if (pct < 0) continue;
        sum += std::min(pct, 100);
        ++n;
    }
    if (n == 0) return std::nullopt;
    return static_cast<int>(std::lround(static_cast<double>(sum) / n));
}

std::vector<ReportColumn> programme_columns(bool internal) {
    std::vector<ReportColumn> c = {text_column("Программа", 40),
                                   text_column("Формат", 20),
                                   text_column("Наставники", 26),
                                   text_column("Наставляемые", 26),
                                   text_column("Статус", 16),
                                   integer_column("К1: мероприятия выполнены, %", 14),
                                   text_column("К1: цели достигнуты", 12),
                                   integer_column("К1: путь к целям, %", 12),
                                   number_column("К3: изменение ИОР наставляемых", 2, 14, true),
                                   text_column("К3: положительная динамика", 14)};
    if (internal) {
        c.push_back(number_column("К2: оценка наставника", 1, 12));
        c.push_back(number_column("К2: оценка наставляемого", 1, 12));
    }
    return c;
}

/// The three criteria summed over the programmes.
struct CriteriaTotals {
    analytics::Progress events;
    int goals = 0, goals_total = 0, positive = 0, with_data = 0;
};

/// ИОР changes smaller than this are rounding noise, not dynamics.
constexpr double kMeaningfulChange = 0.005;

std::vector<ReportCell> programme_row(const ViewContext& ctx, const records::Mentorship& m,
                                      const YearlyReport& r, CriteriaTotals& totals) {
    static const std::map<std::string, std::string> kFormats = {
        {"pair", "Сетевая пара"}, {"group", "Менторская группа"}, {"patronage", "Шефство"}};
    analytics::Progress d = due_events(m, m.start, r.to, r.as_of);
    auto [achieved, counted] = goals_achieved(m);
    std::optional<double> change = mentee_ior_change(ctx, m, r.year);
    totals.events += d;
    totals.goals += achieved, totals.goals_total += counted;
    totals.with_data += change.has_value();
    totals.positive += change && *change > kMeaningfulChange;
    std::vector<ReportCell> row = {
        ReportCell::of_text(m.title, ctx.site.url("mentorships", m.id)),
        ReportCell::of_text(kFormats.count(m.format) ? kFormats.at(m.format) : m.format),
        ReportCell::of_text(school_names(ctx, m.mentors)),
        ReportCell::of_text(school_names(ctx, m.mentees)),
        ReportCell::of_text(status_label(m, r)),
        d.percent_done() ? ReportCell::of_integer(*d.percent_done()) : ReportCell{},
        ReportCell::of_text(counted ? std::to_string(achieved) + " из " + std::to_string(counted)
                                    : ""),
        goals_way(m) ? ReportCell::of_integer(*goals_way(m)) : ReportCell{},
        ReportCell::of_optional(change),
        ReportCell::of_text(change ? yes_no(*change > kMeaningfulChange) : "нет данных")};
    if (ctx.site.audience == model::Audience::internal_site) {
        row.push_back(ReportCell::of_optional(mean_feedback(m, r, "mentor")));
        row.push_back(ReportCell::of_optional(mean_feedback(m, r, "mentee")));
    }
    return row;
}

std::vector<std::string> criteria_findings(long n, const CriteriaTotals& t, bool internal) {
    std::vector<std::string> out = {"Оценено " + plural(n, "программа", "программы", "программ") +
                                    " наставничества, действовавших в учебном году."};
    if (n) {
        out.push_back(
            "Критерий 1: выполнено " + std::to_string(t.events.done) + " из " +
            std::to_string(t.events.done + t.events.overdue) + " наступивших по сроку мероприятий" +
            (t.events.percent_done() ? " (" + std::to_string(*t.events.percent_done()) + " %)"
                                     : "") +
            "; цели достигнуты: " + std::to_string(t.goals) + " из " +
            std::to_string(t.goals_total) + ".");
        out.push_back("Критерий 3: положительная динамика ИОР наставляемых — у " +
                      std::to_string(t.positive) + " из " +
                      plural(t.with_data, "программы", "программ", "программ") + " с данными.");
    }
    out.push_back(internal ? "Критерий 2 — средние оценки наставников и наставляемых по анкетам "
                             "учебного года (конфиденциально)."
                           : "Критерий 2 (система отношений в менторской группе) оценивается по "
                             "анкетам участников; анкеты конфиденциальны, оценки приводятся во "
                             "внутренней версии отчёта.");
    return out;
}

}  // namespace

ReportSection programmes_section(const ViewContext& ctx, const YearlyReport& r) {
    bool internal = ctx.site.audience == model::Audience::internal_site;
    ReportTable t{"programmes",
                  "Оценка программ",
                  "Оценка программ наставничества по критериям",
                  programme_columns(internal),
                  {},
                  {}};
    CriteriaTotals totals;
    for (const auto& m : ctx.site.mentorships)
        if (runs_in(m, r)) t.rows.push_back(programme_row(ctx, m, r, totals));
    ReportSection sec{
        "programmes",
        "Оценка программ наставничества",
        "Положение о системе менторства, п. 3.5: критерии эффективности",
        criteria_findings(static_cast<long>(t.rows.size()), totals, internal),
        {},
        "К1 — выполнение мероприятий программы (проведённые среди наступивших по сроку и не "
        "отменённых, с начала программы до " +
            dotted_date(r.as_of) +
            ") и достижение целей (фактическое значение дошло до целевого); путь к цели — доля "
            "пути от исходного значения к целевому, не более 100 % по каждой цели. К2 — "
            "позитивная система отношений. К3 — динамика результатов: среднее изменение ИОР "
            "наставляемых школ от года перед началом программы до отчётного года."};
    sec.tables.push_back(std::move(t));
    return sec;
}

}  // namespace nk::render::report
