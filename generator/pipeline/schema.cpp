#include "pipeline/schema.h"

#include <boost/filesystem.hpp>
#include <fstream>

#include "config/toml_reader.h"
#include "diag/messages.h"
#include "fs/file_system.h"

namespace nk::pipeline {

using json = nlohmann::json;

namespace {

constexpr const char* kDraft = "https://json-schema.org/draft/2020-12/schema";
constexpr const char* kIdPattern = "^[a-z0-9-]+$";

json text(const std::string& description) {
    return {{"type", "string"}, {"description", description}};
}

json markdown(const std::string& description) {
    return text(description + " Разметка Markdown.");
}

json url(const std::string& description) {
    return {{"type", "string"},
            {"format", "uri"},
            {"pattern", "^[Hh][Tt][Tt][Pp][Ss]?://"},
            {"description", description + " Адрес, начинающийся с https:// или http://."}};
}

json integer(const std::string& description, long min, long max) {
    return {{"type", "integer"}, {"minimum", min}, {"maximum", max}, {"description", description}};
}

json number(const std::string& description, double min, double max) {
    return {{"type", "number"}, {"minimum", min}, {"maximum", max}, {"description", description}};
}

json boolean(const std::string& description) {
    return {{"type", "boolean"}, {"description", description + " true — да, false — нет."}};
}

json date(const std::string& description) {
    return {{"type", "string"},
            {"format", "date"},
            {"description", description + " Дата TOML без кавычек: 2021-02-01."}};
}

json date_or_time(const std::string& description) {
    return {
        {"type", "string"},
        {"anyOf", json::array({{{"format", "date"}}, {{"format", "local-date-time"}}})},
        {"description",
         description + " Дата или дата и время без кавычек: 2021-02-01 или 2021-02-01T10:00:00."}};
}

json strings(const std::string& description) {
    return {{"type", "array"}, {"items", {{"type", "string"}}}, {"description", description}};
}

/// A choice among fixed values, each documented (Taplo shows `x-taplo.docs.enumValues`).
json choice(const std::string& description,
            const std::vector<std::pair<std::string, std::string>>& values) {
    json codes = json::array(), docs = json::array();
    for (const auto& [code, label] : values) {
        codes.push_back(code);
        docs.push_back(label);
    }
    return {{"type", "string"},
            {"enum", codes},
            {"description", description},
            {"x-taplo", {{"docs", {{"enumValues", docs}}}}}};
}

json code(const std::string& description, const config::Vocabulary& vocabulary,
          const std::string& name) {
    return choice(description + " Код справочника " + name + " из config.toml.",
                  vocabulary.entries());
}

json codes(const std::string& description, const config::Vocabulary& vocabulary,
           const std::string& name) {
    return {{"type", "array"},
            {"uniqueItems", true},
            {"items", code("", vocabulary, name)},
            {"description", description + " Коды справочника " + name + " из config.toml."}};
}

/// The codes of both vocabularies (a mentorship's directions depend on its format).
config::Vocabulary either(const config::Vocabulary& a, const config::Vocabulary& b) {
    std::vector<std::pair<std::string, std::string>> entries = a.entries();
    for (const auto& e : b.entries())
        if (!a.contains(e.first)) entries.push_back(e);
    return config::Vocabulary(std::move(entries));
}

json id(const std::string& description, const std::string& folder) {
    return {{"type", "string"},
            {"pattern", kIdPattern},
            {"description", description + " Идентификатор: имя файла из " + folder +
                                " без расширения (строчные латинские буквы, цифры, «-»)."}};
}

json ids(const std::string& description, const std::string& folder) {
    return {{"type", "array"},
            {"uniqueItems", true},
            {"items", id("", folder)},
            {"description", description + " Идентификаторы из " + folder + "."}};
}

json visibility() {
    return choice("Кто видит: \"internal\" — только внутренняя версия сайта.",
                  {{"public", "Публичная (по умолчанию)"},
                   {"internal", "Только внутренняя версия сайта (site-internal/)"}});
}

json internal_table() {
    json value = {{"anyOf", json::array({{{"type", "string"}},
                                         {{"type", "number"}},
                                         {{"type", "boolean"}},
                                         {{"type", "array"}, {"items", {{"type", "string"}}}}})}};
    return {{"type", "object"},
            {"additionalProperties", value},
            {"description",
             "Служебные сведения: произвольные поля (строки, числа, да/нет, даты, списки строк). "
             "Показываются только во внутренней версии под заголовком «Служебные сведения»."}};
}

/// A table with exactly these keys; `required` must be present.
json table(const std::string& description, json properties,
           const std::vector<std::string>& required) {
    json out = {{"type", "object"},
                {"description", description},
                {"properties", std::move(properties)},
                {"additionalProperties", false}};
    if (!required.empty()) out["required"] = required;
    return out;
}

/// An array of tables (`[[key]]`); rows listed in format-decisions may be internal.
json rows(const std::string& description, json properties, const std::vector<std::string>& required,
          bool may_be_internal = true) {
    if (may_be_internal) properties["visibility"] = visibility();
    return {{"type", "array"},
            {"description", description},
            {"items", table(description, std::move(properties), required)}};
}

/// A whole record: its fields plus `visibility`, `draft` and `[internal]`, which every record
/// accepts.
Schema record(const std::string& name, const std::string& title, const std::string& description,
              json properties, const std::vector<std::string>& required) {
    properties["visibility"] = visibility();
    properties["draft"] = {{"type", "boolean"},
                           {"description",
                            "Черновик: true — запись не попадает на сайт (её показывают "
                            "nastavnik serve и nastavnik build --drafts)."}};
    properties["internal"] = internal_table();
    json schema = table(description, std::move(properties), required);
    schema["$schema"] = kDraft;
    schema["title"] = title;
    return {name, std::move(schema)};
}

Schema school(const config::SiteConfig& c) {
    json year = {
        {"year", integer("Год начала учебного года: 2020 — это 2020/21.", 1990, 2100)},
        {"ior", number("ИОР — индекс образовательных результатов, дробь от 0 до 1.", 0, 1)},
        {"isbsh", number("ИСБШ — индекс социального благополучия школы, дробь от 0 до 1.", 0, 1)},
        {"gia", number("Средний результат ГИА (в той же шкале, что vpr).", 0, 100)},
        {"vpr", number("Средний результат ВПР (в той же шкале, что gia).", 0, 100)},
        {"evening_share",
         number("Доля обучающихся вечернего (очно-заочного, заочного) обучения, от 0 до 1.", 0, 1)},
        {"org_index",
         number("Интегральный показатель уровня организации образовательного процесса, от 0 до "
                "1 (учитывается в зелёной зоне конкурса).",
                0, 1)},
        {"low_results",
         boolean("Школа с низкими образовательными результатами (ШНОР) в этом году.")},
        {"difficult_conditions",
         boolean("Школа функционирует в сложных социальных условиях (ШССУ).")},
        {"risk_factors", codes("Рисковый профиль школы в этом году (проект «500+»).",
                               c.risk_factors, "risk_factors")},
        {"deficits", rows("Выявленные управленческие дефициты.",
                          {{"area", text("Область управления.")},
                           {"finding", text("Что выявлено.")},
                           {"source", text("Источник: мониторинг, самообследование.")}},
                          {"area", "finding"}, false)},
        {"recommendations", rows("Адресные рекомендации по итогам мониторинга.",
                                 {{"text", text("Текст рекомендации.")},
                                  {"by", text("Кто дал рекомендацию.")},
                                  {"date", date("Когда дана.")},
                                  {"status", choice("Состояние.", {{"issued", "Выдана"},
                                                                   {"in_progress", "Выполняется"},
                                                                   {"done", "Выполнена"}})}},
                                 {"text"}, false)}};
    json title = table("Звание школы.",
                       {{"title", text("Звание, например «Школа-наставник».")},
                        {"year", integer("Год присвоения.", 1990, 2100)}},
                       {"title", "year"});
    json p = {
        {"name", text("Полное наименование.")},
        {"short_name", text("Краткое наименование для списков и таблиц.")},
        {"municipality",
         text("Муниципалитет: группа сравнения. Пишите одинаково во всех карточках.")},
        {"region", text("Субъект РФ: группа сравнения при group = \"region\".")},
        {"kind", choice("Тип местности.", {{"urban", "Городская"}, {"rural", "Сельская"}})},
        {"advanced", boolean("Школа повышенного уровня (лицей, гимназия, углублённое изучение).")},
        {"website", url("Сайт школы.")},
        {"address", text("Почтовый адрес.")},
        {"students", integer("Число обучающихся.", 0, 100000)},
        {"titles", {{"type", "array"}, {"items", title}, {"description", "Звания школы."}}},
        {"offer", markdown("Что школа-наставник предлагает подшефным школам.")},
        {"video", url("Видеоприглашение руководителя (около 1,5 минуты).")},
        {"years",
         rows("Показатели за учебный год; один раздел [[years]] на год.", year, {"year"}, false)}};
    return record("school", "Школа или организация (data/schools/ID.toml)",
                  "Карточка школы с показателями по учебным годам.", std::move(p),
                  {"name", "municipality"});
}

Schema mentorship(const config::SiteConfig& c) {
    json goal = {{"indicator", text("Название показателя.")},
                 {"unit", text("Единица измерения: %, чел., балл.")},
                 {"baseline", number("Исходное значение.", -1e12, 1e12)},
                 {"target", number("Целевое значение.", -1e12, 1e12)},
                 {"actual", number("Достигнутое значение.", -1e12, 1e12)}};
    json event = {{"date", date("Дата (срок) мероприятия.")},
                  {"title", text("Содержание мероприятия.")},
                  {"form", code("Форма работы.", c.forms, "forms")},
                  {"status", choice("Выполнение.", {{"planned", "Запланировано (по умолчанию)"},
                                                    {"done", "Проведено"},
                                                    {"cancelled", "Отменено"}})},
                  {"place", text("Место проведения.")},
                  {"responsible", text("Ответственный — должность или роль, не фамилия.")}};
    json feedback = {
        {"date", date("Дата отзыва.")},
        {"from", choice("Чей отзыв.", {{"mentor", "Наставника"}, {"mentee", "Наставляемого"}})},
        {"score", integer("Оценка от 1 до 5.", 1, 5)},
        {"comment", text("Комментарий.")}};
    json p = {
        {"title", text("Название.")},
        {"description", markdown("Описание: цели, затруднения, условия соглашения.")},
        {"format", choice("Формат наставничества.",
                          {{"pair", "Сетевая пара руководителей"},
                           {"group", "Менторская группа"},
                           {"patronage", "Шефство школы-наставника над подшефной школой"}})},
        {"mentors", ids("Школы-наставники.", "data/schools/")},
        {"mentees", ids("Наставляемые школы.", "data/schools/")},
        {"directions", codes("Направления наставничества; у сетевой пары (format = \"pair\") — из "
                             "справочника pair_directions.",
                             either(c.directions, c.pair_directions), "directions")},
        {"forms", codes("Формы работы.", c.forms, "forms")},
        {"start", date("Начало.")},
        {"end", date("Окончание по соглашению: через 3–12 месяцев после start.")},
        {"extended_until", date("Продлено до: не позже 12 месяцев после end.")},
        {"status", choice("Состояние; обычно вычисляется по датам.",
                          {{"planned", "Планируется"},
                           {"active", "Действует"},
                           {"completed", "Завершено"},
                           {"ended_early", "Завершено досрочно"}})},
        {"goals", rows("Целевые показатели: было → цель → достигнуто.", goal, {"indicator"})},
        {"events", rows("Программа — план мероприятий.", event, {"date", "title"})},
        {"feedback", rows("Обратная связь участников; всегда только во внутренней версии.",
                          feedback, {"date", "from", "score"}, false)}};
    p["mentors"]["minItems"] = 1;
    p["mentees"]["minItems"] = 1;
    return record("mentorship", "Наставничество (data/mentorships/ID.toml)",
                  "Сетевая пара, менторская группа или шефство: программа, цели, обратная связь.",
                  std::move(p), {"title", "format", "mentors", "mentees", "start", "end"});
}

Schema association(const config::SiteConfig& c) {
    json p = {
        {"name", text("Название объединения.")},
        {"description", markdown("Описание: цели, план работы на год.")},
        {"head", id("Школа руководителя объединения.", "data/schools/")},
        {"members", ids("Школы-участницы.", "data/schools/")},
        {"directions", codes("Направления работы объединения.", c.association_directions,
                             "association_directions")},
        {"school_year", integer("Учебный год по году начала: 2020 — это 2020/21.", 1990, 2100)},
        {"analysis_submitted", date("Когда сдан анализ работы за учебный год (срок — 15 июля).")}};
    p["members"]["minItems"] = 1;
    return record("association", "Межшкольное объединение (data/associations/ID.toml)",
                  "Межшкольное профессиональное объединение; его заседания — мероприятия вида "
                  "meeting со ссылкой association.",
                  std::move(p), {"name", "members"});
}

Schema plan() {
    json item = {{"activity", choice("Вид деятельности.", {{"research", "Исследовательская"},
                                                           {"project", "Проектная"},
                                                           {"consulting", "Консультационная"},
                                                           {"information", "Информационная"}})},
                 {"content", text("Содержание работы.")},
                 {"from", date("Начало срока.")},
                 {"to", date("Конец срока, не раньше from.")},
                 {"place", text("Место проведения.")},
                 {"responsible", text("Ответственный, привлечённые специалисты.")},
                 {"status", choice("Выполнение.", {{"planned", "Запланировано (по умолчанию)"},
                                                   {"done", "Выполнено"},
                                                   {"cancelled", "Отменено"}})},
                 {"done_on", date("Фактическая дата выполнения.")}};
    json p = {{"title", text("Название плана.")},
              {"owner", id("Чей план: школа или организация.", "data/schools/")},
              {"year", integer("Год плана.", 1990, 2100)},
              {"items", rows("Строки плана.", item, {"activity", "content"})}};
    p["items"]["minItems"] = 1;
    return record("plan", "План работы (data/plans/ID.toml)", "План работы, например МНЦ.",
                  std::move(p), {"title", "items"});
}

Schema competition() {
    json points = {
        {"type", "array"},
        {"minItems", 5},
        {"maxItems", 5},
        {"items", {{"type", "integer"}, {"minimum", 0}, {"maximum", 5}}},
        {"description", "Баллы по пяти критериям в порядке criteria, каждый от 0 до 5."}};
    json score =
        table("Оценка эксперта.",
              {{"expert", text("Обозначение эксперта, например «Эксперт 1».")}, {"points", points}},
              {"points"});
    json application = {
        {"school", id("Школа-участница.", "data/schools/")},
        {"video", url("Видеоприглашение (1,5 минуты).")},
        {"evidence",
         {{"type", "array"},
          {"items", url("")},
          {"description", "Источники сведений: публичный доклад, самообследование."}}},
        {"scores", {{"type", "array"}, {"items", score}, {"description", "Оценки экспертов."}}},
        {"votes_for", integer("Голоса «за» в открытом голосовании.", 0, 1000000)},
        {"votes_against", integer("Голоса «против».", 0, 1000000)}};
    json criteria = strings("Названия пяти критериев оценки.");
    criteria["minItems"] = 5;
    criteria["maxItems"] = 5;
    json p = {{"title", text("Название конкурса.")},
              {"description", markdown("Условия участия, этапы, сроки.")},
              {"year", integer("Год проведения.", 1990, 2100)},
              {"criteria", criteria},
              {"winners",
               integer("Сколько первых мест получают звание «Школа-наставник» (по умолчанию 3).", 0,
                       1000)},
              {"winners_min_total",
               number("Наименьший итог (0–25), с которым заявка получает звание; вместе с "
                      "winners должны выполняться оба условия.",
                      0, 25)},
              {"applications", rows("Заявки школ.", application, {"school"})}};
    return record("competition", "Конкурс «Школа-наставник» (data/competitions/ID.toml)",
                  "Конкурс: критерии, заявки, оценки экспертов и голосование.", std::move(p),
                  {"title", "year", "criteria"});
}

Schema reserve() {
    json p = {{"full_name", text("ФИО педагогического работника.")},
              {"school", id("Место работы.", "data/schools/")},
              {"position", text("Должность.")},
              {"experience_years", integer("Стаж работы, лет.", 0, 80)},
              {"training_from", date("Начало обучения в школе кадрового резерва.")},
              {"training_to", date("Окончание обучения.")},
              {"certificates", strings("Сертификаты курсовой подготовки.")},
              {"events", strings("Посещённые мероприятия системы ДПО.")},
              {"relocation_consent", boolean("Согласие на переезд в другую местность.")},
              {"contacts", text("Контактная информация.")}};
    return record("reserve", "Запись кадрового резерва (data/reserve/ID.toml)",
                  "Персональные данные: только во внутренней версии сайта.", std::move(p),
                  {"full_name", "school"});
}

Schema practice(const config::SiteConfig& c) {
    json result = {{"indicator", text("Показатель.")},
                   {"unit", text("Единица измерения.")},
                   {"before", number("Значение до.", -1e12, 1e12)},
                   {"after", number("Значение после.", -1e12, 1e12)}};
    json p = {{"title", text("Название практики.")},
              {"date", date("Дата публикации.")},
              {"schools", ids("Школы, чья это практика.", "data/schools/")},
              {"directions", codes("Направления.", c.directions, "directions")},
              {"forms", codes("Формы работы.", c.forms, "forms")},
              {"tags", strings("Метки: любые слова для поиска и фильтров.")},
              {"summary", text("Краткое описание для каталога.")},
              {"video", url("Видео о практике.")},
              {"results", rows("Результаты: показатель до и после.", result, {"indicator"})}};
    return record("practice", "Лучшая практика: шапка content/practices/ID.md",
                  "Поля между строками +++ в начале файла практики.", std::move(p),
                  {"title", "date"});
}

Schema event(const config::SiteConfig& c) {
    json agenda = {{"issue", text("Рассмотренный вопрос.")},
                   {"decision", text("Принятое решение.")},
                   {"recommendation", text("Рекомендация.")}};
    json p = {{"title", text("Название.")},
              {"date", date_or_time("Начало.")},
              {"end", date_or_time("Окончание, не раньше date.")},
              {"kind", code("Вид мероприятия.", c.event_kinds, "event_kinds")},
              {"organizer", id("Организатор.", "data/schools/")},
              {"place", text("Место проведения или ссылка на трансляцию.")},
              {"mentorship",
               id("Наставничество, в рамках которого прошло мероприятие.", "data/mentorships/")},
              {"association", id("Объединение, чьё это заседание.", "data/associations/")},
              {"participants", ids("Школы-участницы.", "data/schools/")},
              {"agenda", rows("Протокол заседания (kind = \"meeting\").", agenda, {"issue"})}};
    return record("event", "Мероприятие: шапка content/events/ID.md",
                  "Поля между строками +++ в начале файла мероприятия.", std::move(p),
                  {"title", "date", "kind"});
}

Schema page() {
    json p = {{"title", text("Заголовок страницы.")},
              {"summary", text("Краткое описание.")},
              {"weight",
               integer("Порядок в верхнем меню; страницы с weight попадают в меню.", -1000, 1000)}};
    return record("page", "Свободная страница: шапка content/pages/ID.md",
                  "Поля между строками +++ в начале файла страницы.", std::move(p), {"title"});
}

json vocabulary(const std::string& description) {
    return {{"type", "object"},
            {"propertyNames", {{"pattern", "^[a-z0-9_-]+$"}}},
            {"additionalProperties", {{"type", "string"}}},
            {"description", description + " Код = \"подпись\"; заменяет встроенный справочник."}};
}

Schema site_config() {
    std::vector<std::pair<std::string, std::string>> rules;
    for (const auto& r : config::rule_names()) rules.emplace_back(r, "Правило " + r);
    json warn = {{"type", "array"},
                 {"items", choice("", rules)},
                 {"description", "Правила, нарушение которых — предупреждение, а не ошибка."}};
    json rule_limits = table(
        "Пределы правил.",
        {{"mentor_max_mentees", integer("Наибольшее число подшефных школ у наставника.", 1, 100)},
         {"mentorship_min_months", integer("Наименьший срок наставничества, мес.", 0, 120)},
         {"mentorship_max_months", integer("Наибольший срок наставничества, мес.", 1, 120)},
         {"extension_max_months", integer("Наибольшее продление, мес.", 0, 120)},
         {"association_min_meetings", integer("Заседаний объединения за учебный год.", 0, 100)},
         {"analysis_due",
          {{"type", "string"},
           {"pattern", "^[0-9]{2}-[0-9]{2}$"},
           {"description", "Срок сдачи анализа работы объединения: \"MM-DD\"."}}},
         {"warn", warn}},
        {});
    json vocabularies =
        table("Справочники.",
              {{"directions", vocabulary("Направления наставничества.")},
               {"forms", vocabulary("Формы работы.")},
               {"event_kinds", vocabulary("Виды мероприятий.")},
               {"risk_factors", vocabulary("Факторы риска («500+»).")},
               {"pair_directions", vocabulary("Направления сетевых пар руководителей.")},
               {"association_directions", vocabulary("Направления межшкольных объединений.")}},
              {});
    json p = {{"title", text("Название сайта.")},
              {"description", text("Описание сайта для поисковиков.")},
              {"base_url", text("Адрес опубликованного сайта, например https://example.org/.")},
              {"language", text("Язык сайта, \"ru\".")},
              {"theme", text("Тема оформления: встроенная default (её файлы можно заменить своими "
                             "в themes/default/) или папка в themes/.")},
              {"as_of", date("«Сегодня» для статусов и правил.")},
              {"practices_per_page", integer("Практик на странице каталога.", 1, 1000)},
              {"analytics",
               table("Аналитика.",
                     {{"group", choice("Группа сравнения.", {{"municipality", "Муниципалитет"},
                                                             {"region", "Субъект РФ"}})}},
                     {})},
              {"rules", rule_limits},
              {"vocabularies", vocabularies}};
    json schema = table("Настройки сайта.", std::move(p), {});
    schema["$schema"] = kDraft;
    schema["title"] = "Настройки сайта (config.toml)";
    return {"config", std::move(schema)};
}

}  // namespace

std::vector<Schema> record_schemas(const config::SiteConfig& c) {
    return {site_config(), school(c), mentorship(c), association(c), plan(),
            competition(), reserve(), practice(c),   event(c),       page()};
}

int run_schema(const std::string& source, const std::string& out_dir, std::ostream& log,
               std::ostream& err) {
    namespace bfs = boost::filesystem;
    diag::Diagnostics diags;
    fs::SiteFile file{(bfs::path(source) / "config.toml").string(), "config.toml"};
    std::string text;
    if (fs::leaves_site(source, file.relative))
        diags.error({file.relative, 0, 0},
                    diag::tr("symbolic link points outside the site; it is not followed"));
    else if (bfs::exists(file.absolute))
        text = fs::read_text(file, diags).value_or("");
    config::SiteConfig config = config::parse_config(text, file.relative, diags);
    if (diags.has_errors()) {
        diags.print(err);
        return 1;
    }
    std::string dir = out_dir.empty() ? (bfs::path(source) / "schemas").string() : out_dir;
    boost::system::error_code ec;
    bfs::create_directories(dir, ec);
    auto schemas = record_schemas(config);
    for (const Schema& s : schemas) {
        std::string path = (bfs::path(dir) / (s.name + ".schema.json")).string();
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << s.json.dump(2, ' ', false) << '\n';
        if (!out) {
            err << path << ": error: " << diag::tr("cannot write the schema") << "\n";
            return 1;
        }
    }
    log << diag::tr("wrote {} schemas into {}", diag::count(schemas.size()), dir) << "\n";
    return 0;
}

}  // namespace nk::pipeline
