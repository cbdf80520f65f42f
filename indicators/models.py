"""Fiscal years and quarters, indicators (the official KR sheet), district targets and results."""
import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from districts.models import District

from . import fiscal
from .locks import LockedFiguresQuerySet


class FiscalYear(models.Model):
    year_be = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), unique=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))

    class Meta:
        ordering = ["-year_be"]
        verbose_name = _("fiscal year")
        verbose_name_plural = _("fiscal years")
        constraints = [
            models.CheckConstraint(condition=Q(year_be__gte=2500, year_be__lte=2700), name="fiscal_year_is_buddhist_era"),
            models.CheckConstraint(condition=Q(start_date__lt=F("end_date")), name="fiscal_year_starts_before_it_ends"),
        ]

    def __str__(self):
        return _("FY %(year)s") % {"year": self.year_be}

    @classmethod
    def get_or_create_year(cls, year_be):
        """The fiscal year `year_be` with its four quarters, created on demand. Each quarter's reporting
        deadline follows the administrator's rule (REPORTING_DEADLINE_DAYS after the quarter ends; it
        can be changed in the admin); a quarter is offered for reporting only once it has begun."""
        from django.conf import settings

        start, end = fiscal.year_bounds(year_be)
        days = datetime.timedelta(days=getattr(settings, "REPORTING_DEADLINE_DAYS", 15))
        with transaction.atomic():
            year, _created = cls.objects.get_or_create(year_be=year_be, defaults={"start_date": start, "end_date": end})
            existing = set(year.quarters.values_list("number", flat=True))
            quarters = []
            for number in range(1, 5):
                if number in existing:
                    continue
                quarter_start, quarter_end = fiscal.quarter_bounds(year_be, number)
                quarters.append(Quarter(fiscal_year=year, number=number, start_date=quarter_start, end_date=quarter_end,
                                        deadline=quarter_end + days))
            Quarter.objects.bulk_create(quarters)
        return year


