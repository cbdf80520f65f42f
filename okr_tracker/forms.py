"""Form fields that accept numbers as Thai offices type them: Thai digits, thousands separators."""
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
