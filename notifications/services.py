"""Queue a notice and send the outbox.

`queue_mail` writes the message in the caller's transaction (nothing is sent if that transaction
rolls back) and asks for delivery once it commits, never inside the user's request: in a thread of
its own (settings.OUTBOX_DELIVERY), the SMTP connection bounded by EMAIL_TIMEOUT. `deliver_due`
sends what is due: each message is claimed with a conditional UPDATE first, so several app servers
(and the systemd timer's `send_outbox`) never send one twice; a mail server that is down or does
not answer leaves the message queued with its error, to be tried again after 1, 2, 4 … 60 minutes,
and ends the run (the next messages are not each made to wait for the same timeout).
"""
import datetime
import logging
import smtplib
import threading

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, connections, transaction
from django.template import engines
from django.utils import timezone, translation

from .models import OutboxMessage, Preferences

logger = logging.getLogger(__name__)
CLAIM = datetime.timedelta(minutes=5)
MAX_BACKOFF_MINUTES = 60


def site_url(path):
    """An absolute link for a mail: the site's public address (SITE_URL) and a path."""
    return settings.SITE_URL.rstrip("/") + path


def render(template, context, language):
    """(subject, body) of notifications/<template>.txt in `language`; the first line is the subject."""
    with translation.override(language):  # plain text: the engine that does not escape for HTML
        text = engines["mail_text"].get_template(f"notifications/{template}.txt").render(
            {**context, "site_url": settings.SITE_URL.rstrip("/")})
    subject, _blank, body = text.strip().partition("\n")
    return " ".join(subject.split()), body.strip() + "\n"


def queue_mail(*, kind, user, template, context, dedupe_key=None, preference=None):
    """Queue one mail to `user` in their language. Nothing for a user without an address, an
    inactive one, or one who turned this notice off (`preference`: a Preferences field name)."""
    if not user.is_active or not user.email:
        return None
    preferences = Preferences.of(user)
    if preference and not getattr(preferences, preference):
        return None
    subject, body = render(template, {**context, "user": user}, preferences.language)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(kind=kind, user=user, to=user.email, subject=subject[:300], body=body,
                                                   dedupe_key=dedupe_key, next_attempt_at=timezone.now())
    except IntegrityError:
        return None  # sent before (same once-only key)
    after_commit(lambda: deliver_due(ids=[message.pk]))
    return message


# Work that `send_outbox` does before sending (apps add theirs in AppConfig.ready: the accounts app
# answers the "forgotten password" requests).
BEFORE_SENDING = []


def after_commit(work):
    """Run `work` once the caller's transaction commits, outside the user's request (module docstring)."""
    mode = settings.OUTBOX_DELIVERY
    if mode == "timer":
        return
    if mode == "inline":
        transaction.on_commit(work)
        return
    transaction.on_commit(lambda: _in_a_thread(work))


def _in_a_thread(work):
    def run():
        try:
            work()
        except Exception:  # logged; what was not sent stays in the outbox for send_outbox
            logger.exception("outbox work after commit failed; send_outbox will try again")
        finally:
            connections.close_all()

    threading.Thread(target=run, name="outbox", daemon=True).start()


# A refusal of this one message (the relay is there and answering); any other error means the relay
# cannot be reached or does not answer, and the run ends.
MESSAGE_REFUSED = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def _claim(message_id, now):
    available = OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True, next_attempt_at__lte=now)
    claimable = available.filter(claimed_until__isnull=True) | available.filter(claimed_until__lt=now)
    return claimable.update(claimed_until=now + CLAIM) == 1


def deliver_due(ids=None, now=None, limit=200):
    """Send due messages (only `ids` if given). Returns (sent, failed). Never raises: a failure
    is recorded on the message and tried again later."""
    now = now or timezone.now()
    due = OutboxMessage.objects.filter(sent_at__isnull=True, next_attempt_at__lte=now).order_by("next_attempt_at")
    if ids is not None:
        due = due.filter(pk__in=ids)
    sent = failed = 0
    connection = None
    try:
        for message_id in list(due.values_list("pk", flat=True)[:limit]):
            if not _claim(message_id, now):
                continue
            message = OutboxMessage.objects.get(pk=message_id)
            try:
                connection = connection or get_connection(fail_silently=False)
                EmailMessage(message.subject, message.body, settings.DEFAULT_FROM_EMAIL, [message.to],
                             connection=connection).send()
            except Exception as error:  # the mail server's problem: record it, try again later
                relay_down = not isinstance(error, MESSAGE_REFUSED)
                if relay_down and connection is not None:
                    try:
                        connection.close()
                    except Exception:  # already broken
                        pass
                connection = None
                message.attempts += 1
                minutes = min(2 ** (message.attempts - 1), MAX_BACKOFF_MINUTES)
                OutboxMessage.objects.filter(pk=message.pk).update(
                    attempts=message.attempts, last_error=f"{error.__class__.__name__}: {error}"[:2000],
                    next_attempt_at=timezone.now() + datetime.timedelta(minutes=minutes), claimed_until=None)
                logger.warning("mail %s to %s not sent (attempt %s): %s", message.pk, message.to, message.attempts, error)
                failed += 1
                if relay_down:
                    break
            else:
                OutboxMessage.objects.filter(pk=message.pk).update(sent_at=timezone.now(), claimed_until=None,
                                                                   attempts=message.attempts + 1, last_error="")
                sent += 1
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken connection: nothing more to do
                pass
    return sent, failed
