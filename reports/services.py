"""Every write to a report: one function per change, keyword-only, named for what it does.

Each checks permission through reports.rules, runs in one transaction, re-reads the row with
select_for_update(), re-checks the status and version there, saves with update_fields, and leaves
a history record (django-simple-history) with who did it and why, all in the same transaction.
"""
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from indicators.models import DistrictResult

from notifications.models import OutboxMessage

from . import notices, rules
from .evidence import name_for
from .models import Evidence, Report

EDITABLE_FIELDS = [
    "achieved", "answered_yes", "projects", "amount", "level", "budget_allocated", "budget_disbursed", "budget_returned",
    "narrative", "obstacles", "supporting_factors", "warning_explanation",
]


class StaleReport(Exception):
    """Someone else saved the report since this user opened it; `current` is what is stored now."""

    def __init__(self, current):
        self.current = current
        super().__init__(_("Someone else saved this report while you were editing it."))


def _locked(report):
    return Report.objects.select_for_update().with_related().get(pk=report.pk)


def _record(report, by, reason):
    report._history_user = by
    report._change_reason = reason


def earlier_reports(report):
    return list(
        Report.objects.filter(
            indicator=report.indicator_id, district=report.district_id, quarter__fiscal_year=report.quarter.fiscal_year_id,
            quarter__number__lt=report.quarter.number,
        ).select_related("quarter")
    )


def warnings_for(report):
    return report.kind.warnings(report, lambda: earlier_reports(report))


@transaction.atomic
def save_report(*, report, data, by, expected_version, relations=None):
    """Create or update a draft (or a returned report). Raises StaleReport on a lost race."""
    if report.pk is None:
        if not rules.can_edit_report(by, report):
            raise PermissionDenied
        report.version = 1  # a new report: a concurrent creation is caught by the unique constraint
        try:
            with transaction.atomic():
                _apply(report, data, by)
                _record(report, by, "draft created")
                report.save()
        except IntegrityError:
            # Another save created the same district's report first: show what it stored.
            current = Report.objects.with_related().get(
                indicator=report.indicator_id, district=report.district_id, quarter=report.quarter_id
            )
            raise StaleReport(current) from None
    else:
        locked = _locked(report)
        if locked.version != expected_version:
            raise StaleReport(locked)
        if not rules.can_edit_report(by, locked):
            raise PermissionDenied
        _apply(locked, data, by)
        locked.version += 1
        _record(locked, by, "draft saved")
        locked.save(update_fields=[*EDITABLE_FIELDS, "version", "updated_by", "updated_at"])
        report = locked
    for name, chosen in (relations or {}).items():  # the kind's many-to-many figures (Kind.form_relations)
        getattr(report, name).set(chosen)
    return report


@transaction.atomic
def save_report_form(*, report, data, by, expected_version, relations=None, evidence=(), submit=False):
    """One clerk's "save" (or "save and submit") of the report form: the figures, each new evidence
    file and, if asked, the submission, in one transaction — a failure anywhere leaves the report as
    it was. A submission that is refused (something missing) keeps the draft and its files and
    returns the reasons: (report, None) or (report, ValidationError of the submission)."""
    saved = save_report(report=report, data=data, by=by, expected_version=expected_version, relations=relations)
    for uploaded_file, content_type in evidence:
        add_evidence(report=saved, by=by, uploaded_file=uploaded_file, content_type=content_type)
    if not submit:
        return saved, None
    try:
        with transaction.atomic():
            return submit_report(report=saved, by=by), None
    except ValidationError as refused:
        return Report.objects.with_related().get(pk=saved.pk), refused


def _apply(report, data, by):
    for name in EDITABLE_FIELDS:
        if name in data:
            setattr(report, name, data[name])
    report.updated_by = by
    validate_figures(report)


@transaction.atomic
def assess_report(*, report, result, comment, by):
    """The evaluator's assessment of an approved report, created or changed (history kept)."""
    from indicators.models import Assessment

    locked = _locked(report)
    if not rules.can_assess_report(by, locked):
        raise PermissionDenied
    where = {"indicator_id": locked.indicator_id, "district_id": locked.district_id, "quarter_id": locked.quarter_id}
    assessment = Assessment.objects.filter(**where).first() or Assessment(**where)
    assessment.result, assessment.comment, assessment.assessed_by = result, comment, by
    assessment._history_user = by
    assessment.save()
    return assessment


