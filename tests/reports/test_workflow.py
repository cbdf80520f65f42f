"""The report life cycle through the services, legal and illegal transitions."""
import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from indicators.models import DistrictResult, Quarter
from reports import services
from reports.models import Report

from .helpers import draft, submitted

pytestmark = pytest.mark.django_db


def test_staff_save_a_draft_of_their_district(kr8308, open_quarter, din_daeng_clerk):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18, narrative="ประชุมชุมชน")
    assert (report.status, report.achieved, report.version) == (Report.Status.DRAFT, 18, 1)
    assert report.history.count() == 1


def test_staff_cannot_create_a_report_for_another_district(kr8308, open_quarter, dusit_clerk):
    with pytest.raises(PermissionDenied):
        draft(kr8308, open_quarter, "1026", dusit_clerk, achieved=1)
    assert not Report.objects.exists()


def test_the_whole_cycle_draft_submit_return_resubmit_approve(kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    assert (report.status, report.submitted_by) == (Report.Status.SUBMITTED, din_daeng_clerk)
    report = services.return_report(report=report, by=reviewer, comment="แนบหลักฐานด้วย")
    assert (report.status, report.review_comment, report.reviewed_by) == (Report.Status.RETURNED, "แนบหลักฐานด้วย", reviewer)
    report = services.save_report(report=report, data={"achieved": 20}, by=din_daeng_clerk, expected_version=report.version)
    report = services.submit_report(report=report, by=din_daeng_clerk)
    assert not DistrictResult.objects.filter(indicator=kr8308).exists()
    report = services.approve_report(report=report, by=reviewer)
    assert report.status == Report.Status.APPROVED
    result = DistrictResult.objects.get(indicator=kr8308, district__code="1026", quarter=open_quarter)
    assert result.achieved == 20
    reasons = list(report.history.order_by("history_date", "history_id").values_list("history_change_reason", "history_user__username"))
    assert reasons == [
        ("draft created", "clerk-dindaeng"), ("submitted", "clerk-dindaeng"), ("returned", "reviewer-sdd"),
        ("draft saved", "clerk-dindaeng"), ("submitted", "clerk-dindaeng"), ("approved", "reviewer-sdd"),
    ]


def test_an_approved_figure_counts_in_the_summary(kr8308, open_quarter, din_daeng_clerk, reviewer):
    from indicators import summaries

    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=20)
    assert summaries.summarise(kr8308, open_quarter).districts_meeting_target == 0
    services.approve_report(report=report, by=reviewer)
    assert summaries.summarise(kr8308, open_quarter).districts_meeting_target == 1


def test_it_rejects_approving_a_draft(kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    with pytest.raises(PermissionDenied):
        services.approve_report(report=report, by=reviewer)
    report.refresh_from_db()
    assert report.status == Report.Status.DRAFT


def test_it_rejects_returning_an_approved_report(kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18), by=reviewer)
    with pytest.raises(PermissionDenied):
        services.return_report(report=report, by=reviewer, comment="x")


def test_staff_cannot_approve_their_own_report(kr8308, open_quarter, din_daeng_clerk):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    with pytest.raises(PermissionDenied):
        services.approve_report(report=report, by=din_daeng_clerk)


def test_a_reviewer_cannot_approve_a_report_they_submitted(kr8308, open_quarter, reviewer):
    from districts.models import District

    District.objects.get(code="1026").staff.add(reviewer)
    report = submitted(kr8308, open_quarter, "1026", reviewer, achieved=18)
    with pytest.raises(PermissionDenied):
        services.approve_report(report=report, by=reviewer)


