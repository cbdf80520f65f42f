"""Sessions end SESSION_ABSOLUTE_SECONDS after login, however active the user is, and after
SESSION_IDLE_SECONDS without a request; the idle clock is renewed by a session write at most every
SESSION_RENEW_SECONDS, so a page view costs no write to the session table."""
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import redirect
from django.utils import translation
from django.utils.translation import gettext as _

from .kept_forms import keep_and_log_in, view_keeps_typing

LOGIN_AT = "login_at"
RENEWED_AT = "renewed_at"


@receiver(user_logged_in)
def remember_login_time(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


class AbsoluteSessionLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            login_at = request.session.get(LOGIN_AT)
            if login_at is None:
                request.session[LOGIN_AT] = int(time.time())
            elif time.time() - login_at > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                if request.method == "POST" and view_keeps_typing(request):
                    return keep_and_log_in(request)  # what was typed comes back after the log-in
                messages.info(request, _("Your session has ended. Please log in again."))
                return redirect(settings.LOGIN_URL)
            now = int(time.time())
            if now - request.session.get(RENEWED_AT, 0) >= settings.SESSION_RENEW_SECONDS:
                request.session[RENEWED_AT] = now  # saved with a new expiry: SESSION_IDLE_SECONDS from now
        return self.get_response(request)


def end_all_sessions_of(user):
    """Log `user` out on every browser: delete each stored session that belongs to them."""
    from django.contrib.sessions.models import Session
    from django.utils import timezone

    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Thai unless the user chose English with the language switch: the browser's own language
    (often English on office PCs) is not a choice the user made."""

    def process_request(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in dict(settings.LANGUAGES):
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = translation.get_language()


CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",  # no inline script anywhere: every script is a file the app serves
    "style-src 'self' 'unsafe-inline'",  # the admin's templates use style attributes
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class ContentSecurityPolicyMiddleware:
    """Everything comes from the app itself (no CDN), and no inline script can run."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


class RefusalMiddleware:
    """A refusal raised below a view (an exception with `shown_to_user`, such as a write into a locked
    quarter found by indicators.locks under an admin action) is said to the user, never a 500: after
    a POST, as a message on the page posted from; otherwise as a 409 page with the message."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not getattr(exception, "shown_to_user", False):
            return None
        words = " ".join(getattr(exception, "messages", None) or [str(exception)])
        if request.method == "POST":
            messages.error(request, words)
            return redirect(request.get_full_path())
        from django.shortcuts import render

        return render(request, "refused.html", {"message": words}, status=409)


class RenamedBackendMiddleware:
    """Sessions outlive an upgrade that renames the log-in backend: a session that names a backend by
    its old path (settings.RENAMED_AUTHENTICATION_BACKENDS) is moved to the new one, instead of every
    user being logged out (and a clerk's open form posted to the log-in page). Runs before the user
    is read from the session."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.contrib.auth import BACKEND_SESSION_KEY

        renamed = getattr(settings, "RENAMED_AUTHENTICATION_BACKENDS", {})
        old = request.session.get(BACKEND_SESSION_KEY)
        if old in renamed:
            request.session[BACKEND_SESSION_KEY] = renamed[old]
        return self.get_response(request)
