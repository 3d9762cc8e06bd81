#!/bin/sh
# Restore the newest backup into a scratch PostgreSQL database and check it: a backup that was
# never restored is a hope, not a backup (docs/deployment.md, "Backups").
set -eu
cd /srv/remedy/app
set -a; . /etc/remedy/remedy.env; set +a
newest=$(ls -1t /srv/remedy/backups/remedy-*.rbk | head -n 1)
scratch=remedy_restore_check
dropdb --if-exists "$scratch"
createdb "$scratch"
trap 'dropdb --if-exists "$scratch"' EXIT
export DATABASE_URL="postgres:///$scratch"
export DATABASE_MIGRATE_URL="postgres:///$scratch"
export MEDIA_ROOT=$(mktemp -d)
.venv/bin/python manage.py migrate --noinput -v0
.venv/bin/python manage.py restore_remedy "$newest" --key-file /etc/remedy/backup.key
.venv/bin/python manage.py verify_access_log
rm -rf "$MEDIA_ROOT"
echo "restore check: $newest restored and verified"
