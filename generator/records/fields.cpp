#include "records/fields.h"

#include <algorithm>
#include <cctype>

namespace nk::records {

namespace {

using K = FieldKind;

/// A field written as a chain: F("name", K::text, "Полное наименование").required().
struct F {
    Field f;
    F(std::string key, FieldKind kind, std::string label) {
        f.key = std::move(key);
        f.kind = kind;
        f.label = std::move(label);
    }
    F& required() {
        f.required = true;
        return *this;
    }
    F& range(double min, double max) {
        f.min = min;
        f.max = max;
        return *this;
    }
    F& items(size_t min, std::optional<size_t> max = std::nullopt) {
        f.min_items = min;
        f.max_items = max;
        return *this;
    }
    F& help(std::string text) {
        f.help = std::move(text);
        return *this;
    }
    F& values(std::string markdown) {
        f.doc_values = std::move(markdown);
        return *this;
    }
    F& vocabulary(std::string name) {
        f.vocabulary = std::move(name);
        return *this;
    }
    F& choices(std::vector<Choice> c) {
        f.choices = std::move(c);
        return *this;
    }
    F& markdown() {
        f.markdown = true;
        return *this;
    }
    F& rows(std::vector<Field> fields, bool may_be_internal) {
        f.fields = std::move(fields);
        f.rows_may_be_internal = may_be_internal;
        return *this;
    }
    operator Field() const { return f; }
};

F year_field(std::string key, std::string label) {
    return std::move(F(std::move(key), K::integer, std::move(label)).range(1990, 2100));
}

/// Values no indicator reaches: a range only to refuse nonsense such as 1e300.
F measure(std::string key, std::string label) {
    return std::move(F(std::move(key), K::number, std::move(label)).range(-1e12, 1e12));
}

F school_ref(std::string key, std::string label) {
    return F(std::move(key), K::school_ref, std::move(label));
}

F school_refs(std::string key, std::string label) {
    return F(std::move(key), K::school_refs, std::move(label));
}

const std::vector<Choice> kItemStatuses = {
    {"planned", "Запланировано (по умолчанию)"}, {"done", "Проведено"}, {"cancelled", "Отменено"}};

RecordType school() {
    std::vector<Field> deficit = {
        F("area", K::text, "Область управления").required(),
        F("finding", K::text, "Что выявлено").required(),
        F("source", K::text, "Источник").help("Мониторинг центра, самообследование."),
    };
    std::vector<Field> recommendation = {
        F("text", K::textarea, "Текст рекомендации").required(),
        F("by", K::text, "Кто дал рекомендацию"),
        F("date", K::date, "Когда дана"),
        F("status", K::vocab, "Состояние")
            .choices({{"issued", "Выдана (по умолчанию)"},
                      {"in_progress", "Выполняется"},
                      {"done", "Выполнена"}}),
    };
    std::vector<Field> year = {
        year_field("year", "Год начала учебного года")
            .required()
            .help("2020 означает 2020/21 учебный год.")
            .values("в одной карточке каждый год встречается один раз"),
        F("ior", K::number, "ИОР — индекс образовательных результатов")
            .range(0, 1)
            .help("Дробь от 0 до 1: 45 % — это 0.45."),
        F("isbsh", K::number, "ИСБШ — индекс социального благополучия школы")
            .range(0, 1)
            .help("Дробь от 0 до 1."),
        F("gia", K::number, "Средний результат ГИА")
            .range(0, 100)
            .help("В той же шкале, что ВПР (vpr), например обе — средняя отметка по "
                  "пятибалльной шкале, иначе их нельзя сравнить."),
        F("vpr", K::number, "Средний результат ВПР")
            .range(0, 100)
            .help("В той же шкале, что ГИА (gia)."),
        F("evening_share", K::number,
          "Доля обучающихся вечернего (очно-заочного, заочного) обучения")
            .range(0, 1)
            .help("Дробь от 0 до 1: 0.12 — это 12 %. Если такого обучения нет, пишите 0 — ноль "
                  "тоже учитывается в P75 группы."),
        F("org_index", K::number,
          "Интегральный показатель уровня организации образовательного процесса")
            .range(0, 1)
            .help("Из ежегодного сборника анализа муниципальных систем; учитывается в зелёной "
                  "зоне конкурса вместе с ИОР. Дробь от 0 до 1."),
        F("low_results", K::boolean, "ШНОР")
            .help("Школа в этом году имеет статус школы с низкими образовательными "
                  "результатами."),
        F("difficult_conditions", K::boolean, "ШССУ")
            .help("Школа в этом году функционирует в сложных социальных условиях."),
        F("risk_factors", K::vocab_list, "Рисковый профиль")
            .vocabulary("risk_factors")
            .help("Факторы риска школы в этом году (федеральный проект «500+»)."),
        F("deficits", K::group, "Управленческие дефициты")
            .help("Выявленные управленческие дефициты (положение 002, п. 4.2); показываются на "
                  "странице школы в разделе «Какая поддержка оказывается?».")
            .rows(deficit, false),
        F("recommendations", K::group, "Адресные рекомендации")
            .help("Рекомендации по итогам мониторинга (положение 002, п. 4.6).")
            .rows(recommendation, false),
    };
    std::vector<Field> title = {
        F("title", K::text, "Звание").required().help("Например, «Школа-наставник»."),
        year_field("year", "Год присвоения").required(),
    };
    RecordType t{"school",
                 "Школы",
                 "data/schools",
                 ".toml",
                 "name",
                 "Школа или организация (data/schools/ID.toml)",
                 "Карточка школы с показателями по учебным годам.",
                 {}};
    t.fields = {
        F("name", K::text, "Полное наименование").required(),
        F("short_name", K::text, "Краткое наименование").help("Для списков и таблиц."),
        F("municipality", K::text, "Муниципалитет")
            .required()
            .help("По нему школы объединяются в группу сравнения. Пишите одинаково во всех "
                  "карточках: «Кореновский район» и «Кореновский р-н» — разные муниципалитеты.")
            .values("см. [раздел 9](#9-что-программа-вычисляет-сама)"),
        F("region", K::text, "Субъект РФ")
            .help("Группа сравнения, если в config.toml задано group = \"region\"; пишите "
                  "одинаково во всех карточках."),
        F("kind", K::vocab, "Тип местности")
            .choices({{"urban", "Городская"}, {"rural", "Сельская"}}),
        F("advanced", K::boolean, "Школа повышенного уровня")
            .help("Лицей, гимназия, школа с углублённым изучением предметов."),
        F("website", K::url, "Сайт школы"),
        F("address", K::text, "Почтовый адрес"),
        F("students", K::integer, "Число обучающихся").range(0, 100000),
        F("titles", K::group, "Звания школы").rows(title, false),
        F("offer", K::textarea, "Что школа-наставник предлагает подшефным школам")
            .markdown()
            .help("Показывается в разделе «Школа-наставник»."),
        F("video", K::url, "Видеоприглашение руководителя")
            .help("К сотрудничеству, около 1,5 минуты."),
        F("years", K::group, "Показатели за учебный год")
            .help("Один раздел [[years]] на год.")
            .rows(year, false),
    };
    return t;
}

RecordType mentorship() {
    std::vector<Field> goal = {
        F("indicator", K::text, "Название показателя").required(),
        F("unit", K::text, "Единица измерения").help("%, чел., балл."),
        measure("baseline", "Исходное значение"),
        measure("target", "Целевое значение"),
        measure("actual", "Достигнутое значение"),
    };
    std::vector<Field> event = {
        F("date", K::date, "Дата (срок) мероприятия").required(),
        F("title", K::text, "Содержание мероприятия").required(),
        F("form", K::vocab, "Форма работы").vocabulary("forms"),
        F("status", K::vocab, "Выполнение").choices(kItemStatuses),
        F("place", K::text, "Место проведения"),
        F("responsible", K::text, "Ответственный")
            .help("Должность или роль, не фамилия: например, «Директор школы-наставника»."),
    };
    std::vector<Field> feedback = {
        F("date", K::date, "Дата отзыва").required(),
        F("from", K::vocab, "Чей отзыв")
            .required()
            .choices({{"mentor", "Наставника"}, {"mentee", "Наставляемого"}}),
        F("score", K::integer, "Оценка").required().range(1, 5),
        F("comment", K::textarea, "Комментарий"),
    };
    Field directions = F("directions", K::vocab_list, "Направления наставничества")
                           .vocabulary("directions")
                           .help(
                               "У сетевой пары (формат «Сетевая пара руководителей») — из "
                               "справочника pair_directions (положение о сетевых парах, п. 3).");
    directions.pair_vocabulary = "pair_directions";
    RecordType t{"mentorship",
                 "Наставничества",
                 "data/mentorships",
                 ".toml",
                 "title",
                 "Наставничество (data/mentorships/ID.toml)",
                 "Сетевая пара, менторская группа или шефство: программа, цели, обратная связь.",
                 {}};
    t.fields = {
        F("title", K::text, "Название").required(),
        F("description", K::textarea, "Описание")
            .markdown()
            .help("Цели, затруднения развивающейся команды, условия соглашения."),
        F("format", K::vocab, "Формат наставничества")
            .required()
            .choices({{"pair", "Сетевая пара руководителей"},
                      {"group", "Менторская группа"},
                      {"patronage", "Шефство школы-наставника над подшефной школой"}}),
        school_refs("mentors", "Школы-наставники")
            .required()
            .items(1)
            .help("Опытные управленческие команды."),
        school_refs("mentees", "Наставляемые школы")
            .required()
            .items(1)
            .help("Развивающиеся управленческие команды, ШНОР, ШССУ."),
        directions,
        F("forms", K::vocab_list, "Формы работы").vocabulary("forms"),
        F("start", K::date, "Начало").required(),
        F("end", K::date, "Окончание по соглашению")
            .required()
            .help("Не раньше чем через 3 и не позже чем через 12 месяцев после начала.")
            .values("см. [раздел 10](#10-какие-правила-проверяются)"),
        F("extended_until", K::date, "Продлено до")
            .help("Не позже чем через 12 месяцев после окончания по соглашению."),
        F("status", K::vocab, "Состояние")
            .choices({{"planned", "Планируется"},
                      {"active", "Действует"},
                      {"completed", "Завершено"},
                      {"ended_early", "Завершено досрочно"}})
            .help("Обычно не нужно: сайт сам определяет состояние по датам на дату as_of из "
                  "config.toml. Указывайте «Завершено» или «Завершено досрочно», если "
                  "наставничество завершено раньше срока: эти значения важнее дат."),
        F("goals", K::group, "Целевые показатели")
            .help("Было → цель → достигнуто.")
            .rows(goal, true),
        F("events", K::group, "Программа — план мероприятий")
            .help("Мероприятие со статусом «Запланировано», дата которого уже прошла, "
                  "показывается как просроченное.")
            .rows(event, true),
        F("feedback", K::group, "Обратная связь участников")
            .help("Всегда закрыта: видна только во внутренней версии сайта.")
            .rows(feedback, false),
    };
    return t;
}

RecordType association() {
    RecordType t{"association",
                 "Межшкольные объединения",
                 "data/associations",
                 ".toml",
                 "name",
                 "Межшкольное объединение (data/associations/ID.toml)",
                 "Межшкольное профессиональное объединение; его заседания — мероприятия вида "
                 "meeting со ссылкой association.",
                 {}};
    t.fields = {
        F("name", K::text, "Название объединения").required(),
        F("description", K::textarea, "Описание").markdown().help("Цели, план работы на год."),
        school_ref("head", "Школа руководителя объединения"),
        school_refs("members", "Школы-участницы").required().items(1),
        F("directions", K::vocab_list, "Направления работы объединения")
            .vocabulary("association_directions")
            .help("Положение об объединении, п. 3."),
        year_field("school_year", "Учебный год").help("По году начала: 2020 — это 2020/21."),
        F("analysis_submitted", K::date, "Когда сдан анализ работы за учебный год")
            .help("Срок — 15 июля.")
            .values("см. [раздел 10](#10-какие-правила-проверяются)"),
    };
    return t;
}

RecordType plan() {
    std::vector<Field> item = {
        F("activity", K::vocab, "Вид деятельности")
            .required()
            .choices({{"research", "Исследовательская"},
                      {"project", "Проектная"},
                      {"consulting", "Консультационная"},
                      {"information", "Информационная"}}),
        F("content", K::textarea, "Содержание работы").required(),
        F("from", K::date, "Начало срока"),
        F("to", K::date, "Конец срока").help("Не раньше начала срока."),
        F("place", K::text, "Место проведения"),
        F("responsible", K::text, "Ответственный, привлечённые специалисты"),
        F("status", K::vocab, "Выполнение")
            .choices({{"planned", "Запланировано (по умолчанию)"},
                      {"done", "Выполнено"},
                      {"cancelled", "Отменено"}}),
        F("done_on", K::date, "Фактическая дата выполнения")
            .help("Заполняйте вместе с состоянием «Выполнено»."),
    };
    RecordType t{"plan",
                 "Планы работы",
                 "data/plans",
                 ".toml",
                 "title",
                 "План работы (data/plans/ID.toml)",
                 "План работы, например МНЦ.",
                 {}};
    t.fields = {
        F("title", K::text, "Название плана").required(),
        school_ref("owner", "Чей план").help("Школа или организация."),
        year_field("year", "Год плана"),
        F("items", K::group, "Строки плана")
            .required()
            .items(1)
            .help("Пункт со статусом «Запланировано», срок которого прошёл, показывается как "
                  "просроченный.")
            .rows(item, true),
    };
    return t;
}

RecordType competition() {
    std::vector<Field> score = {
        F("expert", K::text, "Обозначение эксперта")
            .help("Например, «Эксперт 1» (фамилии писать не нужно); если не указано — «Эксперт "
                  "1», «Эксперт 2»… по порядку."),
        F("points", K::integers, "Баллы по пяти критериям")
            .required()
            .range(0, 5)
            .items(5, 5)
            .help("В том же порядке, что и критерии, каждый от 0 до 5."),
    };
    Field evidence = F("evidence", K::strings, "Источники сведений")
                         .help("Публичный доклад, отчёт о самообследовании, страницы сайта.");
    evidence.item_url = true;
    std::vector<Field> application = {
        school_ref("school", "Школа-участница").required(),
        F("video", K::url, "Видеоприглашение").help("1,5 минуты."),
        evidence,
        F("votes_for", K::integer, "Голоса «за»").range(0, 1000000).help("В открытом голосовании."),
        F("votes_against", K::integer, "Голоса «против»").range(0, 1000000),
        F("scores", K::group, "Оценки экспертов").rows(score, false),
    };
    Field winners_count = F("winners_count", K::integer, "Число победителей (прежнее имя)")
                              .range(0, 1000)
                              .help("Прежнее имя поля winners; оба сразу указывать нельзя.");
    winners_count.alias_of = "winners";
    RecordType t{"competition",
                 "Конкурсы",
                 "data/competitions",
                 ".toml",
                 "title",
                 "Конкурс «Школа-наставник» (data/competitions/ID.toml)",
                 "Конкурс: критерии, заявки, оценки экспертов и голосование.",
                 {}};
    t.fields = {
        F("title", K::text, "Название конкурса").required(),
        F("description", K::textarea, "Описание").markdown().help("Условия участия, этапы, сроки."),
        year_field("year", "Год проведения").required(),
        F("criteria", K::strings, "Названия критериев оценки").required().items(5, 5),
        F("winners", K::integer, "Число победителей")
            .range(0, 1000)
            .help("Сколько первых мест получают звание «Школа-наставник» (по умолчанию 3; "
                  "прежнее имя поля — winners_count)."),
        winners_count,
        F("winners_min_total", K::number, "Наименьший итог победителя")
            .range(0, 25)
            .help("Наименьший итог, с которым заявка получает звание; если указано и число "
                  "победителей, должны выполняться оба условия, если только он — звание "
                  "получают все заявки с таким итогом."),
        F("applications", K::group, "Заявки школ").rows(application, true),
    };
    return t;
}

RecordType reserve() {
    RecordType t{"reserve",
                 "Кадровый резерв",
                 "data/reserve",
                 ".toml",
                 "full_name",
                 "Запись кадрового резерва (data/reserve/ID.toml)",
                 "Персональные данные: только во внутренней версии сайта.",
                 {}};
    t.fields = {
        F("full_name", K::text, "ФИО педагогического работника").required(),
        school_ref("school", "Место работы").required(),
        F("position", K::text, "Должность"),
        F("experience_years", K::integer, "Стаж работы, лет").range(0, 80),
        F("training_from", K::date, "Начало обучения в школе кадрового резерва"),
        F("training_to", K::date, "Окончание обучения"),
        F("certificates", K::strings, "Сертификаты курсовой подготовки")
            .help("«Государственное и муниципальное управление», «Менеджмент», «Управление "
                  "персоналом»."),
        F("events", K::strings, "Посещённые мероприятия системы ДПО"),
        F("relocation_consent", K::boolean, "Согласие на переезд в другую местность"),
        F("contacts", K::text, "Контактная информация"),
    };
    return t;
}

RecordType transition() {
    RecordType t{"transition",
                 "Программы перехода",
                 "data/transitions",
                 ".toml",
                 "title",
                 "Программа перехода ШНОР в эффективный режим (data/transitions/ID.toml)",
                 "Программа или проект перехода школы в режим эффективного функционирования и "
                 "развития, разработанные с наставником (положение о МНЦ, п. 4.3).",
                 {}};
    t.fields = {
        F("title", K::text, "Название программы или проекта").required(),
        school_ref("school", "Школа, переходящая в эффективный режим")
            .required()
            .help("ШНОР или ШССУ: у школы хотя бы в одном году low_results = true или "
                  "difficult_conditions = true."),
        school_refs("mentors", "Школы-наставники")
            .required()
            .help("Школа-наставник (или несколько), вместе с которой разработан продукт; не сама "
                  "школа."),
        F("kind", K::vocab, "Программа или проект")
            .required()
            .choices({{"programme", "Программа перехода целиком"},
                      {"project", "Отдельный проект (часть программы)"}}),
        F("deficits", K::vocab_list, "Какие факторы риска устраняет")
            .vocabulary("risk_factors")
            .help("Факторы риска проекта «500+»."),
        F("defended", K::date, "Дата публичной защиты")
            .help("Если защита впереди — дата, на которую она назначена."),
        F("outcome", K::vocab, "Итог защиты")
            .choices({{"recommended", "Рекомендована для внесения в программу развития"},
                      {"revise", "Направлена на доработку"},
                      {"rejected", "Не рекомендована"}})
            .help("Только после защиты: без даты защиты итог — ошибка."),
        F("included_in_development_programme", K::boolean,
          "Изменения внесены в программу развития школы")
            .help("Только при итоге «Рекомендована»."),
        F("document", K::url, "Текст программы или проекта"),
        F("description", K::textarea, "Коротко о содержании"),
    };
    return t;
}

Field body(std::string help) {
    return F("body", K::markdown_body, "Текст").markdown().help(std::move(help));
}

RecordType practice() {
    std::vector<Field> result = {
        F("indicator", K::text, "Показатель").required(),
        F("unit", K::text, "Единица измерения"),
        measure("before", "Значение до внедрения практики"),
        measure("after", "Значение после"),
    };
    RecordType t{"practice",
                 "Практики",
                 "content/practices",
                 ".md",
                 "title",
                 "Лучшая практика: шапка content/practices/ID.md",
                 "Поля между строками +++ в начале файла практики.",
                 {}};
    t.fields = {
        F("title", K::text, "Название практики").required(),
        F("date", K::date, "Дата публикации").required().help("Дата описания практики."),
        school_refs("schools", "Школы, чей это опыт"),
        F("directions", K::vocab_list, "Направления").vocabulary("directions"),
        F("forms", K::vocab_list, "Формы работы").vocabulary("forms"),
        F("tags", K::strings, "Метки").help("Любые слова для поиска и фильтров, например «ВСОКО»."),
        F("summary", K::textarea, "Краткое описание")
            .help("Для каталога и ленты: 1–2 предложения."),
        F("video", K::url, "Видео о практике"),
        F("results", K::group, "Результаты «до → после»").rows(result, true),
        body("Описание практики в разметке Markdown: проблема, что сделали, результаты."),
    };
    return t;
}

RecordType event() {
    std::vector<Field> agenda = {
        F("issue", K::textarea, "Рассмотренный вопрос").required(),
        F("decision", K::textarea, "Принятое решение"),
        F("recommendation", K::textarea, "Рекомендация"),
    };
    Field mentorship = F("mentorship", K::record_ref, "Наставничество")
                           .help("В рамках которого прошло мероприятие.");
    mentorship.ref_type = "mentorship";
    Field association = F("association", K::record_ref, "Объединение").help("Чьё это заседание.");
    association.ref_type = "association";
    RecordType t{"event",
                 "Мероприятия",
                 "content/events",
                 ".md",
                 "title",
                 "Мероприятие: шапка content/events/ID.md",
                 "Поля между строками +++ в начале файла мероприятия.",
                 {}};
    t.fields = {
        F("title", K::text, "Название").required(),
        F("date", K::datetime, "Начало").required(),
        F("end", K::datetime, "Окончание").help("Не раньше начала."),
        F("kind", K::vocab, "Вид мероприятия").required().vocabulary("event_kinds"),
        school_ref("organizer", "Организатор"),
        F("place", K::text, "Место проведения").help("Или ссылка на трансляцию."),
        mentorship,
        association,
        school_refs("participants", "Школы-участницы"),
        F("agenda", K::group, "Протокол заседания")
            .help("Для заседаний (вид «meeting»).")
            .rows(agenda, true),
        body("Описание мероприятия в разметке Markdown."),
    };
    return t;
}

RecordType page() {
    RecordType t{"page",
                 "Страницы",
                 "content/pages",
                 ".md",
                 "title",
                 "Свободная страница: шапка content/pages/ID.md",
                 "Поля между строками +++ в начале файла страницы.",
                 {}};
    t.fields = {
        F("title", K::text, "Заголовок страницы").required(),
        F("summary", K::text, "Краткое описание").help("Для поиска и ссылок."),
        F("weight", K::integer, "Порядок в верхнем меню")
            .range(-1000, 1000)
            .help("Страницы с этим полем попадают в меню, меньшее число — левее; страницы без "
                  "него в меню не попадают."),
        body("Текст страницы в разметке Markdown."),
    };
    return t;
}

/// Adds the common fields before the body (every record accepts them).
RecordType with_common(RecordType t) {
    auto at = t.fields.end();
    if (!t.fields.empty() && t.fields.back().kind == K::markdown_body) --at;
    t.fields.insert(at, common_fields().begin(), common_fields().end());
    return t;
}

const Field* find_in(const std::vector<Field>& fields, const std::vector<std::string>& keys,
                     size_t at) {
    for (const Field& f : fields) {
        if (f.key != keys[at]) continue;
        if (at + 1 == keys.size()) return &f;
        if (f.kind != K::group) return nullptr;
        // A row's `visibility` is not among its fields but every such row accepts it.
        if (f.rows_may_be_internal && at + 2 == keys.size() && keys[at + 1] == "visibility")
            return &row_visibility_field();
        return find_in(f.fields, keys, at + 1);
    }
    return nullptr;
}

}  // namespace

const Field& row_visibility_field() {
    static const Field field =
        F("visibility", K::vocab, "Кто видит")
            .choices({{"public", "Публичная (по умолчанию)"},
                      {"internal", "Только внутренняя версия сайта (site-internal/)"}})
            .help(
                "«Только внутренняя версия» — сведения видны лишь во "
                "внутренней версии сайта (site-internal/).");
    return field;
}

const std::vector<Field>& common_fields() {
    static const std::vector<Field> fields = {
        F("visibility", K::vocab, "Кто видит")
            .choices(row_visibility_field().choices)
            .help("«Только внутренняя версия» — запись видна лишь во внутренней версии сайта "
                  "(site-internal/); по умолчанию запись публичная.")
            .values("подробнее в [разделе 8](#8-закрытые-сведения-и-персональные-данные)"),
        F("draft", K::boolean, "Черновик")
            .help("Записи нет на сайте (ни её страницы, ни в списках, счётчиках, лентах, поиске, "
                  "выгрузках), пока поле не убрано. Черновики показывают nastavnik serve (с "
                  "пометкой «Черновик») и nastavnik build --drafts.")
            .values("подробнее — ниже, «Черновики»"),
        F("internal", K::internal_table, "Служебные сведения")
            .help("Произвольные поля (строки, числа, да/нет, даты, списки строк; вложенные "
                  "таблицы нельзя). Показываются только во внутренней версии под заголовком "
                  "«Служебные сведения»."),
    };
    return fields;
}

const config::Vocabulary& vocabulary_of(const config::SiteConfig& c, const std::string& name) {
    if (name == "forms") return c.forms;
    if (name == "event_kinds") return c.event_kinds;
    if (name == "risk_factors") return c.risk_factors;
    if (name == "pair_directions") return c.pair_directions;
    if (name == "association_directions") return c.association_directions;
    return c.directions;
}

const std::vector<RecordType>& record_types() {
    static const std::vector<RecordType> types = {
        with_common(school()),      with_common(practice()),    with_common(event()),
        with_common(mentorship()),  with_common(association()), with_common(plan()),
        with_common(competition()), with_common(reserve()),     with_common(transition()),
        with_common(page())};
    return types;
}

const RecordType* find_record_type(const std::string& type) {
    for (const RecordType& t : record_types())
        if (t.type == type) return &t;
    return nullptr;
}

const Field* find_field(const RecordType& type, const std::string& dotted_path) {
    std::vector<std::string> keys;  // row indexes ("years.2.ior") left out
    for (size_t from = 0; from <= dotted_path.size();) {
        size_t dot = std::min(dotted_path.find('.', from), dotted_path.size());
        std::string key = dotted_path.substr(from, dot - from);
        if (key.empty() || !std::isdigit(static_cast<unsigned char>(key[0]))) keys.push_back(key);
        from = dot + 1;
    }
    return find_in(type.fields, keys, 0);
}

std::vector<std::string> field_keys(const std::vector<Field>& fields) {
    std::vector<std::string> keys;
    for (const Field& f : fields)
        if (f.kind != K::markdown_body) keys.push_back(f.key);
    return keys;
}

}  // namespace nk::records
