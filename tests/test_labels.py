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
