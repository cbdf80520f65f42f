"""The authentication backend reads a user and their permissions in two queries and answers exactly
as Django's ModelBackend does; a change of permissions or staffing shows on the next page."""
import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from districts.models import District
from okr_tracker.auth_backend import Backend

pytestmark = pytest.mark.django_db


def permissions(backend, user_pk):
    user = backend.get_user(user_pk)
    return backend.get_all_permissions(user)


def test_the_permissions_are_django_s_for_direct_group_inactive_and_superusers(reviewer, din_daeng_clerk, admin_user):
    direct = Permission.objects.get(codename="view_district", content_type__app_label="districts")
    din_daeng_clerk.user_permissions.add(direct)
    both = Group.objects.create(name="both")
    both.permissions.add(direct, Permission.objects.get(codename="review_report"))
    din_daeng_clerk.groups.add(both)
    for user in (reviewer, din_daeng_clerk, admin_user):
        assert permissions(Backend(), user.pk) == permissions(ModelBackend(), user.pk) != set()
    assert "reports.review_report" in permissions(Backend(), reviewer.pk)
    reviewer.is_active = False
    reviewer.save()
    assert Backend().get_user(reviewer.pk) is None
    assert Backend().get_all_permissions(reviewer) == set()


def test_a_page_reads_session_user_and_permissions_in_three_queries(client, reviewer):
    client.force_login(reviewer)
    client.get(reverse("reports:dashboard_index"))
    with CaptureQueriesContext(connection) as captured:
        client.get("/healthz")
    assert len(captured) == 2  # the session, the user with "works for a district"
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("reports:review")).status_code == 200
    permission_reads = [query["sql"] for query in captured if "auth_permission" in query["sql"]]
    assert len(permission_reads) == 1, permission_reads


def test_the_menu_follows_staffing_and_permissions_on_the_next_page(client, din_daeng_clerk, reviewer):
    my_district, dashboard = reverse("reports:mine"), reverse("reports:dashboard_index")
    client.force_login(din_daeng_clerk)
    page = client.get(reverse("indicators:list")).content.decode()
    assert f'href="{my_district}"' in page and f'href="{dashboard}"' not in page
    din_daeng_clerk.districts.clear()
    din_daeng_clerk.groups.add(Group.objects.get(pk=reviewer.groups.get().pk))
    page = client.get(reverse("indicators:list")).content.decode()
    assert f'href="{my_district}"' not in page and f'href="{dashboard}"' in page
    din_daeng_clerk.districts.add(District.objects.get(code="1026"))
    assert f'href="{my_district}"' in client.get(reverse("indicators:list")).content.decode()
