// Transition programmes of ШНОР (seed 002 §4.3): the list, a page each, and the item that
// school dashboards and the yearly report show.

#include "render/transition_views.h"

#include "render/page_views.h"
#include "render/yearly_report.h"

namespace nk::render {

std::string transition_kind_label(const records::Transition& t) {
    return t.kind == "project" ? "Проект" : "Программа";
}

std::string transition_outcome_label(const records::Transition& t, const Date& as_of) {
    // «Программа» is feminine, «проект» masculine: the participle agrees.
    bool project = t.kind == "project";
    if (!t.outcome && !t.defended) return "в разработке";
    if (!t.outcome && *t.defended > as_of) return "защита назначена";
    if (!t.outcome) return project ? "защищён, итог не внесён" : "защищена, итог не внесён";
    if (*t.outcome == "recommended" && t.included)
        return project ? "рекомендован и внесён в программу развития школы"
                       : "рекомендована и внесена в программу развития школы";
    if (*t.outcome == "recommended")
        return project ? "рекомендован для внесения в программу развития"
                       : "рекомендована для внесения в программу развития";
    if (*t.outcome == "revise")
        return project ? "направлен на доработку" : "направлена на доработку";
    return project ? "не рекомендован" : "не рекомендована";
}

json transition_item(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Transition& t = s.transitions[index];
    return {{"title", t.title},
            {"url", s.url("transitions", t.id)},
            {"kind", transition_kind_label(t)},
            {"school", school_ref(ctx, t.school.value)},
            {"mentors", school_refs(ctx, t.mentors)},
            {"defended", t.defended ? t.defended->russian() : ""},
            {"outcome", t.outcome.value_or("")},
            {"outcome_label", transition_outcome_label(t, s.as_of)},
            {"recommended", t.outcome.value_or("") == "recommended"},
            {"included", t.included},
            {"developed", t.kind == "project" ? "разработан" : "разработана"}};
}

json transition_list_view(const ViewContext& ctx) {
    json items = json::array();
    for (size_t i = 0; i < ctx.site.transitions.size(); ++i)
        items.push_back(transition_item(ctx, i));
    return merge(page_frame(ctx, "Программы перехода в эффективный режим работы",
                            ctx.site.url("transitions"), "mentorships",
                            "Программы и проекты перехода школ с низкими образовательными "
                            "результатами в режим эффективного функционирования и развития"),
                 {{"transitions", items}, {"has_transitions", !items.empty()}});
}

json transition_view(const ViewContext& ctx, size_t index) {
    const auto& s = ctx.site;
    const records::Transition& t = s.transitions[index];
    json view = transition_item(ctx, index);
    view["description"] = t.description;
    view["document"] = t.document;
    view["deficits"] = vocab_refs(t.deficits, s.config.risk_factors);
    view["has_deficits"] = !t.deficits.empty();
    view["internal_fields"] = internal_fields(ctx, t);
    if (t.draft) view["draft"] = true;  // shown by --drafts and serve, marked
    return merge(page_frame(ctx, t.title, s.url("transitions", t.id), "mentorships", t.description),
                 std::move(view));
}

}  // namespace nk::render
