"""Form fields that accept numbers as Thai offices type them: Thai digits, thousands separators."""
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from okr_tracker.thai import squash_spaces, to_arabic_digits


def _plain_number(value):
    if isinstance(value, str):
        return squash_spaces(to_arabic_digits(value)).replace(",", "").replace(" ", "")
    return value


class ThaiIntegerField(forms.IntegerField):
    default_error_messages = {"invalid": _("Enter a whole number in digits, e.g. 18 or ๑๘.")}

    def to_python(self, value):
        return super().to_python(_plain_number(value))


class ThaiDecimalField(forms.DecimalField):
    default_error_messages = {"invalid": _("Enter an amount in digits, e.g. 1,250.50.")}

    def to_python(self, value):
        return super().to_python(_plain_number(value))

    def prepare_value(self, value):
        # A stored amount reopens as it is written on paper (220,000.00); what a user typed stays as typed.
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return f"{value:,.{self.decimal_places or 0}f}"
        return value
