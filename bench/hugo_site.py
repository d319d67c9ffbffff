"""The Hugo side of the benchmark: config and layouts equivalent to nastavnik's default theme.

Hugo builds the same content/practices and content/events Markdown files. It gets what the
nastavnik theme shows for them: practice pages (facts, table of contents, results table, four
related practices), event pages, the paginated practice catalogue with direction and form facets,
the paginated event list, term pages listing every practice of a direction, form, tag or school
(school names come from the same data/schools/*.toml files), taxonomy overviews, a home page with
the latest practices, the Atom/RSS feed and the sitemap.
"""

import os
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))

CONFIG = """baseURL = "https://example.org/"
languageCode = "ru"
title = "Школа-наставник — синтетический сайт"
paginate = 12
enableRobotsTXT = false

[taxonomies]
direction = "directions"
form = "forms"
tag = "tags"
school = "schools"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[related]
threshold = 1
includeNewer = true
toLower = false
[[related.indices]]
name = "directions"
weight = 2
[[related.indices]]
name = "forms"
weight = 1
[[related.indices]]
name = "tags"
weight = 2

[markup.tableOfContents]
startLevel = 2
endLevel = 2
"""

BASEOF = """<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} — {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
</head>
<body>
<header class="site-header"><div class="wrap">
<a class="site-title" href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav class="site-nav" aria-label="Основное меню"><ul>
<li><a href="{{ "practices/" | relURL }}">Практики</a></li>
<li><a href="{{ "schools/" | relURL }}">Школы</a></li>
<li><a href="{{ "events/" | relURL }}">Мероприятия</a></li>
</ul></nav>
</div></header>
<main id="main" class="wrap">{{ block "main" . }}{{ end }}</main>
<footer class="site-footer"><div class="wrap"><p>{{ site.Title }}. Обновлено: {{ .Lastmod.Format "02.01.2006" }}</p></div></footer>
</body>
</html>
"""

CARD = """<article class="card practice-card">
<h3 class="card-title"><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time>{{ range .Params.schools }} · <span>{{ with index site.Data.schools . }}{{ .short_name }}{{ end }}</span>{{ end }}</p>
{{ with .Params.summary }}<p class="summary">{{ . }}</p>{{ end }}
<ul class="chips" aria-label="Направления">{{ range .Params.directions }}<li><a class="chip" href="{{ printf "directions/%s/" . | relURL }}">{{ index site.Data.vocab.directions . }}</a></li>{{ end }}</ul>
</article>
"""

PRACTICE_SINGLE = """{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "practices/" | relURL }}">Практики</a></nav>
<article class="practice">
<header>
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02.01.2006" }}</time></p>
{{ with .Params.summary }}<p class="lead">{{ . }}</p>{{ end }}
<dl class="facts">
<dt>Школы</dt><dd>{{ range .Params.schools }}<a href="{{ printf "schools/%s/" . | relURL }}">{{ with index site.Data.schools . }}{{ .short_name }}{{ end }}</a> {{ end }}</dd>
<dt>Направления</dt><dd><ul class="chips">{{ range .Params.directions }}<li><a class="chip" href="{{ printf "directions/%s/" . | relURL }}">{{ index site.Data.vocab.directions . }}</a></li>{{ end }}</ul></dd>
<dt>Формы</dt><dd><ul class="chips">{{ range .Params.forms }}<li><a class="chip" href="{{ printf "forms/%s/" . | relURL }}">{{ index site.Data.vocab.forms . }}</a></li>{{ end }}</ul></dd>
<dt>Теги</dt><dd><ul class="chips">{{ range .GetTerms "tags" }}<li><a class="chip tag" href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>{{ end }}</ul></dd>
</dl>
</header>
<nav class="toc" aria-label="Содержание"><h2>Содержание</h2>{{ .TableOfContents }}</nav>
<div class="prose">{{ .Content }}</div>
{{ with .Params.results }}<section><h2>Результаты</h2>
<table class="data"><thead><tr><th>Показатель</th><th>Ед.</th><th>До</th><th>После</th><th>Изменение</th></tr></thead>
<tbody>{{ range . }}<tr><th scope="row">{{ .indicator }}</th><td>{{ .unit }}</td><td class="num">{{ .before }}</td><td class="num">{{ .after }}</td><td class="num">{{ sub .after .before }}</td></tr>{{ end }}</tbody>
</table></section>{{ end }}
</article>
{{ $related := first 4 (site.RegularPages.Related .) }}
{{ with $related }}<section><h2>Похожие практики</h2><div class="cards">{{ range . }}{{ partial "card.html" . }}{{ end }}</div></section>{{ end }}
{{ end }}
"""

