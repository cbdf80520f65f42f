#!/usr/bin/env bash
# make loadtest [USERS=200 LOAD_SECONDS=60 DB=postgres|sqlite]: gunicorn on 127.0.0.1, a bounded Locust run on
# loopback, then the database is checked for lost or duplicated reports. Exit status non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
USERS=${USERS:-200}; LOAD_SECONDS=${LOAD_SECONDS:-60}; DB=${DB:-postgres}; PORT=${PORT:-8010}
export DJANGO_DEBUG=0 DJANGO_SECRET_KEY=load-test-secret-key-not-for-production-0123456789 DJANGO_ALLOWED_HOSTS=127.0.0.1
export DJANGO_SSL_REDIRECT=0 DJANGO_SECURE_COOKIES=0 DJANGO_HSTS_SECONDS=0 AXES_FAILURE_LIMIT=1000
if [ "$DB" = postgres ]; then
  if ! command -v pg_ctlcluster >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
  pg_lsclusters -h | grep -q '^15 *main' || pg_createcluster 15 main >/dev/null
  pg_ctlcluster 15 main start 2>/dev/null || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done
  su postgres -c "psql -q -c \"DO \\\$\\\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='okr_load') THEN CREATE ROLE okr_load LOGIN PASSWORD 'okr-load' CREATEDB; END IF; END \\\$\\\$;\""
  su postgres -c "dropdb --if-exists okr_load" && su postgres -c "createdb -O okr_load okr_load"
  export DATABASE_URL=postgres://okr_load:okr-load@127.0.0.1:5432/okr_load
else
  rm -f /tmp/okr-load.sqlite3*
  export DATABASE_URL=sqlite:////tmp/okr-load.sqlite3
fi
.venv/bin/python manage.py migrate -v0
.venv/bin/python manage.py collectstatic --noinput -v0
.venv/bin/python manage.py load_reference_data >/dev/null
.venv/bin/python manage.py prepare_loadtest --staff "$USERS" --reviewers $(( USERS / 10 + 1 ))
.venv/bin/gunicorn okr_tracker.wsgi:application --bind 127.0.0.1:$PORT --workers 4 --threads 4 --timeout 120 --keep-alive 30 \
  --log-level warning > /tmp/okr-load-gunicorn.log 2>&1 &
GUNICORN=$!
trap 'kill $GUNICORN 2>/dev/null || true' EXIT
for _ in $(seq 1 30); do curl -sf http://127.0.0.1:$PORT/healthz >/dev/null && break; sleep 1; done
status=0
.venv-load/bin/locust -f loadtest/locustfile.py --headless --host http://127.0.0.1:$PORT -u "$USERS" -r 10 \
  -t "${LOAD_SECONDS}s" --only-summary --csv /tmp/okr-load --csv-full-history --exit-code-on-error 1 || status=$?
.venv/bin/python loadtest/summary.py /tmp/okr-load_stats.csv /tmp/okr-load_stats_history.csv
.venv/bin/python manage.py check_loadtest || status=1
locked=$(grep -c "database is locked" /tmp/okr-load-gunicorn.log || true)
if [ "$locked" != 0 ]; then echo "\"database is locked\" $locked times in the server log"; status=1
else echo 'no "database is locked" in the server log'; fi
exit $status
