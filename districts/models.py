"""District groups, the 50 district offices, their aliases, communities and staff."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DistrictGroup(models.Model):
    code = models.CharField(_("code"), max_length=20, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("district group")
        verbose_name_plural = _("district groups")

    def __str__(self):
        return self.name_th


class DistrictQuerySet(models.QuerySet):
    def for_user(self, user):
        """The districts whose data `user` may read: all for reviewers, their own for staff."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.has_perm("districts.view_all_districts"):
            return self
        return self.filter(staff=user)


class District(models.Model):
    code = models.CharField(_("official code"), max_length=4, unique=True)
    name_th = models.CharField(_("Thai name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=100, unique=True)
    group = models.ForeignKey(
        DistrictGroup, on_delete=models.PROTECT, related_name="districts", verbose_name=_("district group")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="districts", verbose_name=_("district staff")
    )

    objects = DistrictQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        permissions = [("view_all_districts", _("Can read the data of every district (reviewer)"))]
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=r"^10[0-9]{2}$"), name="district_code_is_10xx"),
        ]

    def __str__(self):
        return self.name_th

    @property
    def office_name(self):
        return f"สำนักงานเขต{self.name_th}"


class DistrictAlias(models.Model):
    """Another spelling of a district seen in source documents (e.g. seed 000's "ราชบุรีบูรณะ")."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="aliases", verbose_name=_("district"))
    alias = models.CharField(_("alias"), max_length=100, unique=True)

    class Meta:
        ordering = ["alias"]
        verbose_name = _("district name alias")
        verbose_name_plural = _("district name aliases")

    def __str__(self):
        return f"{self.alias} → {self.district}"


class CommunityQuerySet(models.QuerySet):
    def counting(self):
        """Communities that count in a denominator (seed 002's definition)."""
        return self.filter(status=Community.Status.ACTIVE)


class Community(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DISSOLVING = "dissolving", _("being dissolved")
        COMMITTEE_INCOMPLETE = "committee_incomplete", _("committee incomplete")

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="communities", verbose_name=_("district")
    )
    name = models.CharField(_("community name"), max_length=200)
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.ACTIVE)

    objects = CommunityQuerySet.as_manager()

    class Meta:
        ordering = ["district__code", "name"]
        verbose_name = _("community")
        verbose_name_plural = pgettext_lazy("the model", "communities")  # not the field "communities" (จำนวนชุมชน)
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="community_name_unique_in_district"),
        ]

    def __str__(self):
        return f"{self.name} ({self.district})"

    @property
    def counts_in_denominator(self):
        return self.status == self.Status.ACTIVE
