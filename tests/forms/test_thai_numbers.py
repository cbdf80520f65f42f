"""Numbers as Thai offices type them are read right; what is not clearly a number is refused,
never read as another number."""
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from okr_tracker.forms import ThaiDecimalField, ThaiIntegerField


@pytest.mark.parametrize("typed, value", [("18", 18), ("๑๘", 18), ("1,806", 1806), ("๒,๐๐๔", 2004), (" 12 ", 12)])
def test_whole_numbers_are_read_with_thai_digits_and_separators(typed, value):
    assert ThaiIntegerField().clean(typed) == value


@pytest.mark.parametrize("typed, value", [("1,250,000.50", Decimal("1250000.50")), ("๕๐๐,๐๐๐", Decimal(500000)),
                                          ("220000", Decimal(220000)), ("0.5", Decimal("0.5"))])
def test_amounts_are_read_with_thai_digits_and_separators(typed, value):
    assert ThaiDecimalField(max_digits=14, decimal_places=2).clean(typed) == value


@pytest.mark.parametrize("typed", ["1,2", "12,34", "1,2345", "1e5", "1E5", ",123", "1,,000"])
def test_misplaced_separators_and_exponents_are_refused_not_misread(typed):
    with pytest.raises(ValidationError):
        ThaiIntegerField().clean(typed)
    with pytest.raises(ValidationError):
        ThaiDecimalField(max_digits=14, decimal_places=2).clean(typed)
