"""Indicator kinds: each kind's rules in one package, behind one interface (`base.Kind`), the way
Django keeps one class per password hasher. Callers ask an indicator's kind (`kind_of`) for its rows,
totals, form fields, checks, templates and workbook layout; nothing outside this package tests which
kind an indicator is. Adding a kind is a package here, its templates under
templates/indicators/kinds/<code>/, a case in tests/contract/cases.py, and a line in KINDS.
"""
from django.db.models import Q

from .amount import Amount
from .base import Kind, TakesNoPart
from .community_share import CommunityShare
from .district_share import DistrictShare
from .success_level import SuccessLevel

KINDS = {kind.code: kind for kind in (CommunityShare(), DistrictShare(), Amount(), SuccessLevel())}


def kind_of(indicator):
    """The Kind of an indicator (or of its code, as stored)."""
    return KINDS[getattr(indicator, "kind", indicator)]


def report_field_names():
    """Every field some kind's district reports (the report form and the results import read these)."""
    return sorted(set().union(*(kind.report_fields for kind in KINDS.values())))


def kind_named(thai_name):
    """The Kind a workbook names by its Thai name ("ร้อยละของหน่วยในพื้นที่"), or None."""
    return next((kind for kind in KINDS.values() if kind.thai_name == thai_name), None)


def with_target_table():
    """A query condition for the KRs whose kind imports a district target table (the admin's import)."""
    return Q(kind__in=[code for code, kind in KINDS.items() if kind.has_target_table])


__all__ = ["KINDS", "Kind", "TakesNoPart", "kind_named", "kind_of", "report_field_names", "with_target_table"]
