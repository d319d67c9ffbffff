#include "render/yearly_report.h"

#include <cmath>
#include <cstdio>

#include "analytics/competition_ranking.h"
#include "analytics/programme_progress.h"
#include "render/programme_views.h"
#include "render/report_sections.h"

namespace nk::render {

ReportCell ReportCell::of_text(std::string s, std::string url) {
    ReportCell c;
    c.kind = s.empty() ? Kind::empty : Kind::text;
    c.text = std::move(s);
    c.url = std::move(url);
    return c;
}

ReportCell ReportCell::of_integer(long n) {
    ReportCell c;
    c.kind = Kind::integer;
    c.number = static_cast<double>(n);
    return c;
}

ReportCell ReportCell::of_number(double v) {
    ReportCell c;
    c.kind = Kind::number;
    c.number = v;
    return c;
}

ReportCell ReportCell::of_date(const Date& d) {
    ReportCell c;
    c.kind = d.valid() ? Kind::date : Kind::empty;
    c.date = d;
    return c;
}

ReportCell ReportCell::of_optional(const std::optional<double>& v) {
    return v ? of_number(*v) : ReportCell{};
}

std::vector<const ReportTable*> YearlyReport::tables() const {
    std::vector<const ReportTable*> out;
    for (const auto& s : sections)
        for (const auto& t : s.tables) out.push_back(&t);
    return out;
}

std::string dotted_date(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year);
    return buf;
}

std::string cell_display(const ReportCell& cell, const ReportColumn& column) {
    switch (cell.kind) {
        case ReportCell::Kind::empty:
            return "";
        case ReportCell::Kind::text:
            return cell.text;
        case ReportCell::Kind::integer:
            return std::to_string(std::lround(cell.number));
        case ReportCell::Kind::date:
            return dotted_date(cell.date);
        case ReportCell::Kind::number:
            break;
    }
    std::string s = format_number(cell.number, column.decimals);
    bool positive = std::round(cell.number * std::pow(10.0, column.decimals)) > 0;
    return column.signed_number && positive ? "+" + s : s;
}

namespace report {

ReportColumn text_column(std::string header, double width) {
    return {std::move(header), Kind::text, 0, false, width, false};
}

ReportColumn integer_column(std::string header, double width) {
    return {std::move(header), Kind::integer, 0, false, width, false};
}

ReportColumn number_column(std::string header, int decimals, double width, bool signed_number) {
    return {std::move(header), Kind::number, decimals, signed_number, width, false};
}

ReportColumn date_column(std::string header, double width) {
    return {std::move(header), Kind::date, 0, false, width, false};
}

ReportColumn group_column(std::string header, double width) {
    return {std::move(header), Kind::text, 0, false, width, true};
}

bool runs_in(const records::Mentorship& m, const YearlyReport& r) {
    return m.start <= r.to && m.running_until() >= r.from;
}

std::string school_names(const ViewContext& ctx, const std::vector<records::Located>& ids) {
    std::string out;
    for (const auto& id : ids) out += (out.empty() ? "" : ", ") + ctx.site.school_name(id.value);
    return out;
}

std::optional<double> mean_feedback(const records::Mentorship& m, const YearlyReport& r,
                                    const std::string& from) {
    double sum = 0;
    int n = 0;
    for (const auto& f : m.feedback)
        if (f.from == from && f.date >= r.from && f.date <= r.to) {
            sum += f.score;
            ++n;
        }
    if (n == 0) return std::nullopt;
    return sum / n;
}

analytics::Progress due_events(const records::Mentorship& m, const Date& from, const Date& to,
                               const Date& as_of) {
    return analytics::programme_progress(m, as_of, from, to);
}

std::pair<int, int> goals_achieved(const records::Mentorship& m) {
    int achieved = 0, counted = 0;
    for (const auto& g : m.goals) {
        int pct = analytics::goal_percent(g);
        if (pct < 0) continue;
        ++counted;
        achieved += pct >= 100;
    }
    return {achieved, counted};
}

std::string status_label(const records::Mentorship& m, const YearlyReport& r) {
    std::string status = analytics::mentorship_status(m, r.as_of);
    if (r.closed && r.as_of >= m.start && r.as_of <= m.running_until()) status = "active";
    return analytics::mentorship_status_label(status);
}

std::string yes_no(bool v) {
    return v ? "да" : "нет";
}

namespace {

std::vector<ReportColumn> pair_columns(bool internal) {
    std::vector<ReportColumn> c = {integer_column("№", 5),
                                   text_column("Сетевая пара", 40),
                                   text_column("ШНОР", 24),
                                   text_column("Партнёр", 24),
                                   date_column("Начало"),
                                   date_column("Окончание"),
                                   integer_column("Мероприятий в году", 12),
                                   integer_column("Проведено"),
                                   integer_column("Отменено"),
                                   integer_column("Просрочено"),
                                   integer_column("Выполнено, %"),
                                   text_column("Цели достигнуты", 12),
                                   text_column("Статус", 16)};
    if (internal) {
        c.push_back(number_column("Оценка наставника", 1, 12));
        c.push_back(number_column("Оценка наставляемого", 1, 12));
    }
    return c;
}

}  // namespace

namespace {

/// What the curators' findings sum up over the pairs.
struct PairTotals {
    analytics::Progress events;
    int goals = 0, goals_total = 0;
    std::vector<double> mentor, mentee;  ///< per-pair feedback means (internal audience)

