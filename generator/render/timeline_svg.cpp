#include "render/timeline_svg.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "analytics/programme_progress.h"
#include "fs/text.h"
#include "render/russian.h"

namespace nk::render {

namespace {

constexpr double kWidth = 760, kLeft = 18, kRight = 742;
constexpr double kBandTop = 22, kBandHeight = 12;
constexpr double kLaneTop = 62, kLaneStep = 26, kMarkerGap = 22;

std::string num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", v);
    std::string s = buf;
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

std::string esc(const std::string& s) {
    return text::escape_xml(bind_numero(s));
}

std::string dotted(const Date& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d.%02d.%04d", d.day, d.month, d.year);
    return buf;
}

std::string short_month(int month) {
    static const std::array<const char*, 12> kNames = {"янв", "фев", "мар", "апр", "май", "июн",
                                                       "июл", "авг", "сен", "окт", "ноя", "дек"};
    return kNames[static_cast<size_t>(month - 1)];
}

Date first_of_month(const Date& d) {
    return {d.year, d.month, 1};
}

/// Maps dates onto the x axis between the first day of the first month and the first day of
/// the month after the last one.
struct Scale {
    long lo = 0, hi = 1;
    double x(const Date& d) const {
        double share = static_cast<double>(d.days() - lo) / static_cast<double>(hi - lo);
        return kLeft + std::clamp(share, 0.0, 1.0) * (kRight - kLeft);
    }
};

Scale scale_of(const records::Mentorship& m, const Date& as_of) {
    Date lo = m.start, hi = m.running_until();
    for (const auto& e : m.events) {
        lo = std::min(lo, e.date);
        hi = std::max(hi, e.date);
    }
    // The as_of line is worth a few extra months: it shows how far before or after the term
    // the figures are given.
    if (as_of > hi && as_of <= hi.add_months(6)) hi = as_of;
    if (as_of < lo && as_of >= lo.add_months(-6)) lo = as_of;
    Scale s;
    s.lo = first_of_month(lo).days();
    s.hi = first_of_month(hi).add_months(1).days();
    return s;
}

/// Lane of each event: the first lane whose last marker is far enough to the left.
std::vector<int> lanes_of(const records::Mentorship& m, const Scale& scale) {
    std::vector<size_t> order(m.events.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return m.events[a].date < m.events[b].date; });
    std::vector<int> lanes(m.events.size(), 0);
    std::vector<double> last_x;
    for (size_t i : order) {
        double x = scale.x(m.events[i].date);
        size_t lane = 0;
        while (lane < last_x.size() && x - last_x[lane] < kMarkerGap) ++lane;
        if (lane == last_x.size()) last_x.push_back(x);
        last_x[lane] = x;
        lanes[i] = static_cast<int>(lane);
    }
    return lanes;
}

std::string term_band(const records::Mentorship& m, const Scale& s) {
    std::string out = "<g class=\"tl-term\"><title>" +
                      esc("Срок программы: " + dotted(m.start) + " — " + dotted(m.end)) +
                      "</title><rect x=\"" + num(s.x(m.start)) + "\" y=\"" + num(kBandTop) +
                      "\" width=\"" + num(std::max(1.0, s.x(m.end) - s.x(m.start))) +
                      "\" height=\"" + num(kBandHeight) + "\" rx=\"3\" fill=\"#cfe0f3\"/></g>";
    if (m.extended_until && *m.extended_until > m.end)
        out += "<g class=\"tl-extension\"><title>" +
               esc("Продление до " + dotted(*m.extended_until)) + "</title><rect x=\"" +
               num(s.x(m.end)) + "\" y=\"" + num(kBandTop) + "\" width=\"" +
               num(s.x(*m.extended_until) - s.x(m.end)) + "\" height=\"" + num(kBandHeight) +
               "\" rx=\"3\" fill=\"#fff\" stroke=\"#0b5cad\" stroke-dasharray=\"4 3\"/></g>";
    out += "<text x=\"" + num(kLeft) + "\" y=\"" + num(kBandTop - 6) +
           "\" font-size=\"11\" fill=\"#5a6474\">" +
           esc("Срок: " + dotted(m.start) + " — " + dotted(m.end) +
               (m.extended_until ? ", продление до " + dotted(*m.extended_until) : "")) +
           "</text>";
    return out;
}

std::string month_axis(const Scale& s, double axis_y, double top) {
    std::string out = "<g class=\"tl-axis\" font-size=\"10\" fill=\"#5a6474\">";
    out += "<line x1=\"" + num(kLeft) + "\" y1=\"" + num(axis_y) + "\" x2=\"" + num(kRight) +
           "\" y2=\"" + num(axis_y) + "\" stroke=\"#8a94a3\"/>";
    Date d = Date::from_days(s.lo);
    int months = 0;
    for (Date m = d; m.days() < s.hi; m = m.add_months(1)) ++months;
    int step = months > 14 ? 2 : 1;
    int i = 0;
    for (Date m = d; m.days() < s.hi; m = m.add_months(1), ++i) {
        double x = s.x(m);
        out += "<line x1=\"" + num(x) + "\" y1=\"" + num(top) + "\" x2=\"" + num(x) + "\" y2=\"" +
               num(axis_y + 4) + "\" stroke=\"#e3e7ed\"/>";
        if (i % step != 0) continue;
        std::string label = short_month(m.month);
        if (i == 0 || m.month == 1) label += " " + std::to_string(m.year);
        out += "<text x=\"" + num(x + 2) + "\" y=\"" + num(axis_y + 15) + "\">" + esc(label) +
               "</text>";
    }
    return out + "</g>";
}

std::string as_of_line(const Scale& s, const Date& as_of, double axis_y) {
    if (as_of.days() < s.lo || as_of.days() >= s.hi) return "";
    double x = s.x(as_of);
    bool right_half = x > (kLeft + kRight) / 2;
    return "<g class=\"tl-today\"><line x1=\"" + num(x) + "\" y1=\"" + num(kBandTop - 2) +
           "\" x2=\"" + num(x) + "\" y2=\"" + num(axis_y) +
           "\" stroke=\"#b3261e\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/><text x=\"" +
           num(right_half ? x - 4 : x + 4) + "\" y=\"" + num(kBandTop + kBandHeight + 12) +
           "\" font-size=\"10\" fill=\"#b3261e\" text-anchor=\"" + (right_half ? "end" : "start") +
           "\">" + esc("на " + dotted(as_of)) + "</text></g>";
}

/// The marker shape of a state centred on (x, y), and the colour of its number.
std::pair<std::string, std::string> marker_shape(const std::string& state, double x, double y) {
    std::string cx = num(x), cy = num(y);
    if (state == "done")
        return {"<circle cx=\"" + cx + "\" cy=\"" + cy + "\" r=\"9\" fill=\"#1f7a3d\"/>", "#fff"};
    if (state == "overdue")
        return {"<rect x=\"" + num(x - 9) + "\" y=\"" + num(y - 9) +
                    "\" width=\"18\" height=\"18\" fill=\"#a15c00\"/>",
                "#fff"};
    if (state == "cancelled")
        return {
            "<circle cx=\"" + cx + "\" cy=\"" + cy +
                "\" r=\"9\" fill=\"#fff\" stroke=\"#8a94a3\" stroke-width=\"1.5\"/><line x1=\"" +
                num(x - 7) + "\" y1=\"" + num(y + 7) + "\" x2=\"" + num(x + 7) + "\" y2=\"" +
                num(y - 7) + "\" stroke=\"#8a94a3\" stroke-width=\"1.5\"/>",
            "#5a6474"};
    return {"<circle cx=\"" + cx + "\" cy=\"" + cy +
                "\" r=\"9\" fill=\"#fff\" stroke=\"#0b5cad\" stroke-width=\"2\"/>",
            "#0b5cad"};
}

std::string marker(const std::string& state, double x, double y, const std::string& label) {
    auto [shape, ink] = marker_shape(state, x, y);
    return shape + "<text x=\"" + num(x) + "\" y=\"" + num(y + 3.5) +
           "\" font-size=\"10\" font-weight=\"700\" text-anchor=\"middle\" fill=\"" + ink + "\">" +
           esc(label) + "</text>";
}

std::string event_markers(const records::Mentorship& m, const Scale& s, const Date& as_of,
                          const std::vector<int>& lanes, double axis_y) {
    std::string out = "<g class=\"tl-events\">";
    for (size_t i = 0; i < m.events.size(); ++i) {
        const auto& e = m.events[i];
        std::string state = programme_event_state(e, as_of);
        double x = s.x(e.date), y = kLaneTop + lanes[i] * kLaneStep;
        out += "<g class=\"tl-event tl-" + state + "\"><title>" +
               esc(std::to_string(i + 1) + ". " + dotted(e.date) + " — " + e.title + " (" +
                   programme_event_state_label(state) + ")") +
               "</title><line x1=\"" + num(x) + "\" y1=\"" + num(y + 9) + "\" x2=\"" + num(x) +
               "\" y2=\"" + num(axis_y) + "\" stroke=\"#c4cbd6\"/>" +
               marker(state, x, y, std::to_string(i + 1)) + "</g>";
    }
    return out + "</g>";
}

std::string legend(double y) {
    static const std::array<const char*, 4> kStates = {"done", "planned", "overdue", "cancelled"};
    std::string out = "<g class=\"tl-legend\" font-size=\"11\" fill=\"#1d2430\">";
    double x = kLeft + 10;
    for (const char* state : kStates) {
        out += marker(state, x, y, "") + "<text x=\"" + num(x + 14) + "\" y=\"" + num(y + 4) +
               "\">" + esc(programme_event_state_label(state)) + "</text>";
        x += 150;
    }
    return out + "</g>";
}

std::string timeline_desc(const records::Mentorship& m, const Date& as_of) {
    // The same counts as every page's «Выполнено» (analytics::Progress).
    analytics::Progress p = analytics::programme_progress(m, as_of);
    std::array<int, 4> counts{p.done, p.ahead, p.overdue, p.cancelled};
    std::string desc = "Срок программы: " + dotted(m.start) + " — " + dotted(m.end);
    if (m.extended_until) desc += ", продлена до " + dotted(*m.extended_until);
    desc += ". Мероприятий: " + std::to_string(m.events.size()) + "; проведено " +
            std::to_string(counts[0]) + ", запланировано " + std::to_string(counts[1]) +
            ", просрочено на " + dotted(as_of) + " " + std::to_string(counts[2]) + ", отменено " +
            std::to_string(counts[3]) + ".";
    return desc;
}

}  // namespace

