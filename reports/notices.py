"""The notices the reporting workflow sends (through the notifications outbox): a decision on a
report to its district's staff; the daily digest of submitted reports to reviewers; deadline
reminders, overdue notices and the list of who has not reported (`send_reminders`)."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from indicators import summaries
from indicators.models import Indicator, Quarter

from notifications.models import OutboxMessage
from notifications.services import queue_mail

from .models import Report
from .rules import is_reviewer


def district_staff(district):
    return district.staff.filter(is_active=True).exclude(email="")


def reviewers():
    User = get_user_model()
    return [user for user in User.objects.filter(is_active=True).exclude(email="")
            .filter(Q(is_superuser=True) | Q(groups__permissions__codename="review_report")
                    | Q(user_permissions__codename="review_report")).distinct()
            if is_reviewer(user)]


def review_decided(*, report, kind):
    """In the decision's transaction: a mail to each of the district's staff who wants it."""
    template = "returned" if kind == OutboxMessage.Kind.RETURNED else "approved"
    for user in district_staff(report.district):
        queue_mail(kind=kind, user=user, template=template, preference="review_notices",
                   context={"report": report})


def report_submitted(*, report):
    """In the submission's transaction: a mail to each reviewer who wants one for every submission."""
    for user in reviewers():
        if user.pk != report.submitted_by_id:
            queue_mail(kind=OutboxMessage.Kind.SUBMITTED, user=user, template="submitted", preference="submission_notices",
                       context={"report": report})


# --- daily: reminders, overdue notices, who has not reported, the reviewers' digest ---------------

RECEIVED = (Report.Status.SUBMITTED, Report.Status.APPROVED)


def missing_reports(quarter):
    """{district: [indicators]} whose report for `quarter` is neither submitted nor approved (nor
    on file from a source document). Demo indicators are never chased."""
    missing = {}
    for indicator in Indicator.objects.filter(fiscal_year=quarter.fiscal_year_id, is_demo=False).order_by("code"):
        received = set(Report.objects.filter(indicator=indicator, quarter=quarter, status__in=RECEIVED)
                       .values_list("district_id", flat=True))
        for row in summaries.summarise(indicator, quarter).districts:
            if row.district.pk not in received and not row.reported:
                missing.setdefault(row.district, []).append(indicator)
    return dict(sorted(missing.items(), key=lambda item: (item[0].group.order, item[0].code)))


def reminder_step(quarter, today):
    """"week" (a week or less before the deadline), "day" (the day before, or the day itself),
    "overdue" (after it), or None. Each step goes once per district and quarter, so a day the
    timer missed is caught up the next day."""
    days = (quarter.deadline - today).days
    if days < 0:
        return "overdue"
    if days <= 1:
        return "day"
    if days <= 7:
        return "week"
    return None


def send_reminders(today):
    """Queue the day's notices; returns (step, quarter, district or None for the reviewers' list, mails
    queued) describing what was queued (for the command)."""
    lines = []
    for quarter in (Quarter.objects.filter(status=Quarter.Status.OPEN, deadline__isnull=False)
                    .select_related("fiscal_year").order_by("fiscal_year__year_be", "number")):
        step = reminder_step(quarter, today)
        if step is None:
            continue
        missing = missing_reports(quarter)
        kind = OutboxMessage.Kind.OVERDUE if step == "overdue" else OutboxMessage.Kind.REMINDER
        for district, indicators in missing.items():
            queued = [queue_mail(kind=kind, user=user, template="overdue" if step == "overdue" else "reminder",
                                 preference="deadline_reminders",
                                 dedupe_key=f"{step}:{quarter.pk}:{district.pk}:{user.pk}",
                                 context={"quarter": quarter, "district": district, "indicators": indicators,
                                          "days": (quarter.deadline - today).days})
                      for user in district_staff(district)]
            lines.append((step, quarter, district, sum(1 for message in queued if message)))
        if step == "overdue" and missing:
            groups = {}
            for district, indicators in missing.items():
                groups.setdefault(district.group, []).append((district, indicators))
            queued = [queue_mail(kind=OutboxMessage.Kind.NOT_REPORTED, user=user, template="not_reported",
                                 preference="deadline_reminders", dedupe_key=f"not_reported:{quarter.pk}:{user.pk}",
                                 context={"quarter": quarter, "groups": groups, "count": len(missing)})
                      for user in reviewers()]
            lines.append(("not_reported", quarter, None, sum(1 for message in queued if message)))
    return lines


def send_digest(today):
    """One mail a day to each reviewer: the reports submitted yesterday (none: no mail)."""
    yesterday = today - datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(yesterday, datetime.time.min))
    submitted = list(Report.objects.filter(submitted_at__gte=start, submitted_at__lt=start + datetime.timedelta(days=1),
                                           status=Report.Status.SUBMITTED)
                     .select_related("indicator", "district", "quarter__fiscal_year")
                     .order_by("indicator__code", "district__code"))
    if not submitted:
        return 0
    count = 0
    for user in reviewers():
        if queue_mail(kind=OutboxMessage.Kind.DIGEST, user=user, template="digest", preference="daily_digest",
                      dedupe_key=f"digest:{yesterday.isoformat()}:{user.pk}",
                      context={"reports": submitted, "day": yesterday}):
            count += 1
    return count