def validate_figures(report):
    """The impossible is refused whoever calls: a form, a command or an import."""
    errors = dict(report.kind.validate(report, report.kind.district_figures(report.indicator, report.district)))
    allocated = report.budget_allocated
    spent = (report.budget_disbursed or 0) + (report.budget_returned or 0)
    if spent and (allocated is None or spent > allocated):
        errors["budget_disbursed"] = _("Disbursed + returned is more than allocated.")
    for name in ("achieved", "projects", "amount", "budget_allocated", "budget_disbursed", "budget_returned"):
        value = getattr(report, name)
        if value is not None and value < 0:
            errors[name] = _("Enter a number that is not negative.")
    if errors:
        raise ValidationError(errors)


def missing_for_submission(report):
    """Field names (with Thai messages) that a report needs before it can be submitted."""
    errors = dict(report.kind.missing_for_submission(report))
    if warnings_for(report) and not report.warning_explanation.strip():
        errors["warning_explanation"] = _("Explain the flagged figures in one line before submitting.")
    return errors


@transaction.atomic
def submit_report(*, report, by, expected_version=None):
    locked = _locked(report)
    if expected_version is not None and locked.version != expected_version:
        raise StaleReport(locked)
    if not rules.can_submit_report(by, locked):
        raise PermissionDenied
    if errors := missing_for_submission(locked):
        raise ValidationError(errors)
    locked.status = Report.Status.SUBMITTED
    locked.submitted_at, locked.submitted_by = timezone.now(), by
    locked.version += 1
    _record(locked, by, "submitted")
    locked.save(update_fields=["status", "submitted_at", "submitted_by", "version", "updated_at"])
    notices.report_submitted(report=locked)
    return locked


@transaction.atomic
def approve_report(*, report, by):
    locked = _locked(report)
    if not rules.can_review_report(by, locked):
        raise PermissionDenied
    locked.status = Report.Status.APPROVED
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.review_comment = ""
    locked.version += 1
    _record(locked, by, "approved")
    locked.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "version", "updated_at"])
    # Approved figures are what dashboards count.
    result, _created = DistrictResult.objects.update_or_create(
        indicator_id=locked.indicator_id, district_id=locked.district_id, quarter_id=locked.quarter_id,
        defaults=locked.kind.result_values(locked),
    )
    notices.review_decided(report=locked, kind=OutboxMessage.Kind.APPROVED)
    return locked


@transaction.atomic
def return_report(*, report, by, comment):
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write why the report is returned, so the district can fix it.")})
    locked = _locked(report)
    if not rules.can_review_report(by, locked):
        raise PermissionDenied
    locked.status = Report.Status.RETURNED
    locked.reviewed_at, locked.reviewed_by = timezone.now(), by
    locked.review_comment = comment
    locked.version += 1
    _record(locked, by, "returned")
    locked.save(update_fields=["status", "reviewed_at", "reviewed_by", "review_comment", "version", "updated_at"])
    notices.review_decided(report=locked, kind=OutboxMessage.Kind.RETURNED)
    return locked


def approve_reports(*, reports, by):
    """Approve many reports, each in its own transaction with its own history entry.

    Returns (approved, skipped): a report another reviewer decided on meanwhile is skipped.
    """
    approved, skipped = [], []
    for report in reports:
        try:
            approved.append(approve_report(report=report, by=by))
        except PermissionDenied:
            skipped.append(report)
    return approved, skipped


@transaction.atomic
def add_evidence(*, report, by, uploaded_file, content_type):
    locked = _locked(report)
    if not rules.can_edit_report(by, locked):
        raise PermissionDenied
    name = name_for(uploaded_file.name, content_type)  # the extension of its real type
    evidence = Evidence(report=locked, original_name=name[:255], content_type=content_type,
                        size=uploaded_file.size, uploaded_by=by)
    evidence.file.save(name, uploaded_file, save=False)
    evidence._history_user = by
    evidence.save()
    return evidence


@transaction.atomic
def remove_evidence(*, evidence, by):
    locked = _locked(evidence.report)
    if not rules.can_edit_report(by, locked):
        raise PermissionDenied
    evidence._history_user = by
    stored = evidence.file.name
    evidence.delete()
    transaction.on_commit(lambda: evidence.file.storage.delete(stored))


@transaction.atomic
def save_host_narrative(*, indicator, quarter, data, by):
    """The reviewer writes the host agency's narrative (quarter) and year-end parts (year)."""
    from indicators.models import AnnualReport, HostReport

    if not rules.is_reviewer(by):
        raise PermissionDenied
    host, _created = HostReport.objects.select_for_update().get_or_create(indicator=indicator, quarter=quarter)
    host.narrative = data["narrative"]
    host._history_user = by
    host.save()
    annual, _created = AnnualReport.objects.select_for_update().get_or_create(indicator=indicator)
    for name in ("summary", "supporting_factors", "obstacles", "evidence", "reporter_name", "reporter_position"):
        setattr(annual, name, data[name])
    annual._history_user = by
    annual.save()
    return host, annual
