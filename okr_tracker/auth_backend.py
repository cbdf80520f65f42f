"""Django's ModelBackend, with the per-request cost of a logged-in page cut to what it needs.

Every page asks who the user is, what they may do and whether they work for a district (the menu).
Django's backend answers with three queries (the user, the user's permissions, the groups'
permissions) and the menu with a fourth; this one reads the user with "works for a district" in
the same row, and all of the user's permissions, direct or through groups, in one query. The answers
are the same, read afresh on every request (nothing is remembered between requests, so a changed
permission or staffing takes effect on the next page, on every server)."""
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Exists, OuterRef, Q


class Backend(ModelBackend):
    def get_user(self, user_id):
        from districts.models import District

        user_model = get_user_model()
        staff = District.staff.through.objects.filter(user_id=OuterRef("pk"))
        try:
            user = user_model._default_manager.annotate(works_for_a_district=Exists(staff)).get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            if user_obj.is_superuser:
                found = Permission.objects.all()
            else:
                found = Permission.objects.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {f"{app}.{codename}" for app, codename in
                                    found.values_list("content_type__app_label", "codename").order_by().distinct()}
        return user_obj._perm_cache
