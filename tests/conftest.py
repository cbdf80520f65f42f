"""Shared fixtures: the seeds' reference data, and the people who use the system."""
import pytest
from django.contrib.auth import get_user_model

from districts.models import District
from reports.roles import ensure_role_groups
from indicators.models import Indicator
from indicators.reference_data import load_reference_data

PASSWORD = "a-long-test-password-2568"


def pytest_collection_modifyitems(items):
    # Browser tests (a live server) and transactional tests empty the database when they end:
    # run them last so the session's reference data serves every other test.
    items.sort(key=lambda item: any(item.get_closest_marker(name) for name in ("browser", "transactional")))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()
        ensure_role_groups()


@pytest.fixture
def kr8308(db):
    return Indicator.objects.select_related("fiscal_year").get(code="8308", fiscal_year__year_be=2568)


@pytest.fixture
def cdp2563(db):
    return Indicator.objects.select_related("fiscal_year").get(code="CDP2563", fiscal_year__year_be=2563)


def _user(username, **extra):
    return get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)


@pytest.fixture
def din_daeng_clerk(db):
    user = _user("clerk-dindaeng")
    user.districts.add(District.objects.get(code="1026"))
    return user


@pytest.fixture
def dusit_clerk(db):
    user = _user("clerk-dusit")
    user.districts.add(District.objects.get(code="1002"))
    return user


@pytest.fixture
def reviewer(db):
    reviewers, _ = ensure_role_groups()
    user = _user("reviewer-sdd")
    user.groups.add(reviewers)
    return user


@pytest.fixture
def admin_user(db):
    return _user("admin-bma", is_staff=True, is_superuser=True)


@pytest.fixture
def open_quarter(kr8308):
    """Q1 of FY2568 opened for reporting (the reference data arrives with past quarters locked)."""
    from indicators.models import Quarter

    quarter = Quarter.objects.get(fiscal_year=kr8308.fiscal_year, number=1)
    quarter.status = Quarter.Status.OPEN
    quarter.save()
    return quarter


@pytest.fixture
def second_reviewer(db):
    reviewers, _ = ensure_role_groups()
    user = _user("reviewer-two")
    user.groups.add(reviewers)
    return user


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # PBKDF2's deliberate slowness is for production; tests create many users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback (aiosmtpd) that the app's mail goes to; `smtp.mailbox` holds
    what it received, `smtp.stop()` / `smtp.start()` take it down and bring it back."""
    from .smtp import SmtpServer

    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, False, 5
    settings.SITE_URL = "https://kpi.example.go.th"
    yield server
    server.stop()


def _open_every_quarter_of(year_be):
    from indicators.models import Quarter

    Quarter.objects.filter(fiscal_year__year_be=year_be).update(status=Quarter.Status.OPEN)


@pytest.fixture
def open_fy2568(db):
    """Every quarter of FY2568 open. The reference data arrives with a past year's quarters locked, and a
    locked quarter's figures (and its year's target table) are final: indicators.locks."""
    _open_every_quarter_of(2568)


@pytest.fixture
def open_fy2563(db):
    """Every quarter of FY2563 (seed 002's year, locked as a past year) open."""
    _open_every_quarter_of(2563)


@pytest.fixture(autouse=True)
def mail_in_the_committing_thread(settings):
    """The tests read the relay right after a commit: mail goes in the committing thread. Production
    sends it in a thread of its own (tests/notifications/test_mail_outside_requests.py tries that)."""
    settings.OUTBOX_DELIVERY = "inline"
