import logging
import secrets

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseServerError
from django.shortcuts import redirect
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import end_all_sessions_of

logger = logging.getLogger("okr_tracker.errors")


@login_required
@require_POST
def logout_everywhere(request):
    user = request.user
    logout(request)
    end_all_sessions_of(user)
    messages.info(request, _("You are logged out on every computer."))
    return redirect("login")


def healthz(request):
    """For load balancers and the benchmarks' baseline: answers without touching the database."""
    from django.http import HttpResponse

    return HttpResponse("ok", content_type="text/plain")


def server_error(request):
    """The 500 page, with a reference the user can read out to IT; the same reference is logged just
    before Django logs the traceback, so one search in the server log finds it. Renders without the
    request context: the database may be what failed."""
    reference = secrets.token_hex(4).upper()
    logger.error("error reference %s: %s %s", reference, request.method, request.path)
    html = loader.get_template("500.html").render({"reference": reference})
    return HttpResponseServerError(html)
