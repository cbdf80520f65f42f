"""Accounts from a workbook: the clerks of all 50 districts and the reviewers in one file.

Columns (found by their Thai labels, in any order, under any title rows): ชื่อผู้ใช้, ชื่อ-นามสกุล,
อีเมล, เขต (codes or names, several separated by commas, through the district-name normaliser),
บทบาท (เจ้าหน้าที่เขต or ผู้ตรวจรายงาน). The whole file is checked first: an unknown district, a
user name twice in the file, a bad address or an unknown role is a row error naming row and column,
and nothing is written. A new user gets an invitation mail with a one-time link to set a password;
a user already in the system is updated (name, address, districts, role) and not invited again.

What an import may do is bounded (a helpdesk account must not reach the administrator's through it):
user names and addresses are compared case-insensitively ("Dindaeng" is the account "dindaeng"); it
never creates, changes or demotes a staff or superuser account; it never changes an account that holds
a right the importing user does not hold, nor gives a role with such a right; and an address that is
another account's is refused (a reset link goes to the address).
"""
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext as _

from districts.names import DistrictIndex, UnknownDistrict
from okr_tracker.thai import squash_spaces
from okr_tracker.workbook import Column, WorkbookInvalid, display, normalise_label, read_table, where
from reports.roles import ensure_role_groups

from .links import send_invitation, send_password_reset
from .models import PasswordResetRequest

ACCOUNT_COLUMNS = [
    Column("username", ("ชื่อผู้ใช้", "username"), exact=True),
    Column("full_name", ("ชื่อ-นามสกุล", "ชื่อนามสกุล", "ชื่อ", "name"), required=False),
    Column("email", ("อีเมล", "e-mail", "email")),
    Column("districts", ("เขต", "สำนักงานเขต", "district"), required=False, exact=True),
    Column("role", ("บทบาท", "role")),
]
STAFF, REVIEWER = "staff", "reviewer"
ROLE_WORDS = {normalise_label(word): role for role, words in {
    STAFF: ("เจ้าหน้าที่เขต", "เจ้าหน้าที่สำนักงานเขต", "district staff", "staff"),
    REVIEWER: ("ผู้ตรวจรายงาน", "ผู้ตรวจสอบ", "reviewer"),
}.items() for word in words}


@dataclass
class AccountRow:
    excel_row: int
    username: str
    first_name: str
    last_name: str
    email: str
    role: str
    districts: list


@dataclass
class AccountOutcome:
    problems: list = field(default_factory=list)
    new_users: list = field(default_factory=list)  # usernames
    changed_users: list = field(default_factory=list)
    unchanged_users: list = field(default_factory=list)

    @property
    def ok(self):
        return not self.problems

    @property
    def new(self):
        return len(self.new_users)

    @property
    def changed(self):
        return len(self.changed_users)

    @property
    def unchanged(self):
        return len(self.unchanged_users)


def _problem(table, row, key, reason):
    return _("%(where)s: %(reason)s") % {
        "where": where(table.sheet, row.excel_row, table.headers.get(key, key), display(row.values.get(key))),
        "reason": reason,
    }


def _text(value):
    return squash_spaces(str(value)) if value is not None else ""


def parse_accounts(data):
    """(rows, problems) of an accounts workbook (any format the imports read)."""
    table = read_table(data, ACCOUNT_COLUMNS)
    index, problems, rows, seen = DistrictIndex(), [], [], {}
    for row in table.rows:
        count = len(problems)
        username = _text(row.values.get("username"))
        if not username or len(username) > 150 or not all(char.isalnum() or char in "@.+-_" for char in username):
            problems.append(_problem(table, row, "username", _("a user name of letters, digits and @ . + - _ only")))
        elif username.casefold() in seen:
            problems.append(_problem(table, row, "username", _("appears twice (also row %(row)s)") % {"row": seen[username.casefold()]}))
        else:
            seen[username.casefold()] = row.excel_row
        email = _text(row.values.get("email"))
        try:
            validate_email(email)
        except ValidationError:
            problems.append(_problem(table, row, "email", _("not an e-mail address")))
        role = ROLE_WORDS.get(normalise_label(row.values.get("role")))
        if role is None:
            problems.append(_problem(table, row, "role", _("the role is “เจ้าหน้าที่เขต” or “ผู้ตรวจรายงาน”")))
        districts = []
        for name in filter(None, (part.strip() for part in _text(row.values.get("districts")).replace("،", ",").split(","))):
            try:
                districts.append(index.resolve(name))
            except UnknownDistrict:
                problems.append(_problem(table, row, "districts", _("unknown district “%(name)s” (not one of the 50 districts)")
                                         % {"name": name}))
        if role == STAFF and not districts and len(problems) == count:
            problems.append(_problem(table, row, "districts", _("district staff need at least one district")))
        full_name = _text(row.values.get("full_name"))
        first, _space, last = full_name.partition(" ")
        if len(problems) == count:
            rows.append(AccountRow(row.excel_row, username, first[:150], last[:150], email, role, districts))
    return rows, problems


def _rights(user):
    """The permissions `user` holds ("app.codename"), or None for every right (a superuser, or the
    operator running the command on the server)."""
    if user is None or user.is_superuser:
        return None
    return user.get_all_permissions()


def _group_rights(group):
    return {f"{app}.{codename}" for app, codename in group.permissions.values_list("content_type__app_label", "codename")}


