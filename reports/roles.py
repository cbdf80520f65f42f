"""The two roles as permission groups: reviewers of the Social Development Department, and district staff."""
from django.contrib.auth.models import Group, Permission

REVIEWER_GROUP = "ผู้ตรวจสอบ สำนักพัฒนาสังคม"
DISTRICT_STAFF_GROUP = "เจ้าหน้าที่สำนักงานเขต"
EVALUATOR_GROUP = "ผู้ประเมิน สำนักยุทธศาสตร์และประเมินผล"


def ensure_role_groups():
    reviewers, _ = Group.objects.get_or_create(name=REVIEWER_GROUP)
    reviewers.permissions.add(
        Permission.objects.get(codename="view_all_districts", content_type__app_label="districts"),
        Permission.objects.get(codename="review_report", content_type__app_label="reports"),
    )
    staff, _ = Group.objects.get_or_create(name=DISTRICT_STAFF_GROUP)
    evaluators, _ = Group.objects.get_or_create(name=EVALUATOR_GROUP)  # they read every district, and assess
    evaluators.permissions.add(
        Permission.objects.get(codename="view_all_districts", content_type__app_label="districts"),
        Permission.objects.get(codename="assess_report", content_type__app_label="indicators"),
    )
    return reviewers, staff
