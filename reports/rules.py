"""Who may do what with a report: the one place for object-level permission checks.

Views, services, the admin and commands ask these predicates; none of them writes its own `if`.
Reads of another district's report answer 404 (see views), so nothing leaks that it exists.
"""
from .models import Report

EDITABLE_STATUSES = {Report.Status.DRAFT, Report.Status.RETURNED}


def can_read_all_districts(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("districts.view_all_districts"))


def is_reviewer(user):
    return user.is_authenticated and (user.is_superuser or user.has_perm("reports.review_report"))


def staff_district_ids(user):
    """The districts a user works for, read once per request object."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_staff_district_ids"):
        user._staff_district_ids = frozenset(user.districts.values_list("pk", flat=True))
    return user._staff_district_ids


def works_for_a_district(user):
    """For the menu: read with the user by the authentication backend, else asked now."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "works_for_a_district", None)
    return bool(staff_district_ids(user)) if known is None else known


def is_staff_of(user, district):
    return district.pk in staff_district_ids(user)


def can_assess_report(user, report):
    """Evaluators (สยป.) assess a report once it is approved."""
    from .models import Report

    return (user.is_authenticated and (user.is_superuser or user.has_perm("indicators.assess_report"))
            and report.status == Report.Status.APPROVED)


def can_view_report(user, report):
    return can_read_all_districts(user) or is_staff_of(user, report.district)


def can_edit_report(user, report):
    """District staff, while the report is a draft or returned and its quarter is open (and has begun)."""
    return (is_staff_of(user, report.district) and report.status in EDITABLE_STATUSES and report.quarter.is_open
            and report.quarter.has_begun)


can_submit_report = can_edit_report


def can_review_report(user, report):
    """Reviewers decide on submitted reports, but never on one they submitted themselves, and only
    while the quarter is open: a locked quarter's figures are final (an administrator reopens it
    to decide on a report submitted in time)."""
    return (
        is_reviewer(user)
        and report.status == Report.Status.SUBMITTED
        and report.submitted_by_id != user.pk
        and report.quarter.is_open
    )


def waits_for_the_quarter_to_reopen(user, report):
    """A submitted report a reviewer could decide on, were its quarter not locked."""
    return (is_reviewer(user) and report.status == Report.Status.SUBMITTED and report.submitted_by_id != user.pk
            and not report.quarter.is_open)
