"""Quarterly reports of the districts and their evidence files.

A report moves draft → submitted → approved, or submitted → returned → submitted again. Only the
functions in reports/services.py change `status`; every change is kept by django-simple-history.
"""
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import Community, District
from indicators.locks import LockedFiguresQuerySet
from indicators.models import Indicator, Quarter


class ReportQuerySet(LockedFiguresQuerySet):
    def for_user(self, user):
        """The reports `user` may read: every one for reviewers, their districts' for staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.has_perm("districts.view_all_districts"):
            return self
        return self.filter(district__staff=user)

    def with_related(self):
        return self.select_related("indicator__fiscal_year", "district__group", "quarter__fiscal_year")


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="reports", verbose_name=_("indicator"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="reports", verbose_name=_("district"))
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="reports", verbose_name=_("quarter"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The version a form carries for a report that does not exist yet: a save from it that finds the
    # report already created (by a colleague's first save) is stale, never an overwrite.
    NO_REPORT_YET = 0

    achieved = models.PositiveIntegerField(_("communities that have disbursed (cumulative)"), null=True, blank=True)
    disbursed_communities = models.ManyToManyField(
        Community, blank=True, related_name="reports", verbose_name=_("which communities have disbursed")
    )
    answered_yes = models.BooleanField(_("done this quarter"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("number of projects"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("success level reached"), null=True, blank=True)
    budget_allocated = models.DecimalField(_("budget allocated (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_disbursed = models.DecimalField(_("budget disbursed (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_returned = models.DecimalField(_("budget returned (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(_("what was done this quarter"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    supporting_factors = models.TextField(_("supporting factors"), blank=True)
    warning_explanation = models.CharField(_("explanation of the flagged figures"), max_length=500, blank=True)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)

    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last saved"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("last saved by")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("submitted by")
    )
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )

    history = HistoricalRecords(m2m_fields=[disbursed_communities])
    objects = ReportQuerySet.as_manager()
    figures_locked_by = "quarter"  # indicators.locks: a locked quarter's reports are final

    class Meta:
        ordering = ["-quarter__fiscal_year__year_be", "-quarter__number", "district__code"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        permissions = [("review_report", _("Can approve or return district reports"))]
        # The review list counts a quarter's reports of a status by KR from this index alone (selectors.ReviewQueue).
        indexes = [models.Index(fields=["quarter", "status", "indicator"], name="report_quarter_status_kr")]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "district", "quarter"], name="one_report_per_district_quarter"),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=5),
                                   name="report_level_is_1_to_5"),
            models.CheckConstraint(
                condition=Q(budget_allocated__isnull=True)
                | Q(budget_disbursed__isnull=True)
                | Q(budget_returned__isnull=True)
                | Q(budget_allocated__gte=F("budget_disbursed") + F("budget_returned")),
                name="report_budget_out_within_allocated",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.district} {self.quarter}"

    def get_absolute_url(self):
        return reverse("reports:detail", kwargs={"pk": self.pk})

    @property
    def kind(self):
        """The indicator's kind (indicators.kinds): which figures this report carries and how they count."""
        from indicators.kinds import kind_of

        return kind_of(self.indicator)


def evidence_path(instance, filename):
    return f"evidence/{instance.report.quarter.fiscal_year.year_be}/{instance.report.district.code}/{instance.report_id}/{filename}"


class Evidence(models.Model):
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("report"))
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by"))

    history = HistoricalRecords()
    objects = LockedFiguresQuerySet.as_manager()
    figures_locked_by = "report__quarter"  # indicators.locks

    class Meta:
        ordering = ["report", "uploaded_at"]
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("reports:evidence", kwargs={"pk": self.pk})