std::string programme_event_state(const records::ProgrammeEvent& e, const Date& as_of) {
    if (e.status == "done" || e.status == "cancelled") return e.status;
    return e.date < as_of ? "overdue" : "planned";
}

std::string programme_event_state_label(const std::string& state) {
    if (state == "done") return "проведено";
    if (state == "cancelled") return "отменено";
    if (state == "overdue") return "просрочено";
    return "запланировано";
}

std::string programme_timeline_svg(const records::Mentorship& m, const Date& as_of) {
    Scale s = scale_of(m, as_of);
    std::vector<int> lanes = lanes_of(m, s);
    int lane_count = lanes.empty() ? 1 : *std::max_element(lanes.begin(), lanes.end()) + 1;
    double axis_y = kLaneTop + (lane_count - 1) * kLaneStep + 18;
    double height = axis_y + 46;
    std::string id = "tl-" + m.id;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 " +
           num(kWidth) + " " + num(height) + "\" role=\"img\" aria-labelledby=\"" + id + "-title " +
           id + "-desc\"><title id=\"" + id + "-title\">" +
           esc("Программа наставничества на шкале времени: " + m.title) + "</title><desc id=\"" +
           id + "-desc\">" + esc(timeline_desc(m, as_of)) + "</desc>" +
           month_axis(s, axis_y, kBandTop + kBandHeight + 4) + term_band(m, s) +
           as_of_line(s, as_of, axis_y) + event_markers(m, s, as_of, lanes, axis_y) +
           legend(axis_y + 34) + "</svg>";
}