def check_limits(rows, existing, by, groups):
    """Row problems for what the importing user `by` may not do (module docstring)."""
    User = get_user_model()
    rights = _rights(by)
    problems = []
    role_rights = {role: _group_rights(group) for role, group in groups.items()}
    addresses = {}
    for user in User.objects.annotate(address=Lower("email")).filter(
            address__in=[row.email.casefold() for row in rows]).only("username", "email"):
        addresses.setdefault(user.email.casefold(), set()).add(user.username.casefold())
    seen = {}
    for row in rows:
        def problem(key, reason):
            problems.append(_("row %(row)s, column “%(column)s”: %(reason)s")
                            % {"row": row.excel_row, "column": key, "reason": reason})

        user = existing.get(row.username.casefold())
        address = row.email.casefold()
        if address in seen:
            problem(_("e-mail"), _("the address is also on row %(row)s") % {"row": seen[address]})
        seen.setdefault(address, row.excel_row)
        if addresses.get(address, set()) - {row.username.casefold()}:
            problem(_("e-mail"), _("the address is another account's; each account needs its own address"))
        if user is not None and (user.is_staff or user.is_superuser):
            problem(_("user name"), _("“%(name)s” is an administrator's account: an import never changes it (an "
                                      "administrator changes it in the admin)") % {"name": user.username})
            continue
        if rights is None:
            continue
        if not role_rights[row.role] <= rights:
            problem(_("role"), _("the role gives rights your account does not have; an administrator imports it"))
        if user is not None and not user.get_all_permissions() <= rights:
            problem(_("user name"), _("“%(name)s” holds rights your account does not have: an import by you cannot "
                                      "change it") % {"name": user.username})
    return problems


def import_accounts(*, data, file_name, dry_run=False, by=None):
    """Create or update the accounts of the file in one transaction; nothing on any problem.
    `by`: the user importing in the admin (None: the operator running the command)."""
    prefix = f"{file_name}: "
    try:
        rows, problems = parse_accounts(data)
    except WorkbookInvalid as error:
        return AccountOutcome(problems=[prefix + problem for problem in error.problems])
    if problems:
        return AccountOutcome(problems=[prefix + problem for problem in problems])
    outcome = AccountOutcome()
    User = get_user_model()
    with transaction.atomic():
        reviewers, staff = ensure_role_groups()
        existing = {user.username.casefold(): user for user in
                    User.objects.annotate(folded=Lower("username"))
                    .filter(folded__in=[row.username.casefold() for row in rows])
                    .prefetch_related("districts", "groups")}
        if problems := check_limits(rows, existing, by, {STAFF: staff, REVIEWER: reviewers}):
            transaction.set_rollback(True)
            return AccountOutcome(problems=[prefix + problem for problem in problems])
        for row in rows:
            user = existing.get(row.username.casefold())
            group, other = (staff, reviewers) if row.role == STAFF else (reviewers, staff)
            if user is None:
                user = User(username=row.username, first_name=row.first_name, last_name=row.last_name, email=row.email)
                user.set_unusable_password()  # the invitation's link sets it
                user.save()
                user.groups.add(group)
                user.districts.set(row.districts if row.role == STAFF else [])
                send_invitation(user)
                outcome.new_users.append(row.username)
                continue
            before = (user.first_name, user.last_name, user.email, {g.pk for g in user.groups.all()},
                      {d.pk for d in user.districts.all()})
            user.first_name, user.last_name, user.email = row.first_name, row.last_name, row.email
            user.save(update_fields=["first_name", "last_name", "email"])
            user.groups.remove(other)
            user.groups.add(group)
            user.districts.set(row.districts if row.role == STAFF else [])
            after = (user.first_name, user.last_name, user.email, set(user.groups.values_list("pk", flat=True)),
                     set(user.districts.values_list("pk", flat=True)))
            (outcome.changed_users if after != before else outcome.unchanged_users).append(row.username)
        if dry_run:
            transaction.set_rollback(True)  # no account, and so no invitation after commit
    return outcome


# --- "forgotten password" ----------------------------------------------------------------------


def request_password_reset(*, address, client=None):
    """Write the request down, the same way whether an account has this address or not (the page's
    answer and its time tell nobody who has an account), unless the address or the client asked too
    often in the last hour; it is answered after the response (answer_password_resets)."""
    import datetime

    from django.conf import settings
    from django.utils import timezone

    from notifications.services import after_commit

    hour_ago = timezone.now() - datetime.timedelta(hours=1)
    recent = PasswordResetRequest.objects.filter(requested_at__gte=hour_ago)
    if recent.filter(address__iexact=address).count() >= settings.PASSWORD_RESETS_PER_ADDRESS_HOUR:
        return None
    if client and recent.filter(client=client).count() >= settings.PASSWORD_RESETS_PER_CLIENT_HOUR:
        return None
    reset = PasswordResetRequest.objects.create(address=address, client=client)
    after_commit(answer_password_resets)
    return reset


def answer_password_resets():
    """Mail each waiting request's active accounts: a reset link, or, to an account whose password was
    never set (an invitation that expired), a new invitation. Each request is claimed first (several
    workers never answer one twice); requests over a day old are forgotten."""
    import datetime

    from django.utils import timezone

    User = get_user_model()
    now = timezone.now()
    for reset in list(PasswordResetRequest.objects.filter(answered_at__isnull=True).order_by("pk")[:200]):
        with transaction.atomic():
            if not PasswordResetRequest.objects.filter(pk=reset.pk, answered_at__isnull=True).update(answered_at=now):
                continue
            for user in User.objects.filter(email__iexact=reset.address, is_active=True):
                (send_password_reset if user.has_usable_password() else send_invitation)(user)
    PasswordResetRequest.objects.filter(requested_at__lt=now - datetime.timedelta(days=1)).delete()
