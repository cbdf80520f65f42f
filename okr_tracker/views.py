from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .middleware import end_all_sessions_of


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
