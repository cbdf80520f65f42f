"""Authentication for the read API: the browser session, or `Authorization: Token <key>`."""
import hashlib
import secrets
from functools import wraps

from django.http import JsonResponse
from django.utils import timezone

from .models import APIToken


def hash_key(key):
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user, name):
    key = secrets.token_urlsafe(32)
    APIToken.objects.create(user=user, name=name, key_hash=hash_key(key))
    return key


def user_from_token(request):
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "token" or not key.strip():
        return None
    token = APIToken.objects.select_related("user").filter(key_hash=hash_key(key.strip()), user__is_active=True).first()
    if token is None:
        return None
    APIToken.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
    return token.user


def api_view(view):
    """GET only, authenticated by session or token, JSON errors (never an HTML page or a traceback)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return JsonResponse({"error": "method not allowed"}, status=405)
        user = request.user if request.user.is_authenticated else user_from_token(request)
        if user is None:
            response = JsonResponse({"error": "authentication required: log in, or send 'Authorization: Token <key>'"}, status=401)
            response["WWW-Authenticate"] = "Token"
            return response
        request.user = user
        return view(request, *args, **kwargs)

    return wrapper
