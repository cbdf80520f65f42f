"""A locked quarter's figures are final on every path: the one guard below every writer.

A model whose rows are figures of a quarter names the quarter that locks them in `figures_locked_by`,
a lookup path from the model to `Quarter` ("quarter", "report__quarter"; a district target table is
locked by any locked quarter of its year: "indicator__fiscal_year__quarters"). Its rows are then
refused, with the quarter named and how an administrator reopens it, whatever writes them:

- `save()` and `delete()` of one row, cascades included (pre_save / pre_delete signals, below the
  forms, services, admin pages, history reverts and commands that call them);
- a queryset's `update()`, `bulk_create()` and `bulk_update()` (`LockedFiguresQuerySet`), which send
  no signals;
- a many-to-many change of such a row (`m2m_changed`);
- a raw UPDATE (the imports' `update_rows`) calls the queryset's `refuse_locked_rows` itself.

`tests/test_locked_figures.py` finds every model with a path to a quarter, and every admin page,
import and command that writes one, and tries each on a locked quarter.

Between the check and the commit an administrator could lock the quarter; the window is one
transaction, and the lock applies from the next write.
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.signals import m2m_changed, pre_delete, pre_save
from django.utils.translation import ngettext


class FiguresLocked(ValidationError):
    """A write into a locked quarter (or into the target table of a year with a locked quarter)."""

    shown_to_user = True  # okr_tracker.middleware.RefusalMiddleware says it on any page, never a 500

    def __init__(self, quarters):
        self.quarters = sorted(quarters, key=lambda quarter: (quarter.fiscal_year.year_be, quarter.number))
        names = ", ".join(f"{quarter.number}/{quarter.fiscal_year.year_be}" for quarter in self.quarters)
        message = ngettext(
            "Quarter %(quarters)s is locked: its figures are final and cannot be changed. An administrator reopens it "
            "in the admin (Quarters → select it → “Open the selected quarters”), then locks it again.",
            "Quarters %(quarters)s are locked: their figures are final and cannot be changed. An administrator reopens "
            "them in the admin (Quarters → select them → “Open the selected quarters”), then locks them again.",
            len(self.quarters)) % {"quarters": names}
        super().__init__(message, code="quarter_locked")


def _quarter_model():
    """Quarter from the app registry (models.py builds its querysets on this module: no import back)."""
    from django.apps import apps

    return apps.get_model("indicators", "Quarter")


def guarded_models():
    """Every model whose rows are figures of a quarter."""
    from django.apps import apps

    return [model for model in apps.get_models() if getattr(model, "figures_locked_by", None)]


def _locked(condition):
    Quarter = _quarter_model()
    return list(Quarter.objects.filter(condition, status=Quarter.Status.LOCKED).select_related("fiscal_year")
                .order_by("fiscal_year__year_be", "number").distinct()[:8])


def _rows_condition(model, rows):
    """Q of the quarters locking `rows` (a queryset of `model`)."""
    return Q(pk__in=rows.order_by().values(model.figures_locked_by))


def _instances_condition(model, instances):
    """Q of the quarters locking `instances` as they are about to be written (their new values)."""
    head, _sep, rest = model.figures_locked_by.partition("__")
    field = model._meta.get_field(head)
    ids = {getattr(instance, field.attname) for instance in instances} - {None}
    if not rest:
        return Q(pk__in=ids)
    return Q(pk__in=field.related_model._base_manager.filter(pk__in=ids).values(rest))


def refuse_locked_rows(model, instances):
    """Refuse writing `instances` of `model`: the quarters of their new values and of their stored rows."""
    instances = list(instances)
    if not instances:
        return
    condition = _instances_condition(model, instances)
    stored = [instance.pk for instance in instances if instance.pk is not None]
    if stored:
        condition |= _rows_condition(model, model._base_manager.filter(pk__in=stored))
    if locked := _locked(condition):
        raise FiguresLocked(locked)


def refuse_locked_queryset(model, rows):
    if locked := _locked(_rows_condition(model, rows)):
        raise FiguresLocked(locked)


def refuse_locked_quarter(quarter):
    """A quarter an import or a form is about to write into."""
    if quarter is not None and not quarter.is_open:
        raise FiguresLocked([quarter])


def refuse_locked_year(fiscal_year):
    """The target table of a year is final once any of its quarters is locked."""
    if fiscal_year is not None and fiscal_year.pk is not None:
        if locked := _locked(Q(fiscal_year=fiscal_year)):
            raise FiguresLocked(locked)


class LockedFiguresQuerySet(models.QuerySet):
    """Bulk writes send no signal: they ask the guard themselves."""

    def update(self, **kwargs):
        refuse_locked_queryset(self.model, self)
        for name, value in kwargs.items():  # a row moved into a locked quarter
            if self.model.figures_locked_by.split("__")[0] in (name, f"{name}_id") and value is not None:
                refuse_locked_rows(self.model, [self.model(**{name: value})])
        return super().update(**kwargs)

    def delete(self):
        refuse_locked_queryset(self.model, self)  # before the collector's transaction (signals refuse cascades)
        return super().delete()

    def refuse_locked_rows(self, instances):
        refuse_locked_rows(self.model, instances)

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        refuse_locked_rows(self.model, objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        refuse_locked_rows(self.model, objs)
        return super().bulk_update(objs, fields, *args, **kwargs)


def _before_save(sender, instance, raw=False, **kwargs):
    if not raw:  # loaddata of a fixture restores a backup as it was
        refuse_locked_rows(sender, [instance])


def _before_delete(sender, instance, **kwargs):
    if instance.pk is not None:
        refuse_locked_queryset(sender, sender._base_manager.filter(pk=instance.pk))


def _before_m2m_change(sender, instance, action, **kwargs):
    if action in ("pre_add", "pre_remove", "pre_clear") and getattr(type(instance), "figures_locked_by", None):
        refuse_locked_queryset(type(instance), type(instance)._base_manager.filter(pk=instance.pk))


def connect():
    """Called from IndicatorsConfig.ready(): every guarded model's single-row writes ask the guard."""
    for model in guarded_models():
        pre_save.connect(_before_save, sender=model, dispatch_uid=f"locks-save-{model._meta.label}")
        pre_delete.connect(_before_delete, sender=model, dispatch_uid=f"locks-delete-{model._meta.label}")
        for field in model._meta.many_to_many:
            m2m_changed.connect(_before_m2m_change, sender=field.remote_field.through,
                                dispatch_uid=f"locks-m2m-{model._meta.label}-{field.name}")
