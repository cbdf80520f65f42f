"""Indicator kinds: each kind's rules in one module, behind one small interface (`base.Kind`), the
way Django keeps one class per password hasher. Callers ask an indicator's kind (`kind_of`) for its
rows, totals, report fields, checks, templates and workbook layout; nothing outside this package
tests which kind an indicator is. Adding a kind is one module here, its templates under
templates/indicators/kinds/<code>/, its tests, and a line in KINDS.
"""
from .amount import Amount
from .base import Kind
from .community_share import CommunityShare
from .district_share import DistrictShare
from .success_level import SuccessLevel

KINDS = {kind.code: kind for kind in (CommunityShare(), DistrictShare(), Amount(), SuccessLevel())}


def kind_of(indicator):
    """The Kind of an indicator (or of its code, as stored)."""
    return KINDS[getattr(indicator, "kind", indicator)]


def codes_where(predicate):
    """The kind codes whose Kind satisfies `predicate`, for a query (`kind__in=...`)."""
    return [code for code, kind in KINDS.items() if predicate(kind)]


__all__ = ["KINDS", "Kind", "codes_where", "kind_of"]
