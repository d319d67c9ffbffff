#include "diag/messages.h"

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <unordered_map>

namespace nk::diag {

namespace {

std::atomic<Language> current{Language::en};
thread_local std::optional<Language> this_thread;  // ThreadLanguage

// The catalogue: each English format exactly as written at its call site (the text between the
// quotes of tr("..."), with C++ string joining done), and its Russian form. To translate a
// message, add a line {"English", "Русский"} to its group below; the unit test checks that both
// forms take the same arguments. A message with no line here is printed in English.
//
// The Russian form: field names, codes, ids and paths stay as the editor writes them, in
// quotes ('ior', 'sosh-1'); a field is «поле 'x'» (neuter) so the verb agrees whatever the
// field; a count's noun is written {N:one|few|many} («{0} {0:школа|школы|школ}»); arguments
// may be reordered with {0}, {1}. Literal braces are doubled: {{ and }}.
constexpr Translation kCatalogue[] = {
    // Diagnostics (diagnostics.cpp, did_you_mean.cpp)
    {"{} error(s), {} warning(s)",
     "{0} {0:ошибка|ошибки|ошибок}, {1} {1:предупреждение|предупреждения|предупреждений}"},
    {" (did you mean '{}'?)", " (может быть, '{}'?)"},
    // TOML values (config/toml_reader.cpp). The type names complete "must be ..., not ...":
    // in Russian they are in the instrumental case («должно быть числом, а не строкой»).
    {" (is the closing quote missing?)", " (не хватает закрывающей кавычки?)"},
    {" (field names are Latin, like title; a name of your own in [internal] goes in quotes: "
     "\"Примечание\" = ...)",
     " (имена полей пишутся латиницей, например title; своё название в [internal] "
     "берётся в кавычки: \"Примечание\" = ...)"},
    {"invalid TOML: {}", "ошибка в записи TOML: {}"},
    {"a string", "строкой"},
    {"an integer", "целым числом"},
    {"a number", "числом"},
    {"a boolean", "логическим значением"},
    {"a date", "датой"},
    {"a time", "временем"},
    {"a date-time", "датой со временем"},
    {"an array", "списком"},
    {"a table", "таблицей"},
    {"nothing", "ничем"},
    {"missing required field '{}'", "не заполнено обязательное поле '{}'"},
    {"'{}' must be {}, not {}", "поле '{}' должно быть {}, а не {}"},
    {"'{}' must not be empty", "поле '{}' не должно быть пустым"},
    {"a number (write {} without quotes, with a point)",
     "числом (пишите без кавычек и используйте точку: {})"},
    {"a number (write {} without quotes)", "числом (напишите {} без кавычек)"},
    {"'{}' is {}, outside the allowed range {}..{}",
     "в поле '{}' значение {}, вне допустимого диапазона {}..{}"},
    {"true or false", "true или false"},
    {"impossible date {}", "такой даты нет в календаре: {}"},
    {"a date (like 2021-02-01, without quotes)", "датой (например, 2021-02-01, без кавычек)"},
    {"a date or date-time (like 2021-02-01 or 2021-02-01T10:00:00)",
     "датой или датой со временем (например, 2021-02-01 или 2021-02-01T10:00:00)"},
    {"'{}' must be a list of strings: write [\"{}\"]",
     "поле '{}' должно быть списком строк: напишите [\"{}\"]"},
    {"a list of strings", "списком строк"},
    {"'{}' must hold only strings; this element is {}",
     "в поле '{}' должны быть только строки, а этот элемент является {}"},
    {"a list of integers", "списком целых чисел"},
    {"'{}' must hold only integers; this element is {}",
     "в поле '{}' должны быть только целые числа, а этот элемент является {}"},
    {"'{}' has {}, outside {}..{}", "в поле '{}' значение {}, вне диапазона {}..{}"},
    {"an array of tables ([[{}]])", "массивом таблиц ([[{}]])"},
    {"a string (the label)", "строкой (названием)"},
    {"'visibility' must be \"public\" or \"internal\", not \"{}\"",
     "поле 'visibility' должно быть \"public\" или \"internal\", а не \"{}\""},
    {"[internal] values must be plain values, not tables",
     "значения в [internal] должны быть простыми, а не таблицами"},
    {"unknown field '{}'{}", "неизвестное поле '{}'{}"},
    // References and vocabulary codes (model/site_loader.cpp)
    {"{} '{}' is a draft (draft = true) and is not published: publish it (remove 'draft') or "
     "make this record a draft too",
     "{} '{}' — черновик (draft = true) и не публикуется: опубликуйте его (уберите 'draft') "
     "или сделайте черновиком и эту запись"},
    {"unknown pair direction '{}'{}", "неизвестное направление сетевой пары '{}'{}"},
    {"unknown association direction '{}'{}", "неизвестное направление объединения '{}'{}"},
    {"'winners_count' repeats 'winners'; keep only 'winners'",
     "'winners_count' повторяет 'winners': оставьте только 'winners'"},
    {"school", "школа"},
    {"mentorship", "программа наставничества"},
    {"association", "объединение"},
    {"unknown school '{}'{}", "неизвестная школа '{}'{}"},
    {"unknown mentorship '{}'{}", "неизвестное наставничество '{}'{}"},
    {"unknown association '{}'{}", "неизвестное объединение '{}'{}"},
    {"unknown risk factor '{}'{}", "неизвестный фактор риска '{}'{}"},
    {"unknown direction '{}'{}", "неизвестное направление '{}'{}"},
    {"unknown form '{}'{}", "неизвестная форма '{}'{}"},
    {"unknown event kind '{}'{}", "неизвестный вид мероприятия '{}'{}"},
    {"application of school '{}' is listed twice (first at line {})",
     "заявка школы '{}' указана дважды (впервые в строке {})"},
    {"school '{}' is listed twice (first at line {})",
     "школа '{}' указана дважды (впервые в строке {})"},
    {"direction '{}' is listed twice (first at line {})",
     "направление '{}' указано дважды (впервые в строке {})"},
    {"risk factor '{}' is listed twice (first at line {})",
     "фактор риска '{}' указан дважды (впервые в строке {})"},
    {"form '{}' is listed twice (first at line {})",
     "форма '{}' указана дважды (впервые в строке {})"},
    {"'{}' is listed twice (first at line {})",
     "значение '{}' указано дважды (впервые в строке {})"},
    {" (is this the name of school '{}'? write its id)",
     " (это название школы '{}'? укажите её идентификатор)"},
    {" (this is the label of '{}': write the code)", " (это название кода '{}': укажите код)"},
    {"; valid codes: {}", "; допустимые коды: {}"},
    {"school '{}' is both mentor and mentee", "школа '{}' указана и наставником, и наставляемой"},
    {"minutes ([[agenda]]) are kept for events of kind 'meeting'; this is '{}'",
     "протокол ([[agenda]]) ведётся только для мероприятий вида 'meeting', а здесь вид '{}'"},
    {"page id '{0}' is taken by the site's own /{0}/ section: rename the file",
     "идентификатор страницы '{0}' занят разделом сайта /{0}/: переименуйте файл"},
    {"folder ignored: records must be directly in {}/",
     "папка пропущена: записи должны лежать прямо в {}/"},
    {"file ignored: records in {}/ end with {}",
     "файл пропущен: файлы записей в {}/ должны оканчиваться на {}"},
    {"theme '{}' not found in themes/{}; themes: {}",
     "тема '{}' не найдена в themes/{}; есть темы: {}"},
    {"folder ignored: {}/ holds {}{}", "папка пропущена: в {}/ бывают только {}{}"},
    {"file ignored: {}/ holds {}{}", "файл пропущен: в {}/ бывают только {}{}"},
    {"symbolic link points outside the site; it is not followed",
     "символическая ссылка ведёт за пределы сайта; она не используется"},
    {"the base URL {}", "базовый адрес {}"},
    // The site's settings (config/site_config.cpp). A base URL problem completes "the base URL
    // ...": «адрес» is masculine.
    {"must not have '//' in its path (a browser reads '//name' as another site)",
     "не должен содержать '//' в пути (браузер читает '//name' как адрес другого сайта)"},
    {"must not have '.' or '..' segments in its path",
     "не должен содержать в пути частей '.' или '..'"},
    {"must not contain control characters (line breaks, tabs)",
     "не должен содержать управляющих символов (переводов строки, табуляций)"},
    {"must not contain spaces (write them as %20)",
     "не должен содержать пробелов (пишите их как %20)"},
    {"must not contain '{}'", "не должен содержать '{}'"},
    {"must not have a query or a fragment ('?', '#')",
     "не должен содержать параметров запроса или якоря ('?', '#')"},
    {"must start with a single '/' (a browser reads '//name' as another site)",
     "должен начинаться с одной '/' (браузер читает '//name' как адрес другого сайта)"},
    {"must be an http:// or https:// address (not '{}:')",
     "должен быть адресом http:// или https:// (а не '{}:')"},
    {"must be an absolute http:// or https:// address or a path starting with '/'",
     "должен быть полным адресом http:// или https:// или путём, начинающимся с '/'"},
    {"must name a host after '://' (like https://example.org/), without a user name",
     "должен содержать имя сервера после '://' (например, https://example.org/), без имени "
     "пользователя"},
    {"'analysis_due' must be \"MM-DD\", like \"07-15\"",
     "поле 'analysis_due' должно иметь вид \"ММ-ДД\", например \"07-15\""},
    {"unknown rule '{}'{}", "неизвестное правило '{}'{}"},
    {"vocabulary code '{}' must be lower-case ASCII letters, digits, '_' or '-'",
     "код справочника '{}' может состоять только из строчных латинских букв, цифр, '_' и '-'"},
    {"'base_url' {}: write a full address like \"https://example.org/\" or a path like \"/site/\"",
     "адрес в поле 'base_url' {}: напишите полный адрес, например \"https://example.org/\", "
     "или путь, например \"/site/\""},
    {"'theme' must be a folder name under themes/",
     "в поле 'theme' должно быть имя папки внутри themes/"},
    {"'group' must be \"municipality\" or \"region\", not \"{}\"",
     "поле 'group' должно быть \"municipality\" или \"region\", а не \"{}\""},
    // Records (records/*.cpp)
    {"file name '{}' is not a valid id: use lower-case Latin letters, digits and '-' (for "
     "example '{}')",
     "имя файла '{}' не годится как идентификатор: используйте строчные латинские буквы, цифры "
     "и '-' (например, '{}')"},
    {"'{}' must be an http:// or https:// address, not '{}'{}",
     "в поле '{}' должен быть адрес http:// или https://, а не '{}'{}"},
    {"'{}' must be one of {}, not '{}'{}", "в поле '{}' допустимы значения {}, а не '{}'{}"},
    {"'end' ({}) is before 'start' ({})", "'end' ({}) раньше, чем 'start' ({})"},
    {"'to' ({}) is before 'from' ({})", "'to' ({}) раньше, чем 'from' ({})"},
    {"'end' ({}) is before 'date' ({})", "'end' ({}) раньше, чем 'date' ({})"},
    {"'points' must have 5 values, one per criterion; it has {}",
     "в поле 'points' должно быть 5 баллов, по одному на критерий, а указано {0} "
     "{0:балл|балла|баллов}"},
    {"'evidence' must hold http:// or https:// addresses, not '{}'{}",
     "в поле 'evidence' должны быть адреса http:// или https://, а не '{}'{}"},
    {"'criteria' must list 5 criteria; it lists {}",
     "в поле 'criteria' должно быть 5 критериев, а указано {0} {0:критерий|критерия|критериев}"},
    {"year {} is listed twice (first at line {})", "{} год указан дважды (впервые в строке {})"},
    // Output files claimed twice (model/routes.cpp, output/site_writer.cpp): what a file is
    // made from, in the nominative.
    {"the practice", "практика"},
    {"the school", "школа"},
    {"the mentorship", "наставничество"},
    {"the event", "мероприятие"},
    {"the calendar of the event", "календарь мероприятия"},
    {"the plan", "план"},
    {"the transition programme", "программа перехода"},
    {"the association", "объединение"},
    {"the competition", "конкурс"},
    {"the page", "страница"},
    {"the home page", "главная страница"},
    {"the practice catalogue by title", "каталог практик по названию"},
    {"the practice catalogue", "каталог практик"},
    {", page {}", ", страница {}"},
    {"the school list", "список школ"},
    {"the schools overview of {}", "обзор школ за {} год"},
    {"the school comparison page", "страница сравнения школ"},
    {"the page of figure definitions", "страница с определениями показателей"},
    {"the mentor schools page", "страница школ-наставников"},
    {"the site search page", "страница поиска по сайту"},
    {"the mentorship list", "список наставничеств"},
    {"the event list", "список мероприятий"},
    {"the plan list", "список планов"},
    {"the list of transition programmes", "список программ перехода"},
    {"the association list", "список объединений"},
    {"the competition list", "список конкурсов"},
    {"the reports page", "страница отчётов"},
    {"the yearly report {}", "отчёт за {} год"},
    {"the 404 page", "страница 404"},
    {"the reserve register", "реестр кадрового резерва"},
    {"the term page '{}/{}'", "страница термина '{}/{}'"},
    {"the JSON API file '{}'", "файл JSON API '{}'"},
    {"the feed", "лента новостей"},
    {"the feed of the direction '{}'", "лента направления '{}'"},
    {"the feed of '{}/{}'", "лента '{}/{}'"},
    {"the events calendar", "календарь мероприятий"},
    {"the sitemap", "карта сайта"},
    {"the list page '{}'", "страница списка '{}'"},
    {"the static file '{}'", "статический файл '{}'"},
    {"{} (generated)", "{} (создаётся автоматически)"},
    {"{}: {} and {}", "{}: {} и {}"},
    {"two sources for the output file '{}'", "у выходного файла '{}' два источника"},
    {"the output path '{}' is a folder of '{}' and a file",
     "выходной путь '{}' нужен и как папка для '{}', и как файл"},
    {"symbolic link in static files is not copied",
     "символическая ссылка среди статических файлов не копируется"},
    {"the exports of the yearly report {} (generated)",
     "выгрузки отчёта за {} год (создаются автоматически)"},
    {"the data downloads of school '{}' (generated)",
     "выгрузки данных школы '{}' (создаются автоматически)"},
    {"the search index (generated)", "поисковый индекс (создаётся автоматически)"},
    // Markdown and links (markdown/markdown.cpp, validate/links.cpp)
    {"broken link '{}': the page is a draft (draft = true) and is not published: publish it "
     "(remove 'draft') or make this page a draft too",
     "ссылка '{}' никуда не ведёт: страница — черновик (draft = true) и не публикуется: "
     "опубликуйте её (уберите 'draft') или сделайте черновиком и эту страницу"},
    {"raw HTML is not allowed in Markdown and was removed: '{}'",
     "HTML-код в тексте Markdown не допускается и удалён: '{}'"},
    {"unsafe link '{}': only http, https, mailto and tel links are allowed",
     "небезопасная ссылка '{}': допускаются только ссылки http, https, mailto и tel"},
    {"broken link '{}'{}", "ссылка '{}' никуда не ведёт{}"},
    {"broken link '{}': the page is internal-only and the public site does not have it",
     "ссылка '{}' никуда не ведёт: эта страница только для внутренней версии, на открытом сайте "
     "её нет"},
    {"broken link '{}': no heading with anchor '{}' on this page{}",
     "ссылка '{}' никуда не ведёт: на этой странице нет заголовка с якорем '{}'{}"},
    {"broken link '{}': no heading with anchor '{}' on '{}'{}",
     "ссылка '{0}' никуда не ведёт: на странице '{2}' нет заголовка с якорем '{1}'{3}"},
    // Templates (render/template_engine.cpp)
    {"unknown partial '{}'", "неизвестный фрагмент шаблона '{}'"},
    {"partials nest too deeply", "фрагменты шаблонов вложены слишком глубоко"},
    {"template error: {}", "ошибка в шаблоне: {}"},
    {"lists of practices give each card ready-made: write {{{{{{card}}}}}} (the practice_card "
     "partial is rendered once per practice)",
     "списки практик получают каждую карточку готовой: напишите {{{{{{card}}}}}} (фрагмент "
     "practice_card отрисовывается один раз для каждой практики)"},
    {"the theme has no template '{}'", "в теме нет шаблона '{}'"},
    {"template '{}': {}", "шаблон '{}': {}"},
    // Pages' front matter (content/front_matter.cpp)
    {"expected '+++' on the first line: a page starts with TOML front matter between two '+++' "
     "lines",
     "в первой строке ожидается '+++': страница начинается с заголовка TOML между двумя "
     "строками '+++'"},
    {"'+++' must be on the first line of the file: remove the blank lines above it",
     "'+++' должно стоять в первой строке файла: удалите пустые строки над ним"},
    {"front matter must be at the top of the file, but it starts on line {}: move the text above "
     "it below the closing '+++'",
     "заголовок страницы должен быть в начале файла, а он начинается в строке {}: перенесите "
     "текст над ним ниже закрывающей строки '+++'"},
    {"front matter is not closed: add a line '+++' after it",
     "заголовок страницы не закрыт: добавьте после него строку '+++'"},
    // Site files (fs/file_system.cpp)
    {"symbolic link loops back on itself; it is not followed",
     "символическая ссылка указывает сама на себя; она не используется"},
    {"symbolic link points to a file that does not exist: {}",
     "символическая ссылка ведёт на несуществующий файл: {}"},
    {"folder is a symbolic link that points outside the site; it is not followed",
     "папка — символическая ссылка за пределы сайта; она не используется"},
    {"not a regular file (a pipe, socket or device); it is skipped",
     "это не обычный файл (канал, сокет или устройство); он пропущен"},
    {"cannot list directory: {}", "не удаётся прочитать папку: {}"},
    {"file is too large ({} MB; the limit is 8 MB): is it a data file placed here by mistake?",
     "файл слишком большой ({} МБ при пределе 8 МБ): может быть, он попал сюда по ошибке?"},
    {"cannot read file: {}", "не удаётся прочитать файл: {}"},
    {"file is empty", "файл пуст"},
    {"binary file (contains a NUL byte); expected UTF-8 text",
     "двоичный файл (содержит байт NUL); ожидается текст в UTF-8"},
    {"invalid UTF-8 byte sequence; save the file as UTF-8",
     "недопустимая последовательность байтов UTF-8; сохраните файл в кодировке UTF-8"},
    // Builds (pipeline/pipeline.cpp, pipeline/output_guard.cpp)
    {"{} (the next build renders all Markdown)",
     "{} (при следующей сборке весь текст Markdown будет обработан заново)"},
    {"the site directory does not exist", "папки сайта не существует"},
    {"the build cache is damaged (its checksum disagrees); it was ignored and the whole site is "
     "rebuilt",
     "кэш сборки повреждён (не сходится контрольная сумма); он не использован, сайт собран "
     "заново целиком"},
    {"up to date: {} files in {}", "изменений нет: {0} {0:файл|файла|файлов} в {1}"},
    {"{} (the next build will be a full one)", "{} (следующая сборка будет полной)"},
    {"built {} files into {}", "сайт собран в {1}: {0} {0:файл|файла|файлов}"},
    {" ({} changed)", " (изменено: {})"},
    {"--out {} is the site itself: building there would replace its files",
     "--out {} — это сама папка сайта: сборка туда заменила бы его файлы"},
    {"--out {} contains the site {}: building there would replace its files",
     "--out {} содержит сайт {}: сборка туда заменила бы его файлы"},
    {"--out {} lies inside the site's {}/ folder", "--out {} находится внутри папки сайта {}/"},
    {"--out {} is a file, not a folder", "--out {} — это файл, а не папка"},
    {"--out {} is not empty and is not a nastavnik output (it has no {} file): its files would be "
     "replaced. Choose an empty folder, or add --force to replace them",
     "папка --out {} не пуста и не является результатом сборки nastavnik (в ней нет файла {}): её "
     "файлы были бы заменены. Выберите пустую папку или добавьте --force, чтобы заменить их"},
    {"another build is writing {}; waiting for it to finish",
     "в {} сейчас пишет другая сборка; ждём её окончания"},
    // `new`, `init`, `theme export` (pipeline/scaffold.cpp, theme/builtin_theme.cpp, cli/main.cpp)
    {"the title is not valid UTF-8", "название записано не в UTF-8"},
    {"the title must be one line without control characters (a line break, tab or the like)",
     "название должно быть одной строкой без управляющих символов (перевода строки, табуляции "
     "и т. п.)"},
    {"the title is empty", "название пустое"},
    {"'{}' exists and is not a folder", "'{}' уже существует, и это не папка"},
    {"the folder '{}' is not empty; choose a new or an empty folder",
     "папка '{}' не пуста; выберите новую или пустую папку"},
    {"cannot write the file", "не удаётся записать файл"},
    {"cannot make a file name from the title '{}': it needs letters or digits",
     "из названия '{}' не получается имя файла: в нём нужны буквы или цифры"},
    {"file already exists; choose another title", "такой файл уже есть; выберите другое название"},
    {"created {}", "создан файл {}"},
    {"created a site in {0}; see it with: cd {0} && nastavnik serve",
     "сайт создан в {0}; посмотреть его: cd {0} && nastavnik serve"},
    {"wrote the built-in theme into {}", "встроенная тема записана в {}"},
    {"not inside a nastavnik site: no config.toml in this folder or any folder above it (give "
     "--source DIR, or make a site with nastavnik init DIR)",
     "здесь нет сайта nastavnik: ни в этой папке, ни выше нет config.toml (укажите --source "
     "ПАПКА или создайте сайт командой nastavnik init ПАПКА)"},
    {"no errors", "ошибок нет"},
    {"the language of messages: ru (Russian) or en (English); by default Russian when LC_ALL, "
     "LC_MESSAGES or LANG starts with ru",
     "язык сообщений: ru (русский) или en (английский); по умолчанию русский, если LC_ALL, "
     "LC_MESSAGES или LANG начинается с ru"},
    {"the folder is not empty (or is not a folder); choose a new or an empty folder",
     "папка не пуста (или это не папка); выберите новую или пустую папку"},
    // Rules of the regulations (validate/rules.cpp)
    {"school '{}' mentors {} schools on {} ({}); the limit is {}",
     "школа '{0}' на {2} наставляет {1} {1:школу|школы|школ} ({3}), а допускается не больше {4}"},
    {"'end' {} is less than {} {:month|months} after 'start' {}; the earliest allowed end is {}",
     "'end' {0} наступает раньше, чем через {1} {2:месяц|месяца|месяцев} после 'start' {3}; "
     "самое раннее допустимое окончание — {4}"},
    {"'end' {} is more than {} {:month|months} after 'start' {}; the latest allowed end is {} (use "
     "'extended_until' to extend it)",
     "'end' {0} наступает позже, чем через {1} {2:месяц|месяца|месяцев} после 'start' {3}; самое "
     "позднее допустимое окончание — {4} (чтобы продлить наставничество, укажите "
     "'extended_until')"},
    {"'extended_until' {} is more than {} {:month|months} after 'end' {}; the latest allowed "
     "extension is {}",
     "'extended_until' {0} наступает позже, чем через {1} {2:месяц|месяца|месяцев} после 'end' "
     "{3}; продлить можно самое позднее до {4}"},
    {"the school year {} ({} to {})", "{} учебном году (с {} по {})"},
    {"association '{0}' held {1} {1:meeting|meetings} in {2}; at least {3} are required (events "
     "with kind = \"meeting\" and association = \"{0}\")",
     "объединение '{0}' провело {1} {1:заседание|заседания|заседаний} в {2}; требуется не меньше "
     "{3} (мероприятия с kind = \"meeting\" и association = \"{0}\")"},
    {"association '{}' has no 'analysis_submitted', but the analysis of the school year {} was due "
     "on {}; add the date it was submitted",
     "у объединения '{}' нет 'analysis_submitted', а анализ за {} учебный год нужно было сдать до "
     "{}; укажите дату, когда он был сдан"},
    {"association '{}' submitted the analysis of the school year {} on {}, after it was due on {}",
     "объединение '{}' сдало анализ за {} учебный год {}, позже срока {}"},
    // The competition's rules and titles (validate/competition_rules.cpp)
    {"school '{}' applies to a competition of {} but is outside the green zone in {}: {}",
     "школа '{}' подаёт заявку на конкурс {} года, но в {} учебном году не входит в зелёную "
     "зону: {}"},
    {"it has no 'ior' for {} ([[years]] with year = {})",
     "у неё нет 'ior' за {} учебный год ([[years]] с year = {})"},
    {"its ior {} in {} is not above {} of {}", "её ИОР {} в {} учебном году не выше, чем {} в {}"},
    {"its ior {} in {} cannot be compared: no ior for {}",
     "её ИОР {} в {} учебном году не с чем сравнить: нет ИОР за {}"},
    {", and it is not at or above the group mean in each of {}, {} and {}",
     ", и он не был на уровне среднего по группе или выше в каждом из годов {}, {} и {}"},
    {" (mean {} in {})", " (среднее {} в {})"},
    {"; its org_index must pass the same test", "; её org_index проверяется так же"},
    {"the title '{}' of {} is given by no competition: school '{}' is not among the winners of {} "
     "(remove the title, or correct the competition)",
     "звание '{}' {} года не подтверждено конкурсом: школа '{}' не среди победителей {} "
     "(уберите звание или исправьте данные конкурса)"},
    // Transition programmes (validate/transitions.cpp)
    {"school '{}' is marked neither low_results nor difficult_conditions in any year: a "
     "transition programme is made for a ШНОР or ШССУ",
     "школа '{}' ни в одном году не отмечена как low_results или difficult_conditions: "
     "программу перехода разрабатывает ШНОР или ШССУ"},
    {"'outcome' is the result of the public defence: add the date 'defended'",
     "поле 'outcome' — итог публичной защиты: укажите её дату в поле 'defended'"},
    {"'outcome' is given, but the defence on {} has not taken place yet (data as of {})",
     "поле 'outcome' заполнено, но защита {} ещё не состоялась (данные на {})"},
    {"only a programme recommended after its defence goes into the development programme: "
     "'included_in_development_programme' needs outcome = \"recommended\"",
     "в программу развития вносится только программа, рекомендованная по итогам защиты: для "
     "'included_in_development_programme' нужно outcome = \"recommended\""},
    // TOML syntax errors (config/toml_reader.cpp): toml++'s own wording, taken apart.
    {"in a key = value line", "в строке «ключ = значение»"},
    {"at the top level of the file", "на верхнем уровне файла"},
    {"in a list [...]", "в списке [...]"},
    {"in a string", "в тексте в кавычках"},
    {"in a table {{...}}", "в таблице {{...}}"},
    {"in a table header [...]", "в заголовке таблицы [...]"},
    {"in a date or time", "в дате или времени"},
    {"in a value", "в значении"},
    {"in a key", "в имени поля"},
    {"a value", "значение"},
    {"a comment or a line end", "комментарий или конец строки"},
    {"a key, a table header or a comment", "имя поля, заголовок таблицы или комментарий"},
    {"the end of the value", "конец значения"},
    {"a comma or a closing ']'", "запятая или закрывающая ']'"},
    {"a comma or a closing '}}'", "запятая или закрывающая '}}'"},
    {"a digit", "цифра"},
    {"a key (Latin letters, digits, '_', '-') or a quote",
     "имя поля (латинские буквы, цифры, '_', '-') или кавычка"},
    {"the end of the line", "конец строки"},
    {"the file ends before the value is closed", "файл закончился, а значение не закрыто"},
    {"control characters (other than a tab) are not allowed in a string",
     "управляющие символы (кроме табуляции) не допускаются"},
    {"the month must be from {} to {}, not {}", "месяц должен быть от {} до {}, а не {}"},
    {"the day must be from {} to {}, not {}", "день должен быть от {} до {}, а не {}"},
    {"the hour must be from {} to {}, not {}", "час должен быть от {} до {}, а не {}"},
    {"the minutes must be from {} to {}, not {}", "минуты должны быть от {} до {}, а не {}"},
    {"expected {}, not {}", "ожидается {}, а не {}"},
    {" (use a point: {})", " (используйте точку: {})"},
    {" (this key belongs to the school: move it above [[years]])",
     " (этот ключ относится к школе, перенесите его выше [[years]])"},
    // The dev server, `schema` and the cache files (serve/dev_server.cpp, pipeline/schema.cpp,
    // cache/store.cpp)
    {"changed: {}", "изменено: {}"},
    {"cannot listen on 127.0.0.1:{} (in use?); choose another --port",
     "не удаётся открыть порт 127.0.0.1:{} (он занят?); выберите другой --port"},
    {"{}; pages will not reload on changes", "{}; страницы не будут обновляться при изменениях"},
    {"serving http://127.0.0.1:{}/ — rebuilding on changes; Ctrl+C stops",
     "сайт открыт на http://127.0.0.1:{}/ — пересобирается при изменениях; остановить: Ctrl+C"},
    {"editor: http://127.0.0.1:{}/__nastavnik/edit/?token={}",
     "Редактор: http://127.0.0.1:{}/__nastavnik/edit/?token={}"},
    {"stopped", "остановлено"},
    {"cannot write the schema", "не удаётся записать схему"},
    {"wrote {} schemas into {}", "записано схем: {} в {}"},
    {"the cache file's header is damaged: the file is ignored",
     "заголовок файла кэша повреждён: файл не использован"},
    {"the cache file's header is damaged: the file is ignored and rewritten",
     "заголовок файла кэша повреждён: файл не использован и будет записан заново"},
    {"{0} damaged cache {0:entry|entries} ignored", "повреждённые записи кэша ({0}) пропущены"},
    {"{0} damaged cache {0:entry|entries} dropped and rebuilt",
     "повреждённые записи кэша ({0}) удалены и будут созданы заново"},
    {"the cache index is damaged: it is ignored", "указатель кэша повреждён: он не использован"},
    {"the cache index is damaged: it is ignored and rewritten",
     "указатель кэша повреждён: он не использован и будет записан заново"},
    // Input and output failures (cache/store.cpp, pipeline/*.cpp, serve/file_watcher.cpp)
    {"cannot write the cache file {}", "не удаётся записать файл кэша {}"},
    {"cannot write the build cache {}", "не удаётся записать кэш сборки {}"},
    {"cannot open the lock file {}: {}", "не удаётся открыть файл блокировки {}: {}"},
    {"cannot lock {}: {}", "не удаётся заблокировать {}: {}"},
    {"cannot watch files (inotify_init1 failed)",
     "не удаётся следить за изменениями файлов (ошибка inotify_init1)"},
    {"cannot watch {}", "не удаётся следить за изменениями в {}"},
    {"cannot read {}", "не удаётся прочитать {}"},
    // The command line's help (cli/main.cpp)
    {"include records marked draft = true", "включить записи с draft = true (черновики)"},
    {"leave out records marked draft = true, as build does",
     "не показывать черновики (draft = true), как build"},
    {"check as a site with its drafts", "проверить сайт вместе с черновиками"},
    {"build the site into site/ (or --out)", "собрать сайт в папку site/ (или --out)"},
    {"site directory (default: the nearest folder with a config.toml, from here up)",
     "папка сайта (по умолчанию — ближайшая папка с config.toml: текущая или выше)"},
    {"output directory", "папка для собранного сайта"},
    {"base URL of the published site", "адрес опубликованного сайта"},
    {"worker threads (default: all cores)", "число потоков (по умолчанию — все ядра)"},
    {"print stages, counts and timings", "печатать этапы, количества и время"},
    {"replace a non-empty --out folder that is not a nastavnik output",
     "заменить непустую папку --out, даже если её создала не nastavnik"},
    {"rebuild everything; do not read or write .nastavnik-cache/",
     "собрать всё заново; не читать и не записывать .nastavnik-cache/"},
    {"build, serve on 127.0.0.1, rebuild and reload on change",
     "собрать и открыть сайт на 127.0.0.1, пересобирать и обновлять при изменениях"},
    {"port on 127.0.0.1", "порт на 127.0.0.1"},
    {"print stages and timings of each build", "печатать этапы и время каждой сборки"},
    {"validate the site; writes nothing", "проверить сайт, ничего не записывая"},
    {"print stages and timings", "печатать этапы и время"},
    {"scaffold a record: practice | school | event | mentorship | transition",
     "создать заготовку записи: practice | school | event | mentorship | transition"},
    {"make a new site that builds at once", "создать новый сайт, который сразу собирается"},
    {"a new or empty folder", "новая или пустая папка"},
    {"the built-in theme", "встроенная тема"},
    {"write the built-in theme out (to change it)",
     "выгрузить встроенную тему (чтобы изменить её)"},
    {"a new or empty folder, e.g. themes/default",
     "новая или пустая папка, например themes/default"},
    {"write JSON Schemas of every record type for editors",
     "записать схемы JSON всех типов записей для редакторов"},
    {"site directory (its config gives the codes)",
     "папка сайта (коды справочников берутся из её config.toml)"},
    {"output directory (default: SOURCE/schemas)",
     "папка для схем (по умолчанию — ПАПКА_САЙТА/schemas)"},
    {"print the version", "показать версию"},
};

const std::unordered_map<std::string_view, const std::string_view*>& index() {
    static const auto map = [] {
        std::unordered_map<std::string_view, const std::string_view*> m;
        for (const Translation& t : kCatalogue) m.emplace(t.en, &t.ru);
        return m;
    }();
    return map;
}

}  // namespace

void set_language(Language language) {
    current.store(language, std::memory_order_relaxed);
}

Language language() {
    return this_thread ? *this_thread : current.load(std::memory_order_relaxed);
}

ThreadLanguage::ThreadLanguage(Language language) : previous_(this_thread) {
    this_thread = language;
}

ThreadLanguage::~ThreadLanguage() {
    this_thread = previous_;
}

std::string_view language_code(Language language) {
    return language == Language::ru ? "ru" : "en";
}

std::optional<Language> parse_language(std::string_view code) {
    auto is = [&](std::string_view want) {
        return code.size() == want.size() &&
               std::equal(code.begin(), code.end(), want.begin(), [](char a, char b) {
                   return (a >= 'A' && a <= 'Z' ? static_cast<char>(a - 'A' + 'a') : a) == b;
               });
    };
    if (is("ru")) return Language::ru;
    if (is("en")) return Language::en;
    return std::nullopt;
}

Language language_from_environment() {
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        const char* value = std::getenv(name);
        if (!value || !*value) continue;
        std::string_view v(value);
        return v.size() >= 2 && parse_language(v.substr(0, 2)) == Language::ru ? Language::ru
                                                                               : Language::en;
    }
    return Language::en;
}

std::span<const Translation> catalogue() {
    return kCatalogue;
}

const std::string_view* russian_format(std::string_view en) {
    auto it = index().find(en);
    return it == index().end() ? nullptr : it->second;
}

std::string_view plural_ru(long long n, std::string_view one, std::string_view few,
                           std::string_view many) {
    long long m = n < 0 ? -n : n;
    if (m % 10 == 1 && m % 100 != 11) return one;
    if (m % 10 >= 2 && m % 10 <= 4 && (m % 100 < 12 || m % 100 > 14)) return few;
    return many;
}

namespace detail {

std::string format_message(std::string_view en, fmt::format_args args) {
    if (language() == Language::ru)
        if (const std::string_view* ru = russian_format(en)) try {
                return fmt::vformat(*ru, args);
            } catch (const fmt::format_error&) {
                // A Russian form that does not fit (the unit test catches it): English then.
            }
    return fmt::vformat(en, args);
}

}  // namespace detail

}  // namespace nk::diag
