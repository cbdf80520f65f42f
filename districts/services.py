"""Writes that concern people and districts: roles and demo accounts."""
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .models import District

REVIEWER_GROUP = "ผู้ตรวจสอบ สำนักพัฒนาสังคม"
DISTRICT_STAFF_GROUP = "เจ้าหน้าที่สำนักงานเขต"


def ensure_role_groups():
    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    reviewers.permissions.add(Permission.objects.get(codename="view_all_districts", content_type__app_label="districts"))
    staff, _ = Group.objects.get_or_create(name=DISTRICT_STAFF_GROUP)
    return reviewers, staff


# (username, password, role, district codes). Printed by `make run`; for a demo, never production.
DEMO_ACCOUNTS = [
    ("admin", "admin-2568", "admin", []),
    ("reviewer", "reviewer-2568", "reviewer", []),
    ("dindaeng", "dindaeng-2568", "staff", ["1026"]),
    ("dusit", "dusit-2568", "staff", ["1002"]),
]


@transaction.atomic
def create_demo_accounts():
    reviewers, staff = ensure_role_groups()
    User = get_user_model()
    created = []
    for username, password, role, codes in DEMO_ACCOUNTS:
        user, _ = User.objects.get_or_create(username=username)
        user.set_password(password)
        user.is_staff = role == "admin"
        user.is_superuser = role == "admin"
        user.save()
        if role == "reviewer":
            user.groups.add(reviewers)
        if role == "staff":
            user.groups.add(staff)
            user.districts.set(District.objects.filter(code__in=codes))
        created.append((username, password, role, codes))
    return created
