"""Version stamps for cached figures. Every write that can change an indicator's figures bumps
"indicator:<pk>" (its reports, results, targets, host reports, the KR itself); a write that can change
every indicator's figures (quarters, districts, communities) bumps "all". A cache key that carries
both stamps is never served after such a write commits, on any app server (the stamps and the
cache both live in the database). Writes that bypass model signals (queryset.update, bulk_create)
call `bump` themselves."""
import contextlib
import threading

from django.db import connection, transaction
from django.db.models import Max
from django.db.models.signals import post_delete, post_save

from okr_tracker.models import Stamp

ALL = "all"


def indicator_key(indicator_id):
    return f"indicator:{indicator_id}"


_batch = threading.local()


def bump(*names):
    """A new version of each name: a row inserted in the writer's transaction, so the version
    changes exactly when the write commits (and never if it rolls back)."""
    pending = getattr(_batch, "names", None)
    if pending is not None:
        pending.update(names)
        return
    Stamp.objects.bulk_create([Stamp(name=name) for name in names])


@contextlib.contextmanager
def batched():
    """Inside one transaction (an import of many rows): one new version per name at the end,
    not one per row."""
    outer = getattr(_batch, "names", None)
    if outer is not None:  # already batching: the outer batch bumps
        yield
        return
    _batch.names = set()
    try:
        yield
        names = _batch.names
    finally:
        _batch.names = None
    if names and not transaction.get_rollback():  # a transaction that rolls back changes no version
        bump(*sorted(names))


def stamps(indicator_id):
    """(all, indicator) version numbers: one query (the newest row of each name, by index)."""
    found = dict(Stamp.objects.filter(name__in=[ALL, indicator_key(indicator_id)]).values("name")
                 .annotate(latest=Max("id")).values_list("name", "latest"))
    return found.get(ALL, 0), found.get(indicator_key(indicator_id), 0)


def of_indicator(code, year_be):
    """(indicator pk, all version, indicator version) of the KR `code` of fiscal year `year_be`, or
    None: what a cached page needs to find its body, in one small query. Written in SQL because it
    runs on every dashboard view and the ORM's compilation of the two subqueries costs more than the
    rest of a cached page."""
    from .models import FiscalYear, Indicator

    quote = connection.ops.quote_name
    indicator, year, stamp = (quote(model._meta.db_table) for model in (Indicator, FiscalYear, Stamp))
    sql = (f"SELECT i.id, (SELECT MAX(id) FROM {stamp} WHERE name = %s),"
           f" (SELECT MAX(id) FROM {stamp} WHERE name = %s || i.id)"
           f" FROM {indicator} i INNER JOIN {year} y ON y.id = i.fiscal_year_id WHERE i.code = %s AND y.year_be = %s")
    with connection.cursor() as cursor:
        cursor.execute(sql, [ALL, indicator_key(""), code, year_be])
        row = cursor.fetchone()
    return None if row is None else (row[0], row[1] or 0, row[2] or 0)


def of_agreements(year_be):
    """(all version, the newest version of any KR in the year's performance agreements): what the cached
    ranking needs (a result, a criterion or an agreement row of any of those KRs bumps its stamp), in
    one small query."""
    from .models import AgreementItem, FiscalYear, Indicator

    quote = connection.ops.quote_name
    item, indicator, year, stamp = (quote(model._meta.db_table) for model in (AgreementItem, Indicator, FiscalYear, Stamp))
    sql = (f"SELECT (SELECT MAX(id) FROM {stamp} WHERE name = %s),"
           f" (SELECT MAX(s.id) FROM {stamp} s WHERE s.name IN (SELECT %s || a.indicator_id FROM {item} a"
           f" INNER JOIN {indicator} i ON i.id = a.indicator_id INNER JOIN {year} y ON y.id = i.fiscal_year_id"
           f" WHERE y.year_be = %s))")
    with connection.cursor() as cursor:
        cursor.execute(sql, [ALL, indicator_key(""), year_be])
        row = cursor.fetchone()
    return row[0] or 0, row[1] or 0


def _bump_indicator(sender, instance, **kwargs):
    indicator_id = instance.pk if sender.__name__ == "Indicator" else getattr(instance, "indicator_id", None)
    if indicator_id:
        bump(indicator_key(indicator_id))


def _bump_all(sender, instance, **kwargs):
    bump(ALL)


def watch_indicator_figures(model):
    """Every save or delete of `model` (which has an `indicator`) bumps its indicator's stamp."""
    post_save.connect(_bump_indicator, sender=model, dispatch_uid=f"versions:{model.__name__}:save")
    post_delete.connect(_bump_indicator, sender=model, dispatch_uid=f"versions:{model.__name__}:delete")


def connect():
    from districts.models import Community, District, DistrictGroup

    from .models import (AgreementItem, AnnualReport, Assessment, DistrictResult, DistrictTarget, FiscalYear, HostReport,
                         Indicator, PlannedProjects, Quarter, ScoringCriteria)

    for model in (DistrictResult, DistrictTarget, HostReport, AnnualReport, PlannedProjects, Indicator, AgreementItem,
                  ScoringCriteria, Assessment):
        watch_indicator_figures(model)
    for model in (Quarter, FiscalYear, District, DistrictGroup, Community):
        post_save.connect(_bump_all, sender=model, dispatch_uid=f"versions:{model.__name__}:save")
        post_delete.connect(_bump_all, sender=model, dispatch_uid=f"versions:{model.__name__}:delete")