std::string criteria_chart_svg(const std::string& id, const std::string& school,
                               const std::vector<double>& means, bool winner) {
    constexpr double kBarLeft = 24, kBarWidth = 130, kRow = 14;
    double height = static_cast<double>(means.size()) * kRow + 2;
    std::string desc, bars;
    for (size_t i = 0; i < means.size(); ++i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.2f", means[i]);
        std::string value = buf;
        std::replace(value.begin(), value.end(), '.', ',');
        std::string label = "К" + std::to_string(i + 1);
        desc += (i ? "; " : "") + label + " — " + value + " из 5";
        double y = static_cast<double>(i) * kRow + 1;
        bars += "<text x=\"0\" y=\"" + num(y + 10) + "\">" + esc(label) + "</text><rect x=\"" +
                num(kBarLeft) + "\" y=\"" + num(y + 2) + "\" width=\"" + num(kBarWidth) +
                "\" height=\"9\" fill=\"#f4f6f9\"/><rect x=\"" + num(kBarLeft) + "\" y=\"" +
                num(y + 2) + "\" width=\"" + num(std::clamp(means[i], 0.0, 5.0) / 5 * kBarWidth) +
                "\" height=\"9\" fill=\"" + (winner ? "#1f7a3d" : "#0b5cad") + "\"/><text x=\"" +
                num(kBarLeft + kBarWidth + 4) + "\" y=\"" + num(y + 10) + "\">" + esc(value) +
                "</text>";
    }
    std::string cid = "cc-" + id;
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"criteria-chart\" viewBox=\"0 0 184 " +
           num(height) + "\" role=\"img\" aria-labelledby=\"" + cid + "-title " + cid +
           "-desc\" font-size=\"10\" fill=\"#1d2430\"><title id=\"" + cid + "-title\">" +
           esc("Баллы по критериям: " + school) + "</title><desc id=\"" + cid + "-desc\">" +
           esc(desc + " (среднее по экспертам).") + "</desc>" + bars + "</svg>";
}

}  // namespace nk::render