    void add(const analytics::Progress& d, std::pair<int, int> goals_of) {
        events += d;
        goals += goals_of.first, goals_total += goals_of.second;
    }
    static std::string mean_text(const std::vector<double>& v) {
        if (v.empty()) return "нет анкет";
        double sum = 0;
        for (double x : v) sum += x;
        return format_number(sum / static_cast<double>(v.size()), 1);
    }
};

std::vector<ReportCell> pair_row(const ViewContext& ctx, const records::Mentorship& m,
                                 const YearlyReport& r, size_t number, PairTotals& totals) {
    const auto& s = ctx.site;
    analytics::Progress d = due_events(m, r.from, r.to, r.as_of);
    auto [achieved, counted] = goals_achieved(m);
    totals.add(d, {achieved, counted});
    std::vector<ReportCell> row = {
        ReportCell::of_integer(static_cast<long>(number)),
        ReportCell::of_text(m.title, s.url("mentorships", m.id)),
        ReportCell::of_text(school_names(ctx, m.mentees)),
        ReportCell::of_text(school_names(ctx, m.mentors)),
        ReportCell::of_date(m.start),
        ReportCell::of_date(m.running_until()),
        ReportCell::of_integer(d.total()),
        ReportCell::of_integer(d.done),
        ReportCell::of_integer(d.cancelled),
        ReportCell::of_integer(d.overdue),
        d.percent_done() ? ReportCell::of_integer(*d.percent_done()) : ReportCell{},
        ReportCell::of_text(counted ? std::to_string(achieved) + " из " + std::to_string(counted)
                                    : ""),
        ReportCell::of_text(status_label(m, r))};
    if (s.audience == model::Audience::internal_site) {
        for (const char* side : {"mentor", "mentee"}) {
            std::optional<double> mean = mean_feedback(m, r, side);
            row.push_back(ReportCell::of_optional(mean));
            if (mean)
                (side == std::string("mentor") ? totals.mentor : totals.mentee).push_back(*mean);
        }
    }
    return row;
}

std::vector<std::string> pair_findings(long pairs, const PairTotals& t, bool internal) {
    std::vector<std::string> out = {
        "В учебном году " + std::string(plural_word(pairs, "работала", "работали", "работали")) +
        " " + plural(pairs, "сетевая пара", "сетевые пары", "сетевых пар") + " руководителей."};
    if (pairs == 0) return out;
    const analytics::Progress& e = t.events;
    out.push_back("Запланировано мероприятий: " + std::to_string(e.total()) + "; проведено " +
                  std::to_string(e.done) + ", отменено " + std::to_string(e.cancelled) +
                  ", просрочено " + std::to_string(e.overdue) +
                  (e.percent_done() ? " — выполнено " + std::to_string(*e.percent_done()) +
                                          " % наступивших по сроку."
                                    : "."));
    if (t.goals_total)
        out.push_back("Цели программ достигнуты: " + std::to_string(t.goals) + " из " +
                      std::to_string(t.goals_total) + ".");
    if (internal)
        out.push_back("Анкетирование участников (конфиденциально): средняя оценка наставников — " +
                      PairTotals::mean_text(t.mentor) + ", наставляемых — " +
                      PairTotals::mean_text(t.mentee) + " из 5.");
    return out;
}

}  // namespace

ReportSection pairs_section(const ViewContext& ctx, const YearlyReport& r,
                            std::vector<KeyFigure>& key_figures) {
    bool internal = ctx.site.audience == model::Audience::internal_site;
    ReportTable t{"pairs",
                  "Сетевые пары",
                  "Деятельность сетевых пар руководителей",
                  pair_columns(internal),
                  {},
                  {}};
    PairTotals totals;
    for (const auto& m : ctx.site.mentorships)
        if (m.format == "pair" && runs_in(m, r))
            t.rows.push_back(pair_row(ctx, m, r, t.rows.size() + 1, totals));
    ReportSection sec{"pairs",
                      "Сетевые пары руководителей",
                      "Положение о сетевой паре руководителей, п. 5.3–5.4: отчёт кураторов о "
                      "результатах деятельности сетевых пар",
                      pair_findings(static_cast<long>(t.rows.size()), totals, internal),
                      {},
                      "Мероприятия — пункты программ пар, датированные учебным годом; «выполнено» "
                      "— доля проведённых среди наступивших по сроку и не отменённых на " +
                          dotted_date(r.as_of) + "."};
    key_figures.push_back({"Работало сетевых пар руководителей", std::to_string(t.rows.size())});
    sec.tables.push_back(std::move(t));
    return sec;
}

namespace {

std::string analysis_phrase(const records::Association& a, const AnalysisState& st) {
    std::string due = dotted_date(st.due);
    if (a.analysis_submitted)
        return "анализ работы представлен " + dotted_date(*a.analysis_submitted) +
               (st.on_time ? ", в срок (до " + due + ")" : ", с опозданием (срок — " + due + ")");
    if (st.text == "срок не наступил") return "срок сдачи анализа работы — " + due;
    return "анализ работы не представлен (срок — " + due + ")";
}

std::string issues_of(const records::Event& e) {
    std::string out;
    for (size_t i = 0; i < e.agenda.size(); ++i) {
        std::string issue = e.agenda[i].issue;
        while (!issue.empty() && (issue.back() == '.' || issue.back() == ' ')) issue.pop_back();
        out += (i ? "; " : "") + std::to_string(i + 1) + ") " + issue;
    }
    return out;
}

int count_filled(const records::Event& e, std::string records::AgendaItem::*field) {
    int n = 0;
    for (const auto& a : e.agenda) n += !(a.*field).empty();
    return n;
}

ReportTable meetings_table(const ViewContext& ctx,
                           const std::vector<std::pair<size_t, size_t>>& list) {
    ReportTable t{
        "meetings",
        "Заседания",
        "Заседания объединений и протоколы",
        {date_column("Дата"), group_column("Объединение", 30), text_column("Заседание", 36),
         integer_column("Вопросов"), integer_column("Решений"), integer_column("Рекомендаций", 13),
         text_column("Рассмотренные вопросы", 60)},
        {},
        {}};
    for (auto [a, e] : list) {
        const auto& ev = ctx.site.events[e];
        t.rows.push_back(
            {ReportCell::of_date(ev.date.date), ReportCell::of_text(ctx.site.associations[a].name),
             ReportCell::of_text(ev.title, ctx.site.url("events", ev.id)),
             ReportCell::of_integer(static_cast<long>(ev.agenda.size())),
             ReportCell::of_integer(count_filled(ev, &records::AgendaItem::decision)),
             ReportCell::of_integer(count_filled(ev, &records::AgendaItem::recommendation)),
             ReportCell::of_text(issues_of(ev))});
    }
    return t;
}

}  // namespace

ReportSection associations_section(const ViewContext& ctx, const YearlyReport& r) {
    const auto& s = ctx.site;
    int required = s.config.rules.association_min_meetings;
    ReportTable t{"associations",
                  "Объединения",
                  "Межшкольные профессиональные объединения: итоги года",
                  {text_column("Объединение", 40), text_column("Руководитель (школа)", 24),
                   integer_column("Участников"), integer_column("Заседаний проведено", 12),
                   integer_column("Требуется"), text_column("Требование о заседаниях", 20),
                   date_column("Срок анализа"), date_column("Анализ представлен", 12),
                   text_column("Анализ в срок", 16)},
                  {},
                  {}};
    std::vector<std::pair<size_t, size_t>> meetings;
    ReportSection sec{
        "associations",
        "Межшкольные профессиональные объединения",
        "Положение о межшкольном профессиональном объединении, п. 4.3–4.6: не менее " +
            std::to_string(required) +
            " заседаний за учебный год с протоколами; анализ работы до " +
            std::to_string(s.config.rules.analysis_due_day) + " " +
            russian_month(s.config.rules.analysis_due_month, true),
        {},
        {},
        ""};
    for (size_t i = 0; i < s.associations.size(); ++i) {
        const auto& a = s.associations[i];
        if (!a.school_year || *a.school_year != r.year) continue;
        std::vector<size_t> held = association_meetings(s, i, r.year);
        for (size_t e : held) meetings.emplace_back(i, e);
        AnalysisState st = analysis_state(s, a, r.year);
        int n = static_cast<int>(held.size());
        t.rows.push_back(
            {ReportCell::of_text(a.name, s.url("associations", a.id)),
             ReportCell::of_text(a.head ? s.school_name(a.head->value) : ""),
             ReportCell::of_integer(static_cast<long>(a.members.size())), ReportCell::of_integer(n),
             ReportCell::of_integer(required),
             ReportCell::of_text(meetings_state(n, required, r.closed)),
             ReportCell::of_date(st.due),
             a.analysis_submitted ? ReportCell::of_date(*a.analysis_submitted) : ReportCell{},
             ReportCell::of_text(st.text)});
        sec.findings.push_back(
            "«" + a.name + "»: проведено " + plural(n, "заседание", "заседания", "заседаний") +
            " из " + std::to_string(required) + " обязательных (" +
            meetings_state(n, required, r.closed) + "); " + analysis_phrase(a, st) + ".");
    }
    if (t.rows.empty()) sec.findings.push_back("Объединений на этот учебный год нет.");
    std::sort(meetings.begin(), meetings.end(), [&](auto x, auto y) {
        return std::pair(s.events[x.second].date, x.first) <
               std::pair(s.events[y.second].date, y.first);
    });
    sec.note =
        "Заседания — мероприятия вида «Заседание», привязанные к объединению и проведённые в "
        "учебном году.";
    sec.tables.push_back(std::move(t));
    sec.tables.push_back(meetings_table(ctx, meetings));
    return sec;
}

namespace {

ReportTable competition_table() {
    ReportTable t{
        "competitions",
        "Конкурс",
        "Итоги конкурса «Школа-наставник»",
        {group_column("Конкурс", 30), integer_column("Место", 7), text_column("Школа", 28)},
        {},
        {}};
    for (int k = 1; k <= 5; ++k) t.columns.push_back(number_column("К" + std::to_string(k), 2, 7));
    for (auto c : {number_column("Итог, баллов", 2, 10), integer_column("За", 6),
                   integer_column("Против", 8), text_column("Результат", 20)})
        t.columns.push_back(c);
    return t;
}

/// Adds the ranked applications of `c` to `t`; returns the winners' names.
std::string add_ranking(const ViewContext& ctx, const records::Competition& c, ReportTable& t) {
    const auto& s = ctx.site;
    std::string winners;
    for (const auto& rank : analytics::rank_competition(c, s)) {
        const auto& app = c.applications[rank.application];
        std::string school = s.school_name(app.school.value);
        std::vector<ReportCell> row = {
            ReportCell::of_text(c.title, s.url("competitions", c.id)),
            ReportCell::of_integer(rank.rank),
            ReportCell::of_text(school, s.url("schools", app.school.value))};
        for (double mean : rank.criterion_means) row.push_back(ReportCell::of_number(mean));
        row.push_back(ReportCell::of_number(rank.total));
        row.push_back(ReportCell::of_integer(app.votes_for));
        row.push_back(ReportCell::of_integer(app.votes_against));
        row.push_back(ReportCell::of_text(rank.winner ? "«Школа-наставник»" : ""));
        t.rows.push_back(std::move(row));
        if (rank.winner) winners += (winners.empty() ? "" : ", ") + school;
    }
    return winners;
}

std::string criteria_legend(const records::Competition& c) {
    std::string out;
    for (size_t k = 0; k < c.criteria.size(); ++k)
        out += (k ? "; К" : "Критерии: К") + std::to_string(k + 1) + " — " + c.criteria[k];
    return out + ".";
}

}  // namespace

ReportSection competitions_section(const ViewContext& ctx, const YearlyReport& r) {
    ReportTable t = competition_table();
    ReportSection sec{"competitions",
                      "Конкурс «Школа-наставник»",
                      "Положение о школьном наставничестве: пять критериев по 0–5 баллов, открытое "
                      "голосование, звание «Школа-наставник» победителям",
                      {},
                      {},
                      "Балл по критерию — среднее по экспертам; итог — сумма пяти средних (0–25). "
                      "При равенстве итога место определяет разность голосов «за» и «против». "
                      "Конкурс года N относится к учебному году, который заканчивается в году N."};
    std::string legend;
    for (const auto& c : ctx.site.competitions) {
        if (c.year != r.year + 1) continue;
        std::string winners = add_ranking(ctx, c, t);
        long n = static_cast<long>(c.applications.size());
        sec.findings.push_back(
            "«" + c.title + "»: " + plural(n, "заявка", "заявки", "заявок") +
            (winners.empty() ? "." : "; звание «Школа-наставник» получили: " + winners + "."));
        if (legend.empty()) legend = criteria_legend(c);
    }
    if (t.rows.empty()) sec.findings.push_back("Конкурсов в этом учебном году не проводилось.");
    if (!legend.empty()) sec.findings.push_back(legend);
    sec.tables.push_back(std::move(t));
    return sec;
}

}  // namespace report