class Quarter(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        LOCKED = "locked", _("locked")

    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.CASCADE, related_name="quarters", verbose_name=_("fiscal year"))
    number = models.PositiveSmallIntegerField(_("quarter number"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    deadline = models.DateField(_("reporting deadline"), null=True, blank=True)

    class Meta:
        ordering = ["-fiscal_year__year_be", "number"]
        verbose_name = _("quarter")
        verbose_name_plural = _("quarters")
        constraints = [
            models.UniqueConstraint(fields=["fiscal_year", "number"], name="one_quarter_number_per_year"),
            models.CheckConstraint(condition=Q(number__gte=1, number__lte=4), name="quarter_number_1_to_4"),
        ]

    def __str__(self):
        return _("Q%(number)s/%(year)s") % {"number": self.number, "year": self.fiscal_year.year_be}

    @property
    def is_open(self):
        return self.status == self.Status.OPEN

    @property
    def has_begun(self):
        """Reports are written for a quarter that has begun (next year's KRs are set up a year early)."""
        return self.start_date <= datetime.date.today()


class Indicator(models.Model):
    class Kind(models.TextChoices):
        COMMUNITY_SHARE = "community_share", _("share of units in the area")
        DISTRICT_SHARE = "district_share", _("share of district offices")
        AMOUNT = "amount", _("amount")
        SUCCESS_LEVEL = "success_level", _("success level")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("higher is better")
        LOWER = "lower", _("lower is better")

    class Level(models.TextChoices):
        OUTPUT = "output", _("output")
        OUTCOME = "outcome", _("outcome")

    code = models.CharField(_("code"), max_length=20)
    code_is_local = models.BooleanField(
        _("local code"), default=False, help_text=_("The source document gives no official code; this one is ours.")
    )
    fiscal_year = models.ForeignKey(FiscalYear, on_delete=models.PROTECT, related_name="indicators", verbose_name=_("fiscal year"))
    title = models.TextField(_("title"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices, blank=True)
    strategy_dimension = models.CharField(_("strategy dimension"), max_length=300, blank=True)
    strategy_issue = models.CharField(_("strategy issue"), max_length=300, blank=True)
    strategy_goal = models.TextField(_("strategy goal"), blank=True)
    host_agency = models.CharField(_("host agency (H)"), max_length=200)
    responsibility = models.CharField(_("how the work is shared"), max_length=200, blank=True)
    definitions = models.TextField(_("definitions"), blank=True)
    formula = models.TextField(_("formula"), blank=True)
    unit = models.CharField(_("unit"), max_length=50, default="ร้อยละ")
    target_percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2)
    # An amount: the citywide target in the unit, and whether higher or lower is better. A success
    # level: the level (1–5) a district must reach, and what each level means.
    target_value = models.DecimalField(_("target (in the unit, or the level)"), max_digits=14, decimal_places=2,
                                       null=True, blank=True)
    direction = models.CharField(_("better when"), max_length=6, choices=Direction.choices, default=Direction.HIGHER)
    # A share of units in the area: what is counted (ชุมชน, ถนน, คลอง…); `unit` stays the KR sheet's หน่วยนับ.
    counted_unit = models.CharField(_("unit counted in the area"), max_length=50, default="ชุมชน", blank=True)
    level_1 = models.TextField(_("level 1 means"), blank=True)
    level_2 = models.TextField(_("level 2 means"), blank=True)
    level_3 = models.TextField(_("level 3 means"), blank=True)
    level_4 = models.TextField(_("level 4 means"), blank=True)
    level_5 = models.TextField(_("level 5 means"), blank=True)
    reference_documents = models.TextField(_("reference documents"), blank=True)
    reporting_channel = models.TextField(_("reporting channel"), blank=True)
    evaluation_methods = models.TextField(_("evaluation methods"), blank=True)
    coordinator = models.TextField(_("coordinator"), blank=True)
    informant = models.TextField(_("informant"), blank=True)
    source_document = models.CharField(_("source document"), max_length=200, blank=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made up for a demonstration; never official figures.")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-fiscal_year__year_be", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["code", "fiscal_year"], name="indicator_code_unique_per_year"),
            models.CheckConstraint(condition=Q(target_percent__gte=0, target_percent__lte=100), name="indicator_target_is_a_percent"),
        ]

    def __str__(self):
        return f"{self.code} ({self.fiscal_year.year_be}) {self.title}"

    def get_absolute_url(self):
        return reverse("indicators:detail", kwargs={"code": self.code, "year": self.fiscal_year.year_be})

    @property
    def levels(self):
        """[(1, what level 1 means), …, (5, …)] of a success-level KR."""
        return [(number, getattr(self, f"level_{number}")) for number in range(1, 6)]


class ResponsibleAgency(models.Model):
    """A row of the KR sheet's table of agencies: the host (H) or a supporting agency (R)."""

    class Role(models.TextChoices):
        HOST = "H", _("host (H)")
        SUPPORTING = "R", _("supporting (R)")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="agencies", verbose_name=_("indicator"))
    role = models.CharField(_("role"), max_length=1, choices=Role.choices)
    name = models.CharField(_("agency"), max_length=200)
    target_percent = models.DecimalField(_("target (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    duties = models.TextField(_("duties"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["indicator", "order"]
        verbose_name = _("responsible agency")
        verbose_name_plural = _("responsible agencies")

    def __str__(self):
        return f"{self.name} ({self.role})"


class DistrictTarget(models.Model):
    """One row of a year's district target table (seed 000's last table).

    `communities` is the year's denominator, a snapshot: later edits of the community list do
    not change it. Blank `target_communities` means ROUND_HALF_UP(target % × communities).
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="district_targets", verbose_name=_("indicator"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="targets", verbose_name=_("district"))
    row_number = models.PositiveSmallIntegerField(_("row no. in the table"), null=True, blank=True)
    communities = models.PositiveIntegerField(_("communities"), null=True, blank=True)
    target_communities = models.PositiveIntegerField(_("target communities"), null=True, blank=True)
    target_amount = models.DecimalField(_("target (in the unit)"), max_digits=14, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()
    objects = LockedFiguresQuerySet.as_manager()
    figures_locked_by = "indicator__fiscal_year__quarters"  # indicators.locks: any locked quarter of its year

    class Meta:
        ordering = ["indicator", "row_number", "district__code"]
        verbose_name = _("district target")
        verbose_name_plural = _("district targets")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "district"], name="one_target_per_district_and_indicator"),
            models.CheckConstraint(
                condition=Q(target_communities__isnull=True) | Q(communities__isnull=True) | Q(target_communities__lte=F("communities")),
                name="target_communities_not_above_communities",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.district}"


class DistrictResultQuerySet(LockedFiguresQuerySet):
    def reported(self):
        """Results that carry a figure (a count, a yes/no answer, an amount or a level)."""
        return self.filter(models.Q(achieved__isnull=False) | models.Q(answered_yes__isnull=False)
                           | models.Q(amount__isnull=False) | models.Q(level__isnull=False))


class DistrictResult(models.Model):
    """The figure a district's quarter counts with: what dashboards and summaries sum.

    Written by approving a report, by `import_results`, or by the reference data of a past year.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results", verbose_name=_("indicator"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="results", verbose_name=_("district"))
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="results", verbose_name=_("quarter"))
    achieved = models.PositiveIntegerField(_("communities that disbursed (cumulative)"), null=True, blank=True)
    answered_yes = models.BooleanField(_("answered yes"), null=True, blank=True)
    projects = models.PositiveIntegerField(_("projects"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("success level"), null=True, blank=True)

    history = HistoricalRecords()
    objects = DistrictResultQuerySet.as_manager()
    figures_locked_by = "quarter"  # indicators.locks

    class Meta:
        ordering = ["quarter", "district__code"]
        verbose_name = _("district result")
        verbose_name_plural = _("district results")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "district", "quarter"], name="one_result_per_district_quarter"),
            models.CheckConstraint(condition=Q(level__isnull=True) | Q(level__gte=1, level__lte=5),
                                   name="result_level_is_1_to_5"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.district} {self.quarter}"

    def clean(self):
        if self.quarter_id and self.indicator_id and self.quarter.fiscal_year_id != self.indicator.fiscal_year_id:
            raise ValidationError({"quarter": _("The quarter must be in the indicator's fiscal year.")})


