#!/usr/bin/env python
"""Django's command-line utility for administrative tasks.

A command's bad input is a CommandError with a clear message (Django prints it). Anything else
that escapes — the database unreachable, a bug — is printed as one line too, not a traceback;
`--traceback` shows the whole of it for whoever is debugging."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "okr_tracker.settings")
    from django.core.management import execute_from_command_line

    if "--traceback" in sys.argv:
        execute_from_command_line(sys.argv)
        return
    try:
        execute_from_command_line(sys.argv)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # noqa: BLE001 — the last line of defence for a user's terminal
        from django.db import DatabaseError

        first_line = (str(error).strip().splitlines() or [type(error).__name__])[0]
        if isinstance(error, DatabaseError):
            message = f"ติดต่อฐานข้อมูลไม่ได้หรือฐานข้อมูลขัดข้อง / database error: {first_line}"
        else:
            message = f"เกิดข้อผิดพลาด / error: {type(error).__name__}: {first_line}"
        sys.stderr.write(f"{message}\n(ดูรายละเอียดทั้งหมดด้วย --traceback / run again with --traceback for details)\n")
        sys.exit(1)


if __name__ == "__main__":
    main()
