"""The admin in Buddhist Era years: date fields are typed and shown as 15/04/2570, and date columns
read "15 เม.ย. 2570", like every other page. Django's own date widget and formats would show and
take Christian Era years beside "ไตรมาส 1/2570"."""
from django.contrib import admin
from django.db import models

from indicators.templatetags.kpi import be_date, be_datetime
from okr_tracker.forms import BuddhistDateField, BuddhistDateInput

BE_DATE_FIELDS = {models.DateField: {"form_class": BuddhistDateField, "widget": BuddhistDateInput}}


class BuddhistDatesMixin:
    """For a ModelAdmin or an inline: BE date fields in its forms (list_editable ones too)."""

    formfield_overrides = BE_DATE_FIELDS


def be_date_column(field_name, description):
    """A list_display / readonly_fields column that shows a date field with its BE year."""
    return _column(field_name, description, be_date)


def be_datetime_column(field_name, description):
    """The same for a moment (date and time, Bangkok time)."""
    return _column(field_name, description, be_datetime)


def _column(field_name, description, show):
    @admin.display(description=description, ordering=field_name)
    def column(obj):
        return show(getattr(obj, field_name)) or "–"

    column.__name__ = f"{field_name}_be"
    return column
