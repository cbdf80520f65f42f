"""Figures that are possible but suspicious: the district explains them in one line to submit,
and the reviewer sees the warning beside the figure."""
from django.utils.translation import gettext as _


def previous_achieved(report, earlier_reports):
    """Cumulative figures of the two quarters before `report` in the same year ({number: achieved})."""
    by_number = {other.quarter.number: other.achieved for other in earlier_reports if other.achieved is not None}
    number = report.quarter.number
    previous = by_number.get(number - 1)
    before_previous = 0 if number - 1 == 1 else by_number.get(number - 2)
    return previous, before_previous


def figure_warnings(report, earlier_reports):
    """Warnings (Thai) for a share-of-units report; `earlier_reports()` gives the same district's
    earlier reports of the year (read only when there is something to compare)."""
    if report.achieved is None or report.quarter.number == 1:
        return []
    previous, before_previous = previous_achieved(report, earlier_reports())
    if previous is None:
        return []
    warnings = []
    if report.achieved < previous:
        warnings.append(
            _("The cumulative figure %(now)s is lower than last quarter's %(before)s.") % {"now": report.achieved, "before": previous}
        )
    elif before_previous is not None:
        change, last_change = report.achieved - previous, previous - before_previous
        if last_change > 0 and change > 2 * last_change:
            warnings.append(
                _("This quarter's increase (%(change)s) is more than twice last quarter's (%(last)s).")
                % {"change": change, "last": last_change}
            )
    return warnings