def test_returning_needs_a_comment(kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    with pytest.raises(ValidationError):
        services.return_report(report=report, by=reviewer, comment="   ")
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED


def test_a_submitted_report_cannot_be_edited_or_submitted_again(kr8308, open_quarter, din_daeng_clerk):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    with pytest.raises(PermissionDenied):
        services.save_report(report=report, data={"achieved": 1}, by=din_daeng_clerk, expected_version=report.version)
    with pytest.raises(PermissionDenied):
        services.submit_report(report=report, by=din_daeng_clerk)


def test_a_locked_quarter_takes_no_edits(kr8308, open_quarter, din_daeng_clerk):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    Quarter.objects.filter(pk=open_quarter.pk).update(status=Quarter.Status.LOCKED)
    report = Report.objects.with_related().get(pk=report.pk)
    with pytest.raises(PermissionDenied):
        services.save_report(report=report, data={"achieved": 19}, by=din_daeng_clerk, expected_version=report.version)
    assert Report.objects.get(pk=report.pk).achieved == 18


def test_submitting_needs_the_figure(kr8308, open_quarter, din_daeng_clerk):
    report = draft(kr8308, open_quarter, "1026", din_daeng_clerk, narrative="ยังไม่มีตัวเลข")
    with pytest.raises(ValidationError) as error:
        services.submit_report(report=report, by=din_daeng_clerk)
    assert "achieved" in error.value.message_dict


def test_the_service_refuses_more_achieved_than_communities(kr8308, open_quarter, din_daeng_clerk):
    with pytest.raises(ValidationError) as error:
        draft(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=23)  # ดินแดง has 22
    assert "achieved" in error.value.message_dict
    assert not Report.objects.exists()


def test_the_service_refuses_more_budget_out_than_allocated(kr8308, open_quarter, din_daeng_clerk):
    from decimal import Decimal

    with pytest.raises(ValidationError):
        draft(kr8308, open_quarter, "1026", din_daeng_clerk, budget_allocated=Decimal(100), budget_disbursed=Decimal(60),
              budget_returned=Decimal(41))


def test_a_lower_cumulative_figure_needs_an_explanation_to_submit(kr8308, open_quarter, din_daeng_clerk, reviewer):
    services.approve_report(report=submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=15), by=reviewer)
    q2 = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=2)
    Quarter.objects.filter(pk=q2.pk).update(status=Quarter.Status.OPEN)
    q2.refresh_from_db()
    report = draft(kr8308, q2, "1026", din_daeng_clerk, achieved=12)
    assert services.warnings_for(report) == ["ตัวเลขสะสม 12 น้อยกว่าไตรมาสก่อน (15)"]
    with pytest.raises(ValidationError) as error:
        services.submit_report(report=report, by=din_daeng_clerk)
    assert "warning_explanation" in error.value.message_dict
    report = services.save_report(report=report, data={"warning_explanation": "ชุมชน 3 แห่งยุบรวม"}, by=din_daeng_clerk,
                                  expected_version=report.version)
    assert services.submit_report(report=report, by=din_daeng_clerk).status == Report.Status.SUBMITTED


def test_bulk_approval_gives_each_report_its_own_history(kr8308, open_quarter, din_daeng_clerk, dusit_clerk, reviewer):
    first = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=18)
    second = submitted(kr8308, open_quarter, "1002", dusit_clerk, achieved=30)
    approved, skipped = services.approve_reports(reports=Report.objects.filter(pk__in=[first.pk, second.pk]), by=reviewer)
    assert (len(approved), skipped) == (2, [])
    for report in (first, second):
        assert report.history.filter(history_change_reason="approved", history_user=reviewer).count() == 1


def test_a_locked_quarters_figures_are_final_no_approval_or_return(client, kr8308, open_quarter, din_daeng_clerk, reviewer):
    report = submitted(kr8308, open_quarter, "1026", din_daeng_clerk, achieved=12)
    Quarter.objects.filter(pk=open_quarter.pk).update(status=Quarter.Status.LOCKED)
    report.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.approve_report(report=report, by=reviewer)
    with pytest.raises(PermissionDenied):
        services.return_report(report=report, by=reviewer, comment="ตัวเลขไม่ตรง")
    client.force_login(reviewer)
    page = client.get(report.get_absolute_url()).content.decode()
    assert "ไตรมาสนี้ปิดแล้ว" in page and 'action="/reports/%d/approve/"' % report.pk not in page
    response = client.post(f"/reports/{report.pk}/approve/", follow=True)
    assert "ไตรมาสนี้ปิดแล้ว" in response.content.decode()
    report.refresh_from_db()
    assert report.status == Report.Status.SUBMITTED
    assert not DistrictResult.objects.filter(district__code="1026", quarter=open_quarter).exists()
    # Reopened by an administrator, the same click approves it.
    Quarter.objects.filter(pk=open_quarter.pk).update(status=Quarter.Status.OPEN)
    client.post(f"/reports/{report.pk}/approve/")
    report.refresh_from_db()
    assert report.status == Report.Status.APPROVED
