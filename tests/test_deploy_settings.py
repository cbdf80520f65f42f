"""Production settings pass Django's deployment checklist with no warning."""
import os
import subprocess
import sys


def test_check_deploy_reports_nothing_with_production_settings():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key",
           "DJANGO_ALLOWED_HOSTS": "kpi.example.go.th", "SITE_URL": "https://kpi.example.go.th"}
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stdout + result.stderr


PRODUCTION = {"DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "x" * 30 + "-a-long-random-production-secret-key",
              "DJANGO_ALLOWED_HOSTS": "kpi.example.go.th"}


def test_check_deploy_fails_without_the_sites_public_address():
    """Mail links start with SITE_URL (issue 20, finding 17): unset, they would point at 127.0.0.1:8000."""
    env = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    for site_url in (None, "http://127.0.0.1:8000"):
        result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                                capture_output=True, text=True,
                                env={**env, **PRODUCTION, **({"SITE_URL": site_url} if site_url else {})})
        assert result.returncode != 0 and "okr_tracker.E002" in result.stdout + result.stderr


def test_the_language_cookie_is_secure_and_same_site_in_production():
    """Finding 16: the django_language cookie had neither Secure nor SameSite."""
    code = ("from django.test import Client; "
            "response = Client(HTTP_HOST='kpi.example.go.th').post('/i18n/setlang/', {'language': 'en'}, secure=True); "
            "cookie = response.cookies['django_language']; "
            "print(bool(cookie['secure']), cookie['samesite'], bool(cookie['httponly']))")
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], capture_output=True, text=True,
                            env={**os.environ, **PRODUCTION, "SITE_URL": "https://kpi.example.go.th"})
    assert result.stdout.split()[-3:] == ["True", "Lax", "True"], result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": ""}
    result = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env)
    assert result.returncode != 0 and "DJANGO_SECRET_KEY must be set" in result.stderr