# The facets are the same on every catalogue page: a Hugo site caches them (partialCached).
FACETS = """<aside class="facets">
<section class="facet"><h2>Направления</h2><ul>{{ range $code, $pages := site.Taxonomies.directions }}<li><a href="{{ printf "directions/%s/" $code | relURL }}">{{ index site.Data.vocab.directions $code }}</a> <span class="count">{{ len $pages }}</span></li>{{ end }}</ul></section>
<section class="facet"><h2>Формы работы</h2><ul>{{ range $code, $pages := site.Taxonomies.forms }}<li><a href="{{ printf "forms/%s/" $code | relURL }}">{{ index site.Data.vocab.forms $code }}</a> <span class="count">{{ len $pages }}</span></li>{{ end }}</ul></section>
<section class="facet"><h2>Популярные теги</h2><ul>{{ range first 20 site.Taxonomies.tags.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}</ul></section>
</aside>
"""

PRACTICE_LIST = """{{ define "main" }}
<h1>Лучшие практики</h1>
<div class="catalogue">
{{ partialCached "facets.html" . "facets" }}
<div class="results">
<div class="cards">{{ range (.Paginate .Pages).Pages }}{{ partial "card.html" . }}{{ end }}</div>
{{ template "_internal/pagination.html" . }}
</div>
</div>
{{ end }}
"""

EVENT_SINGLE = """{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "events/" | relURL }}">Мероприятия</a></nav>
<article class="event">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02T15:04" }}">{{ .Date.Format "02.01.2006 15:04" }}</time> · {{ .Params.kind }} · {{ .Params.place }}</p>
<p>Организатор: {{ with index site.Data.schools .Params.organizer }}{{ .short_name }}{{ end }}</p>
<ul>{{ range .Params.participants }}<li><a href="{{ printf "schools/%s/" . | relURL }}">{{ with index site.Data.schools . }}{{ .short_name }}{{ end }}</a></li>{{ end }}</ul>
<div class="prose">{{ .Content }}</div>
</article>
{{ end }}
"""

EVENT_LIST = """{{ define "main" }}
<h1>Мероприятия</h1>
<ul class="events">{{ range (.Paginate .Pages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "02.01.2006" }}</time> {{ .Params.place }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""

TAXONOMY = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> <span class="count">{{ .Count }}</span></li>{{ end }}</ul>
{{ end }}
"""

TERM = """{{ define "main" }}
<nav class="breadcrumbs"><a href="{{ "practices/" | relURL }}">Практики</a></nav>
<h1>{{ with index site.Data.schools .Data.Term }}{{ .name }}{{ else }}{{ .Title }}{{ end }}</h1>
<p class="lead">{{ len .Pages }} практик</p>
<div class="cards">{{ range .Pages }}{{ partial "card.html" . }}{{ end }}</div>
{{ end }}
"""

HOME = """{{ define "main" }}
<h1>{{ site.Title }}</h1>
<ul class="figures">
<li>{{ len (where site.RegularPages "Section" "practices") }} лучших практик</li>
<li>{{ len site.Data.schools }} школ и организаций</li>
<li>{{ len (where site.RegularPages "Section" "events") }} мероприятий</li>
</ul>
<h2>Новые практики</h2>
<div class="cards">{{ range first 6 (where site.RegularPages "Section" "practices") }}{{ partial "card.html" . }}{{ end }}</div>
{{ end }}
"""


def vocab_toml():
    """The direction and form labels of the example config, for the templates to look up."""
    with open(os.path.join(HERE, "..", "config.toml"), "rb") as f:
        vocab = tomllib.load(f)["vocabularies"]
    out = []
    for kind in ("directions", "forms"):
        out.append(f"[{kind}]")
        out += [f'{code} = "{label}"' for code, label in vocab[kind].items()]
    return "\n".join(out) + "\n"


def write_site(root, write):
    """Writes config, layouts, the vocabulary data file and the stylesheet into `root`."""
    write(os.path.join(root, "config.toml"), CONFIG)
    write(os.path.join(root, "data", "vocab.toml"), vocab_toml())
    layouts = {
        "_default/baseof.html": BASEOF,
        "_default/taxonomy.html": TAXONOMY,
        "_default/term.html": TERM,
        "_default/single.html": EVENT_SINGLE,
        "_default/list.html": EVENT_LIST,
        "partials/card.html": CARD,
        "partials/facets.html": FACETS,
        "practices/single.html": PRACTICE_SINGLE,
        "practices/list.html": PRACTICE_LIST,
        "events/single.html": EVENT_SINGLE,
        "events/list.html": EVENT_LIST,
        "index.html": HOME,
    }
    for rel, text in layouts.items():
        write(os.path.join(root, "layouts", rel), text)
    with open(os.path.join(HERE, "..", "themes", "default", "static", "css", "style.css"),
              encoding="utf-8") as f:
        write(os.path.join(root, "static", "css", "style.css"), f.read())
