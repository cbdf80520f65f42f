"""Backups of the whole database: pg_dump / pg_restore for PostgreSQL, the SQLite backup API for
the embedded default (a consistent copy even while the app is writing).

A restore checks before it replaces: the backup is verified completely first (SQLite: opened
read-only, `PRAGMA integrity_check`, the app's tables and django_migrations present, no migration the
code does not know; PostgreSQL: `pg_restore --list`, then a whole restore into a scratch database and
the same checks there). Only then is the current database copied aside (named in the message, so a
restore can be undone by restoring that copy) and replaced. Any refusal leaves the database as it
was and quotes the tool's own words, decoded whatever their bytes.
"""
import datetime
import os
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.db import connection

# Tables every release of the app has had: a backup without them is not this app's.
CORE_TABLES = {"django_migrations", "auth_user", "districts_district", "indicators_indicator",
               "indicators_quarter", "reports_report"}


class BackupError(Exception):
    pass


def _pg_args_and_env():
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    args = ["--host", settings.get("HOST") or "127.0.0.1", "--port", str(settings.get("PORT") or 5432),
            "--username", settings.get("USER") or "", "--dbname", settings["NAME"]]
    return args, env


def _run(command, env, path):
    """Run a PostgreSQL tool; its own words on failure (bytes decoded without failing: a damaged
    backup's bytes may be in them)."""
    try:
        result = subprocess.run(command, capture_output=True, env=env)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from None
    if result.returncode != 0:
        words = result.stderr.decode("utf-8", "replace").strip()
        lines = [line for line in words.splitlines() if line.strip()]
        message = " / ".join(lines[-3:]) if lines else f"{command[0]} failed"
        raise BackupError(f"{path}: {command[0]}: {message}")
    return result.stdout.decode("utf-8", "replace")


def known_migrations():
    """(app, name) of every migration the code has."""
    from django.db.migrations.loader import MigrationLoader

    return set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)


def check_contents(path, tables, applied):
    """The app's own tables, and no migration newer than the code."""
    missing = CORE_TABLES - set(tables)
    if missing:
        raise BackupError(f"{path}: not a backup of this system (no table {', '.join(sorted(missing))})")
    unknown = sorted(set(applied) - known_migrations())
    if unknown:
        names = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise BackupError(f"{path}: made by a newer release of the system (migrations {names}); "
                          "upgrade the code first, then restore")


def verify_sqlite(path):
    if os.path.getsize(path) == 0:
        raise BackupError(f"{path}: the file is empty")
    try:
        source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            problems = [row[0] for row in source.execute("PRAGMA integrity_check").fetchall()]
            if problems != ["ok"]:
                raise BackupError(f"{path}: the backup is damaged (integrity_check: {'; '.join(problems[:3])})")
            tables = [row[0] for row in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
            applied = (source.execute("SELECT app, name FROM django_migrations").fetchall()
                       if "django_migrations" in tables else [])
        finally:
            source.close()
    except sqlite3.Error as error:
        raise BackupError(f"{path}: {error}") from None
    check_contents(path, tables, applied)


def verify_postgresql(path):
    """pg_restore --list, then a whole restore into a scratch database, checked like a SQLite backup."""
    import psycopg

    if os.path.getsize(path) == 0:
        raise BackupError(f"{path}: the file is empty")
    args, env = _pg_args_and_env()
    _run(["pg_restore", "--list", str(path)], env, path)
    settings_dict = connection.settings_dict
    scratch = f"{settings_dict['NAME']}_restore_check_{os.getpid()}"
    params = {"host": settings_dict.get("HOST") or "127.0.0.1", "port": settings_dict.get("PORT") or 5432,
              "user": settings_dict.get("USER") or "", "password": settings_dict.get("PASSWORD") or "",
              "dbname": settings_dict["NAME"], "autocommit": True}
    try:
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
            admin.execute(f'CREATE DATABASE "{scratch}"')
    except psycopg.Error as error:
        raise BackupError(f"{path}: cannot make a scratch database to check the backup in ({error}); the "
                          "database role needs CREATEDB") from None
    try:
        scratch_args = [*args[:-2], "--dbname", scratch]
        _run(["pg_restore", "--no-owner", "--single-transaction", "--exit-on-error", *scratch_args, str(path)], env, path)
        with psycopg.connect(**{**params, "dbname": scratch}) as restored:
            tables = [row[0] for row in restored.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
            applied = (restored.execute("SELECT app, name FROM django_migrations").fetchall()
                       if "django_migrations" in tables else [])
        check_contents(path, tables, applied)
    finally:
        with psycopg.connect(**params) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


def copy_aside():
    """The current database, backed up before a restore replaces it: (its path)."""
    folder = Path(getattr(settings, "BACKUP_DIR", Path(settings.BASE_DIR) / "backups"))
    folder.mkdir(parents=True, exist_ok=True)
    suffix = ".sqlite3" if connection.vendor == "sqlite" else ".dump"
    path = folder / f"before-restore-{datetime.datetime.now():%Y%m%d-%H%M%S-%f}{suffix}"
    backup(path)
    return path


def backup(path):
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        try:
            target = sqlite3.connect(path)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        except (sqlite3.Error, OSError) as error:
            raise BackupError(f"{path}: {error}") from None
    elif connection.vendor == "postgresql":
        args, env = _pg_args_and_env()
        _run(["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *args], env, path)
    else:
        raise BackupError(f"no backup for {connection.vendor}")


def restore(path):
    """Verify the backup at `path` completely, copy the current database aside, then replace it.
    Returns the path of the copy (restore it to undo)."""
    if not os.path.isfile(path):
        raise BackupError(f"{path}: no such file")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        verify_sqlite(path)
        aside = copy_aside()
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
        except (sqlite3.Error, OSError) as error:
            raise BackupError(f"{path}: {error}") from None
    elif connection.vendor == "postgresql":
        verify_postgresql(path)
        aside = copy_aside()
        args, env = _pg_args_and_env()
        connection.close()  # pg_restore --clean drops tables this connection may hold locks on
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)], env, path)
    else:
        raise BackupError(f"no restore for {connection.vendor}")
    return aside