ReportTable school_table(const ViewContext& ctx, size_t index) {
    using namespace report;
    const auto& school = ctx.site.schools[index];
    ReportTable t{
        "data",
        "Показатели",
        "Показатели школы по учебным годам: " + school.name,
        {text_column("Учебный год", 12), number_column("ИОР", 2, 8), number_column("ИСБШ", 2, 8),
         number_column("ГИА", 2, 8), number_column("ВПР", 2, 8),
         number_column("Доля вечернего обучения", 2, 12), integer_column("Квартиль ИОР", 10),
         text_column("Категория", 18), text_column("Зоны риска", 30), text_column("ШНОР", 8),
         text_column("ШССУ", 8), text_column("Группа сравнения", 24),
         integer_column("Школ в группе", 10), number_column("P25 ИОР группы", 2, 10),
         number_column("Медиана ИОР группы", 2, 10), number_column("P75 ИОР группы", 2, 10)},
        {},
        {}};
    for (const auto& y : school.years) {
        const analytics::SchoolYear* a = ctx.analytics.get(index, y.year);
        const analytics::GroupYear* g = a ? a->group : nullptr;
        std::string zones;
        if (a)
            for (const auto& z : a->risk_zones)
                zones += (zones.empty() ? "" : "; ") + analytics::risk_zone_label(z);
        t.rows.push_back({ReportCell::of_text(school_year_label(y.year)),
                          ReportCell::of_optional(y.ior), ReportCell::of_optional(y.isbsh),
                          ReportCell::of_optional(y.gia), ReportCell::of_optional(y.vpr),
                          ReportCell::of_optional(y.evening_share),
                          a && a->quartile ? ReportCell::of_integer(a->quartile) : ReportCell{},
                          ReportCell::of_text(a ? analytics::category_label(a->category) : ""),
                          ReportCell::of_text(zones), ReportCell::of_text(yes_no(y.low_results)),
                          ReportCell::of_text(yes_no(y.difficult_conditions)),
                          ReportCell::of_text(g ? g->group : ""),
                          g ? ReportCell::of_integer(static_cast<long>(g->size)) : ReportCell{},
                          g ? ReportCell::of_number(g->ior_p25) : ReportCell{},
                          g ? ReportCell::of_number(g->ior_p50) : ReportCell{},
                          g ? ReportCell::of_number(g->ior_p75) : ReportCell{}});
    }
    return t;
}

