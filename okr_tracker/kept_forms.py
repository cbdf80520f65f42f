"""Nothing typed is lost to an ended session (issue 25, finding 4).

A long form (the quarterly report, the host agency's narrative) posted after its session ended (two
hours idle, the absolute limit, a restart that changed the log-in backend) is kept in the new
session, the person is sent to log in, and the form opens again with what they typed, to check and
save: never saved for them (the figures may have moved meanwhile; the form's version check still
applies). Kept server-side rather than in the browser's storage because it needs no script and
works the same on every office PC; files chosen in the form cannot be kept (a browser does not
resend them), and the form says so.
"""
from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import QueryDict
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

SESSION_KEY = "kept_form"
MAX_KEPT_CHARACTERS = 1_000_000


def keeps_typing(view):
    """Outermost decorator of a view whose form is worth keeping across a log-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and not request.user.is_authenticated:
            return keep_and_log_in(request)
        return view(request, *args, **kwargs)

    wrapper.keeps_typing = True
    return wrapper


def view_keeps_typing(request):
    try:
        return getattr(resolve(request.path_info).func, "keeps_typing", False)
    except Resolver404:
        return False


def keep_and_log_in(request):
    """Keep the POST in the (new, anonymous) session and send the person to log in, back here after."""
    data = {key: request.POST.getlist(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    if sum(len(value) for values in data.values() for value in values) <= MAX_KEPT_CHARACTERS:
        request.session[SESSION_KEY] = {"path": request.path, "data": data, "files": bool(request.FILES)}
        messages.info(request, _("Your session had ended. Log in again: what you typed is kept and will be back in "
                                 "the form, not yet saved."))
    return redirect_to_login(request.get_full_path())


def take_kept(request):
    """The POST kept for this page before a log-in (a QueryDict), or None; said once, then gone."""
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("path") != request.path:
        return None
    del request.session[SESSION_KEY]
    data = QueryDict(mutable=True)
    for key, values in kept["data"].items():
        data.setlist(key, values)
    message = _("What you typed before your session ended is back below. Check it, then save: it is not saved yet.")
    if kept.get("files"):
        message += " " + _("Choose the files again: a browser does not keep them.")
    messages.warning(request, message)
    return data
