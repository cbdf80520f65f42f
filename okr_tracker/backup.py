"""Backups of the whole database: pg_dump / pg_restore for PostgreSQL, the SQLite backup API for
the embedded default (a consistent copy even while the app is writing)."""
import os
import sqlite3
import subprocess

from django.db import connection


class BackupError(Exception):
    pass


def _pg_args_and_env():
    settings = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    args = ["--host", settings.get("HOST") or "127.0.0.1", "--port", str(settings.get("PORT") or 5432),
            "--username", settings.get("USER") or "", "--dbname", settings["NAME"]]
    return args, env


def _run(command, env, path):
    try:
        result = subprocess.run(command, capture_output=True, text=True, env=env)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian: postgresql-client)") from None
    if result.returncode != 0:
        message = result.stderr.strip().splitlines()[-1] if result.stderr.strip() else f"{command[0]} failed"
        raise BackupError(f"{path}: {message}")


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
    if not os.path.exists(path):
        raise BackupError(f"{path}: no such file")
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        try:
            source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                source.execute("PRAGMA schema_version").fetchone()  # not a database: refused here, nothing replaced
                source.backup(connection.connection)
            finally:
                source.close()
        except (sqlite3.Error, OSError) as error:
            raise BackupError(f"{path}: {error}") from None
    elif connection.vendor == "postgresql":
        args, env = _pg_args_and_env()
        connection.close()  # pg_restore --clean drops tables this connection may hold locks on
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *args, str(path)], env, path)
    else:
        raise BackupError(f"no restore for {connection.vendor}")