class HostReport(models.Model):
    """The host agency's figures and narrative for one quarter (seed 002 §6)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="host_reports", verbose_name=_("indicator"))
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="host_reports", verbose_name=_("quarter"))
    narrative = models.TextField(_("narrative"), blank=True)
    budget_allocated = models.DecimalField(_("budget allocated (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_disbursed = models.DecimalField(_("budget disbursed (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)
    budget_returned = models.DecimalField(_("budget returned (baht)"), max_digits=14, decimal_places=2, null=True, blank=True)

    history = HistoricalRecords()
    objects = LockedFiguresQuerySet.as_manager()
    figures_locked_by = "quarter"  # indicators.locks

    class Meta:
        ordering = ["indicator", "quarter"]
        verbose_name = _("host agency report")
        verbose_name_plural = _("host agency reports")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "quarter"], name="one_host_report_per_quarter"),
            models.CheckConstraint(
                condition=Q(budget_allocated__isnull=True)
                | Q(budget_disbursed__isnull=True)
                | Q(budget_returned__isnull=True)
                | Q(budget_allocated__gte=F("budget_disbursed") + F("budget_returned")),
                name="budget_disbursed_and_returned_within_allocated",
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.quarter}"


class PlannedProjects(models.Model):
    """Projects counted by plan year (seed 002: 343 in FY2563 and 273 in FY2564)."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="planned_projects", verbose_name=_("indicator"))
    plan_year_be = models.PositiveSmallIntegerField(_("plan year (B.E.)"))
    projects = models.PositiveIntegerField(_("projects"))

    class Meta:
        ordering = ["indicator", "plan_year_be"]
        verbose_name = _("projects by plan year")
        verbose_name_plural = _("projects by plan year")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "plan_year_be"], name="one_project_count_per_plan_year"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.plan_year_be}: {self.projects}"


