"""Every label true and Thai (issue 22, item 5): each model's and field's name, in Thai, is Thai (no
English word left untranslated) and no Thai label stands for two different things (the outbox's
"kind" read "ประเภทการคำนวณ", the community list's model "จำนวนชุมชน")."""
import re
from collections import defaultdict

from django.apps import apps
from django.utils import translation

PROJECT_APPS = {"accounts", "districts", "indicators", "reports", "notifications", "okr_tracker"}
# Latin words a Thai label may keep: codes and names of things.
KEPT = {"KR", "KRs", "OKRs", "H", "R", "PDF", "Excel", "API", "OpenAPI", "CSV", "B.E."}


def source(text):
    """The English a lazy translation was made from (its msgid), or the text itself."""
    return text._proxy____args[-1] if hasattr(text, "_proxy____args") else str(text)


def labels():
    """(Thai label, English source, where) of every model a user sees in the admin, and its fields."""
    from django.contrib import admin

    found = []
    with translation.override("th"):
        for model in admin.site._registry:
            if model._meta.app_label not in PROJECT_APPS:
                continue
            meta = model._meta
            found.append((str(meta.verbose_name), source(meta.verbose_name), meta.label))
            found.append((str(meta.verbose_name_plural), source(meta.verbose_name_plural), f"{meta.label} (plural)"))
            for field in meta.get_fields():
                name = getattr(field, "verbose_name", None)
                if name is None or getattr(field, "auto_created", False):
                    continue
                # A relation names the thing it points to (the field "เขต" is a district): not a figure.
                where = f"{meta.label}.{field.name}" + (" (relation)" if field.is_relation else "")
                found.append((str(name), source(name), where))
    return found


def test_every_label_is_thai():
    english = [(where, label) for label, _source, where in labels()
               if any(word not in KEPT for word in re.findall(r"[A-Za-z][A-Za-z.]+", label))]
    assert english == []


def test_no_thai_label_stands_for_two_different_things():
    found = labels()
    things = {label: where for label, _source, where in found if "." not in where.split(" ")[0].split(".", 1)[1]}
    figures = {label: where for label, _source, where in found
               if "." in where.split(" ")[0].split(".", 1)[1] and not where.endswith("(relation)")}
    assert {label: (things[label], figures[label]) for label in set(things) & set(figures)} == {}  # a model is no field
    meanings = defaultdict(set)
    for label, source, where in found:
        meanings[label].add(source.casefold().rstrip("s"))
    shared = {label: sorted(sources) for label, sources in meanings.items() if len(sources) > 1}
    assert shared == {}


def test_the_two_labels_the_issue_found_wrong_are_right():
    from districts.models import Community
    from notifications.models import OutboxMessage

    with translation.override("th"):
        assert str(Community._meta.verbose_name_plural) == "ชุมชน"  # was "จำนวนชุมชน", a field's label
        assert str(OutboxMessage._meta.get_field("kind").verbose_name) == "ประเภทอีเมล"  # was "ประเภทการคำนวณ"


# Latin words an admin page may show: codes, formats and names of things, and the site's own name.
KEPT_ON_PAGES = KEPT | {"csv", "ods", "xls", "xlsx", "English", "Output", "Outcome", "CDP", "KPI", "BMA", "Tracker", "IP",
                        "User", "Agent", "Control", "Command", "Mac", "Single", "Sign", "On", "LDAP",
                        "unknown"}  # django-axes stores "<unknown>" for a request without a user agent: data in its filter


def _visible_words(html):
    """The Latin words of a page's visible text: no script, style, entity or data row of a list."""
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<table id="result_list"[^>]*>.*?</table>', " ", html, flags=re.S)  # rows of data, not labels
    html = re.sub(r"<option[^>]*>.*?</option>", " ", html, flags=re.S)  # the choices: data (users, districts)
    html = re.sub(r'<div id="user-tools">.*?</div>', " ", html, flags=re.S)  # the signed-in user's name
    html = re.sub(r"<[^>]+>|&[a-z]+;|&#\d+;", " ", html)
    return set(re.findall(r"[A-Za-z][A-Za-z_.]+", html))


def test_every_admin_list_form_and_import_page_speaks_thai(client, admin_user, kr8308):
    """Issue 22, item 5: the admin's actions, filters, import pages (which listed the resources' field
    names: `district, number, communities, target_communities`), the permission pickers (django-simple-
    history's models) and third-party apps' names (“Axes”) in Thai, on every page the admin reaches."""
    from django.contrib import admin
    from django.urls import NoReverseMatch, reverse

    client.force_login(admin_user)
    english = defaultdict(set)
    for model in admin.site._registry:
        for view in ("changelist", "add", "import"):
            try:
                url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
            except NoReverseMatch:
                continue
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="th")
            if response.status_code != 200:
                continue  # a list no one may add to
            for word in _visible_words(response.content.decode()) - KEPT_ON_PAGES:
                english[word].add(url)
    assert not english, "\n".join(f"{word}: {', '.join(sorted(urls)[:3])}" for word, urls in sorted(english.items()))
