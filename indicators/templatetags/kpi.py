"""Display helpers: Buddhist Era dates, percentages and counts as the UI shows them."""
from decimal import Decimal

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma
from django.utils.formats import date_format
from django.utils.translation import get_language

from indicators.kinds import kind_of
from okr_tracker.thai import BE_OFFSET, to_thai_digits

register = template.Library()

THAI_MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]


@register.filter
def be_date(value):
    """1 ต.ค. 2567 in Thai, 1 Oct 2567 BE in English: users always see Buddhist Era years."""
    if not value:
        return ""
    if (get_language() or "th").startswith("th"):
        return f"{value.day} {THAI_MONTHS_SHORT[value.month - 1]} {value.year + BE_OFFSET}"
    return f"{date_format(value, 'j M')} {value.year + BE_OFFSET} BE"


@register.filter
def be_datetime(value):
    """15 เม.ย. 2570 14:05 (Bangkok time): a moment, with its Buddhist Era year."""
    if not value:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{be_date(local.date())} {local:%H:%M}"


@register.filter
def pct(value):
    """A Decimal percentage with two decimals; a dash where there is none."""
    if value is None or value == "":
        return "–"
    return f"{Decimal(value):,.2f}"


@register.filter
def num(value):
    if value is None or value == "":
        return "–"
    return intcomma(value, use_l10n=False)


@register.filter
def baht(value):
    if value is None:
        return "–"
    return f"{Decimal(value):,.2f}"


@register.filter
def thai_digits(value):
    return to_thai_digits(value)


@register.filter
def kr_target(indicator):
    """The KR's target as its kind says it (a percent, an amount in its unit, a level)."""
    return kind_of(indicator).target_text(indicator)


@register.filter
def amount(value):
    """An amount as it is counted: 1,250 people, 1,250.50 baht (okr_tracker/numbers.py)."""
    from okr_tracker.numbers import figure

    return figure(value, unit="")


@register.filter
def kind_part(indicator, part):
    """The KR's kind's template for one part of a page: {% include result.indicator|kind_part:"figure_cell" %}."""
    return kind_of(indicator).template(part)
