"""Form fields that accept numbers as Thai offices type them: Thai digits, thousands separators."""
from django import forms

from okr_tracker.thai import squash_spaces, to_arabic_digits


def _plain_number(value):
    if isinstance(value, str):
        return squash_spaces(to_arabic_digits(value)).replace(",", "").replace(" ", "")
    return value


class ThaiIntegerField(forms.IntegerField):
    def to_python(self, value):
        return super().to_python(_plain_number(value))


class ThaiDecimalField(forms.DecimalField):
    def to_python(self, value):
        return super().to_python(_plain_number(value))
