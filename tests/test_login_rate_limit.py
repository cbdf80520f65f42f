"""Password guessing is slowed: five wrong passwords lock that username from that address."""
import pytest

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_five_wrong_passwords_lock_the_account_even_for_the_right_one(client, din_daeng_clerk):
    for _ in range(5):
        client.post("/login/", {"username": din_daeng_clerk.username, "password": "guess"})
    response = client.post("/login/", {"username": din_daeng_clerk.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "ใส่รหัสผ่านผิดหลายครั้งเกินไป" in response.content.decode() and "15 นาที" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_right_password_after_a_few_wrong_ones_still_logs_in(client, din_daeng_clerk):
    for _ in range(3):
        client.post("/login/", {"username": din_daeng_clerk.username, "password": "guess"})
    response = client.post("/login/", {"username": din_daeng_clerk.username, "password": PASSWORD})
    assert response.status_code == 302


def test_passwords_are_kept_as_argon2_and_older_hashes_upgrade_at_the_next_log_in(client, settings, din_daeng_clerk):
    from django.contrib.auth.hashers import make_password

    from okr_tracker import settings as project

    settings.PASSWORD_HASHERS = project.PASSWORD_HASHERS
    din_daeng_clerk.password = make_password(PASSWORD, hasher="pbkdf2_sha256")
    din_daeng_clerk.save()
    response = client.post("/login/", {"username": din_daeng_clerk.username, "password": PASSWORD})
    assert response.status_code == 302
    din_daeng_clerk.refresh_from_db()
    assert din_daeng_clerk.password.startswith("argon2$argon2id$")
