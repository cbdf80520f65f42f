from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import AccountForm


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request):
    """The user's own page: e-mail address, language, which notices they get."""
    form = AccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        preferences = form.save()
        translation.activate(preferences.language)
        messages.success(request, _("Saved."))
        response = redirect("account")
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, preferences.language, samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY)
        return response
    return render(request, "accounts/account.html", {"form": form})
