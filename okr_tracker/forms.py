"""Form fields that take numbers and dates as Thai offices type them: Thai digits, thousands
separators, Buddhist Era years."""
import datetime
import re
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from okr_tracker.thai import BE_OFFSET, squash_spaces, to_arabic_digits

# Digits with thousands separators where they belong (1,250,000.50), or none at all. "1,2" and
# "1e5" are not numbers a clerk means: they are refused, not read as 12 and 100,000.
NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def _plain_number(field, value):
    if isinstance(value, str):
        text = squash_spaces(to_arabic_digits(value)).replace(" ", "")
        if not text:
            return text
        if not NUMBER.fullmatch(text):
            raise ValidationError(field.error_messages["invalid"], code="invalid")
        return text.replace(",", "")
    return value


class ThaiIntegerField(forms.IntegerField):
    default_error_messages = {"invalid": _("Enter a whole number in digits, e.g. 18 or ๑๘.")}

    def to_python(self, value):
        return super().to_python(_plain_number(self, value))


class ThaiDecimalField(forms.DecimalField):
    default_error_messages = {"invalid": _("Enter an amount in digits, e.g. 1,250.50.")}

    def to_python(self, value):
        return super().to_python(_plain_number(self, value))

    def prepare_value(self, value):
        # A stored amount reopens as it is written on paper (220,000.00); what a user typed stays as typed.
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return f"{value:,.{self.decimal_places or 0}f}"
        return value


class BuddhistDateInput(forms.DateInput):
    """A date as Thai offices write it: day/month/Buddhist Era year (15/04/2570)."""

    input_type = "text"

    def __init__(self, attrs=None):
        super().__init__(attrs={"placeholder": "วว/ดด/ปปปป", "size": 12, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return f"{value.day:02d}/{value.month:02d}/{value.year + BE_OFFSET}"
        return value  # what the user typed, as typed


class BuddhistDateField(forms.DateField):
    """Takes and shows Buddhist Era years; a year that looks like the Christian Era is refused
    with the BE year to type, never stored 543 years off."""

    widget = BuddhistDateInput
    default_error_messages = {
        "invalid": _("Enter the date as day/month/Buddhist Era year, e.g. 15/04/2570."),
        "christian_era": _("%(year)s is a Christian Era year: enter the Buddhist Era year, e.g. %(day)s/%(month)s/%(be_year)s."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        match = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", squash_spaces(to_arabic_digits(str(value))).strip())
        if not match:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        day, month, year = map(int, match.groups())
        if year < 2400:
            raise ValidationError(self.error_messages["christian_era"], code="christian_era", params={
                "year": year, "day": f"{day:02d}", "month": f"{month:02d}", "be_year": year + BE_OFFSET})
        try:
            return datetime.date(year - BE_OFFSET, month, day)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


def number_input(mode="numeric"):
    """A text box for a number: the phone's number keypad, no autofill, right-aligned figures."""
    return forms.TextInput(attrs={"inputmode": mode, "autocomplete": "off", "class": "number"})