class AnnualReport(models.Model):
    """The host agency's year-end part of the official report (seed 002 §6.5, 7, 8, 9)."""

    indicator = models.OneToOneField(Indicator, on_delete=models.CASCADE, related_name="annual_report", verbose_name=_("indicator"))
    summary = models.TextField(_("year-end summary"), blank=True)
    supporting_factors = models.TextField(_("supporting factors"), blank=True)
    obstacles = models.TextField(_("obstacles"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    reporter_name = models.CharField(_("reporter"), max_length=200, blank=True)
    reporter_position = models.CharField(_("reporter's position"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("annual report of the host agency")
        verbose_name_plural = _("annual reports of the host agency")

    def __str__(self):
        return f"{self.indicator.code} {self.indicator.fiscal_year.year_be}"


class ScoringCriteria(models.Model):
    """A KR's five scoring levels (the performance agreement's ±10 a point), in the KR's unit and its
    good direction: the result scoring 1, 2, 3, 4 and 5. One row for the KR (district empty) and,
    where a district's differ, one for that district."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("indicator"))
    district = models.ForeignKey(District, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                 verbose_name=_("district (empty: every district)"))
    level_1 = models.DecimalField(_("result scoring 1"), max_digits=14, decimal_places=2)
    level_2 = models.DecimalField(_("result scoring 2"), max_digits=14, decimal_places=2)
    level_3 = models.DecimalField(_("result scoring 3"), max_digits=14, decimal_places=2)
    level_4 = models.DecimalField(_("result scoring 4"), max_digits=14, decimal_places=2)
    level_5 = models.DecimalField(_("result scoring 5"), max_digits=14, decimal_places=2)

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator", "district__code"]
        verbose_name = _("scoring criteria")
        verbose_name_plural = _("scoring criteria")
        constraints = [
            models.UniqueConstraint(fields=["indicator", "district"], name="one_criteria_per_indicator_and_district"),
            models.UniqueConstraint(fields=["indicator"], condition=Q(district__isnull=True),
                                    name="one_default_criteria_per_indicator"),
        ]

    def __str__(self):
        return f"{self.indicator.code} {self.district or ''}".strip()

    @property
    def values(self):
        return [self.level_1, self.level_2, self.level_3, self.level_4, self.level_5]

    def clean(self):
        from . import scoring

        problem = scoring.criteria_problem(self.values, self.indicator.direction if self.indicator_id else "higher")
        if problem:
            raise ValidationError(problem)


class AgreementItem(models.Model):
    """A KR of a district's performance agreement (คำรับรองการปฏิบัติราชการ) for one fiscal year:
    its dimension (มิติ) and weight. A district's weights for a year add to 100."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="agreement", verbose_name=_("district"))
    indicator = models.ForeignKey(Indicator, on_delete=models.PROTECT, related_name="agreement_items",
                                  verbose_name=_("indicator"))
    dimension = models.CharField(_("dimension (มิติ)"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["district__code", "order", "pk"]
        verbose_name = _("KR of a performance agreement")
        verbose_name_plural = _("performance agreements")
        constraints = [
            models.UniqueConstraint(fields=["district", "indicator"], name="a_kr_once_in_a_districts_agreement"),
            models.CheckConstraint(condition=Q(weight__gt=0, weight__lte=100), name="agreement_weight_0_to_100"),
        ]

    def __str__(self):
        return f"{self.district} {self.indicator.code} ({self.weight})"


class Assessment(models.Model):
    """The Strategy and Evaluation Department's (สยป.) assessment of a KR's result for a district and a
    quarter, made once the district's report is approved: the result it accepts, in the unit the KR is
    scored in, and why. The scorecard scores the assessed result where there is one and shows the
    reported one beside it; the district sees both and the comment."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("indicator"))
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("district"))
    quarter = models.ForeignKey(Quarter, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("quarter"))
    result = models.DecimalField(_("assessed result"), max_digits=14, decimal_places=2)
    comment = models.TextField(_("evaluator's comment"), blank=True)
    assessed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("assessed by"))
    assessed_at = models.DateTimeField(_("assessed"), auto_now=True)
    history = HistoricalRecords()
    objects = LockedFiguresQuerySet.as_manager()
    figures_locked_by = "quarter"  # indicators.locks: a locked quarter's scores are final, its assessments too

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        permissions = [("assess_report", _("Can record the evaluation department's assessment of approved reports"))]
        constraints = [models.UniqueConstraint(fields=["indicator", "district", "quarter"], name="one_assessment_per_district_quarter")]

    def __str__(self):
        return f"{self.indicator.code} {self.district} {self.quarter}: {self.result}"

