"""Every URL of the URL conf with its parameters filled from the database, as JSON on stdout.

Run inside the environment under test (``manage.py shell -c "from tests.production.sample_urls
import main; main()"``) by the production smoke test. A pattern whose parameters it cannot fill is
listed under ``unfilled``, so a new page without a sample fails the test instead of going untested.
"""
import json

from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from districts.models import District
from indicators.models import Indicator, Quarter
from reports.models import Evidence, Report


def patterns(resolver=None, namespace=""):
    """(full name, parameter names) of every named pattern."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            parameters = sorted(entry.pattern.regex.groupindex) or ["*"] * entry.pattern.regex.groups
            yield f"{namespace}{entry.name}", parameters


def indicator_years():
    return [(indicator.code, indicator.fiscal_year.year_be)
            for indicator in Indicator.objects.select_related("fiscal_year").order_by("fiscal_year__year_be", "code")]


def quarters():
    """(code, year, quarter) of every indicator's quarters that have reports or results."""
    found = []
    for indicator in Indicator.objects.select_related("fiscal_year"):
        for quarter in Quarter.objects.filter(fiscal_year=indicator.fiscal_year).order_by("number"):
            found.append({"indicator_code": indicator.code, "code": indicator.code,
                          "year": indicator.fiscal_year.year_be, "quarter_number": quarter.number,
                          "quarter": quarter.number})
    return found


def admin_samples(name, parameters):
    """Arguments for the admin's per-model pages: the first object of that model (and its first
    history row, for django-simple-history's page of one past version)."""
    for model, _model_admin in admin.site._registry.items():
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}_"
        if not name.startswith(prefix):
            continue
        first = model._default_manager.order_by("pk").first()
        if first is None:
            return None  # no row to open: its list and "add" pages are opened all the same
        if parameters in (["object_id"], ["id"]):
            return [{parameters[0]: first.pk}]
        if name.endswith("_simple_history") and parameters == ["*", "*"] and hasattr(first, "history"):
            past = first.history.order_by("pk").first()
            return [[first.pk, past.pk]] if past else []
    return []


def samples(name, parameters):
    if not parameters:
        return [{}]
    if name.startswith("admin:"):
        if parameters == ["app_label"]:
            return [{"app_label": label} for label in sorted({m._meta.app_label for m in admin.site._registry})]
        return admin_samples(name, parameters)
    if parameters == ["year"]:  # the agencies' books of the year
        return [{"year": year} for year in sorted({year for _code, year in indicator_years()})]
    if parameters == ["code", "year"]:
        return [{"code": code, "year": year} for code, year in indicator_years()]
    if set(parameters) <= {"code", "indicator_code", "year", "quarter_number", "quarter"}:
        rows = quarters()
        # One quarter of each indicator year is enough for the pages; the last has the most.
        last = {}
        for row in rows:
            last[(row["code"], row["year"])] = row
        return [{key: row[key] for key in parameters} for row in last.values()]
    if parameters == ["pk"] and name.startswith("reports:evidence"):
        return [{"pk": pk} for pk in Evidence.objects.order_by("pk").values_list("pk", flat=True)[:1]]
    if parameters == ["pk"]:
        # One report in each status: the pages differ by status.
        picked = {}
        for pk, status in Report.objects.order_by("pk").values_list("pk", "status"):
            picked.setdefault(status, pk)
        return [{"pk": pk} for pk in picked.values()]
    if parameters == ["token", "uidb64"]:  # a one-time password link, as the invitation mail carries it
        from django.contrib.auth import get_user_model
        from django.contrib.auth.tokens import default_token_generator
        from django.utils.encoding import force_bytes
        from django.utils.http import urlsafe_base64_encode

        user = get_user_model().objects.get(username="dusit")
        return [{"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}]
    if parameters == ["district_code"]:
        return [{"district_code": code} for code in ("1026", "1004", "1002")]
    if set(parameters) == {"year", "district"}:  # the read API's scorecard of a district, in every year
        return [{"year": year, "district": code} for year in sorted({year for _code, year in indicator_years()})
                for code in ("1026", "1004")]
    if set(parameters) == {"year", "district_code"}:  # a district's scorecard, in every year of the plan
        return [{"year": year, "district_code": code} for year in sorted({year for _code, year in indicator_years()})
                for code in ("1026", "1004")]
    if set(parameters) == {"district_code", "indicator_code", "year", "quarter_number"}:
        found = []
        for report in Report.objects.select_related("district", "indicator", "quarter__fiscal_year").order_by("pk"):
            found.append({"district_code": report.district.code, "indicator_code": report.indicator.code,
                          "year": report.quarter.fiscal_year.year_be, "quarter_number": report.quarter.number})
        return found[:6]
    return []


def main():
    urls, unfilled, empty = [], [], []
    for name, parameters in patterns():
        if name in {"admin:view_on_site"}:  # a redirect to a page listed anyway
            continue
        filled = samples(name, parameters)
        if filled is None:
            empty.append(name)
            continue
        if not filled:
            unfilled.append(name)
        for arguments in filled:
            url = reverse(name, args=arguments) if isinstance(arguments, list) else reverse(name, kwargs=arguments)
            urls.append({"name": name, "url": url})
    print(json.dumps({"urls": urls, "unfilled": unfilled, "empty": empty, "districts": District.objects.count()}))
