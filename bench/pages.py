"""Every page of the app, as the person who opens it, on the synthetic world of bench/world.py:
what `make bench` measures at each size and what the query-count tests compare at two sizes.

`pages(users)` gives (label, user, url, fresh): `fresh` pages are measured with the cache emptied
first (the dashboard computed, not served from the cache). PDFs are left out (they render the same
HTML as their page, then WeasyPrint: seconds each); their pages are in.
"""
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from .world import LAST_YEAR_BE, PREFIX

YEAR = LAST_YEAR_BE
KR = f"{PREFIX}000"
BOOK_AGENCY = "สำนักพัฒนาสังคม"  # the seed's KR 8308 and W000–W002: every kind
# world.py gives the kinds in turn from the second; the seed's KR 8308 is the first kind.
ONE_OF_EACH_KIND = ["8308"] + [f"{PREFIX}{number:03d}" for number in range(3)]


def admin_pages():
    """The admin's index, every model's list and import page, and the change page of its first row."""
    yield "admin:index", reverse("admin:index")
    for model in admin.site._registry:
        meta = model._meta
        yield f"admin:{meta.model_name} list", reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        try:  # django-import-export's import page (its KR and quarter pickers search as you type)
            yield f"admin:{meta.model_name} import", reverse(f"admin:{meta.app_label}_{meta.model_name}_import")
        except NoReverseMatch:
            pass
        first = model._default_manager.order_by("pk").values_list("pk", flat=True).first()
        if first is not None:
            yield (f"admin:{meta.model_name} change",
                   reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first]))


def pages(users):
    from indicators.kinds import with_target_table
    from indicators.models import Indicator
    from reports.models import Report

    clerk, reviewer, admin_user = users["clerk"], users["reviewer"], users["admin"]
    own = Report.objects.get(indicator__code=KR, indicator__fiscal_year__year_be=YEAR, district__code="1026",
                             quarter__number=1)
    found = [
        ("my district", clerk, reverse("reports:mine"), False),
        ("report form", clerk, reverse("reports:form", args=["1026", KR, YEAR, 1]), False),
        ("report page (own)", clerk, reverse("reports:detail", args=[own.pk]), False),
        ("district history (own)", clerk, reverse("reports:district", args=["1026"]), False),
        ("account", clerk, reverse("account"), False),
        ("indicator list", clerk, reverse("indicators:list"), False),
        ("dashboard index", reviewer, reverse("reports:dashboard_index"), False),
        ("dashboard (cached)", reviewer, reverse("reports:dashboard", args=[KR, YEAR, 1]), False),
        ("review list", reviewer, reverse("reports:review"), False),
        ("status board", reviewer, reverse("reports:status_board", args=[YEAR, 1]), False),
        ("district history", reviewer, reverse("reports:district", args=["1026"]), False),
        ("scorecard (own)", clerk, reverse("reports:scorecard", args=[YEAR, "1026"]), False),
        ("scorecard", reviewer, reverse("reports:scorecard", args=[YEAR, "1026"]), False),
        ("ranking", reviewer, reverse("reports:ranking", args=[YEAR]), False),
        ("host narrative", reviewer, reverse("reports:host_narrative", args=[KR, YEAR, 1]), False),
        ("book of the year", reviewer, reverse("indicators:book", args=[YEAR]) + f"?agency={BOOK_AGENCY}", False),
        ("API: indicators", reviewer, reverse("api:indicators"), False),
        ("API: scorecard", reviewer, reverse("api:scorecard", args=[YEAR, "1026"]), False),
        ("API: ranking", reviewer, reverse("api:ranking", args=[YEAR]), False),
    ]
    for status in Report.Status:
        report = (Report.objects.filter(indicator__code=KR, indicator__fiscal_year__year_be=YEAR, status=status)
                  .order_by("pk").first())
        found.append((f"report page ({status})", reviewer, reverse("reports:detail", args=[report.pk]), False))
    for code in ONE_OF_EACH_KIND:
        found += [
            (f"dashboard {code} (computed)", reviewer, reverse("reports:dashboard", args=[code, YEAR, 1]), True),
            (f"dashboard {code} Excel", reviewer, reverse("reports:dashboard", args=[code, YEAR, 1]) + "?format=xlsx", True),
            (f"indicator {code}", reviewer, reverse("indicators:detail", args=[code, YEAR]), False),
            (f"official report {code}", reviewer, reverse("indicators:official_report", args=[code, YEAR]), False),
            (f"KR sheet {code}", reviewer, reverse("indicators:kr_sheet", args=[code, YEAR]), False),
            (f"results.xlsx {code}", reviewer, reverse("indicators:export_results", args=[code, YEAR, 1]), False),
            (f"API: summary {code}", reviewer, reverse("api:summary", args=[code, YEAR, 1]), False),
        ]
    for indicator in Indicator.objects.filter(with_target_table(), code__in=ONE_OF_EACH_KIND, fiscal_year__year_be=YEAR):
        found.append((f"targets.xlsx {indicator.code}", reviewer,
                      reverse("indicators:export_targets", args=[indicator.code, YEAR]), False))
    found += [(label, admin_user, url, False) for label, url in admin_pages()]
    return found


def measure(client, user, url, fresh):
    """(queries, bytes) of one GET of `url` by `user`, after a first GET that warms the process's
    caches (content types, translations, templates)."""
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(user)
    client.get(url)
    if fresh:
        cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    if response.status_code != 200:
        raise AssertionError(f"{url}: {response.status_code}")
    body = response.getvalue() if response.streaming else response.content
    return len(captured), len(body)