ReportTable reserve_table(const ViewContext& ctx, const Date& until) {
    using namespace report;
    const auto& s = ctx.site;
    ReportTable t{
        "reserve",
        "Кадровый резерв",
        "Реестр кадрового управленческого резерва",
        {text_column("ФИО", 28), text_column("Место работы", 40), text_column("Должность", 30),
         integer_column("Стаж, лет", 9), date_column("Обучение с"), date_column("Обучение по"),
         text_column("Сертификаты курсовой подготовки", 50), text_column("Мероприятия", 50),
         text_column("Согласие на переезд", 12), text_column("Контакты", 28)},
        {},
        {}};
    auto join = [](const std::vector<std::string>& v) {
        std::string out;
        for (const auto& x : v) out += (out.empty() ? "" : "; ") + x;
        return out;
    };
    for (const auto& e : s.reserve) {
        if (until.valid() && e.training_from && *e.training_from > until) continue;
        const records::School* school = s.school(e.school.value);
        t.rows.push_back(
            {ReportCell::of_text(e.full_name),
             ReportCell::of_text(school ? school->name : e.school.value),
             ReportCell::of_text(e.position),
             e.experience_years ? ReportCell::of_integer(*e.experience_years) : ReportCell{},
             e.training_from ? ReportCell::of_date(*e.training_from) : ReportCell{},
             e.training_to ? ReportCell::of_date(*e.training_to) : ReportCell{},
             ReportCell::of_text(join(e.certificates)), ReportCell::of_text(join(e.events)),
             ReportCell::of_text(e.relocation_consent ? yes_no(*e.relocation_consent) : ""),
             ReportCell::of_text(e.contacts)});
    }
    return t;
}

YearlyReport build_yearly_report(const ViewContext& ctx, int year) {
    const auto& s = ctx.site;
    YearlyReport r;
    r.year = year;
    r.from = Date{year, 9, 1};
    r.to = Date{year + 1, 8, 31};
    r.closed = s.as_of > r.to;
    r.as_of = r.closed ? r.to : s.as_of;
    r.title = "Отчёт о наставничестве за " + school_year_label(year) + " учебный год";
    r.sections.push_back(report::pairs_section(ctx, r, r.key_figures));
    r.sections.push_back(report::associations_section(ctx, r));
    r.sections.push_back(report::centre_section(ctx, r, r.key_figures));
    r.sections.push_back(report::programmes_section(ctx, r));
    r.sections.push_back(report::competitions_section(ctx, r));
    if (s.audience == model::Audience::internal_site) {
        ReportSection sec{
            "reserve",
            "Кадровый управленческий резерв",
            "Положение о муниципальном наставническом центре, п. 5.6: обязательные поля реестра",
            {},
            {},
            "Персональные данные: только для внутреннего использования."};
        sec.tables.push_back(reserve_table(ctx, r.to));
        sec.findings.push_back("В реестре " +
                               plural(static_cast<long>(sec.tables.back().rows.size()), "запись",
                                      "записи", "записей") +
                               " на конец учебного года.");
        r.sections.push_back(std::move(sec));
    }
    return r;
}

}  // namespace nk::render
