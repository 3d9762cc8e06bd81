#!/bin/sh
# Validate the shipped deployment files with the real tools, where they are installed:
# `systemd-analyze verify` for the units, `nginx -t` for the site. A missing tool is skipped
# with a note (CI containers rarely have nginx); a present tool that fails fails the check.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
status=0
if command -v systemd-analyze >/dev/null 2>&1; then
    scratch=$(mktemp -d)
    trap 'rm -rf "$scratch"' EXIT
    # The units name /srv/remedy/app/.venv/bin/...; verify checks that executables exist, so
    # the check runs on copies pointing at this checkout's virtualenv.
    root=$(cd "$here/.." && pwd)
    venv=$root/.venv/bin
    for unit in "$here"/systemd/*.service "$here"/systemd/*.timer; do
        sed -e "s#/srv/remedy/app/.venv/bin#$venv#g" -e "s#/srv/remedy/app#$root#g" \
            "$unit" > "$scratch/$(basename "$unit")"
    done
    out=$(cd "$scratch" && SYSTEMD_LOG_LEVEL=warning systemd-analyze verify --man=no ./*.service ./*.timer 2>&1) || status=1
    # Lines about the absent user/paths of the build machine are not errors of the units.
    printf '%s\n' "$out" | grep -v -e "^$" || true
    [ "$status" = 0 ] && echo "systemd units: ok"
else
    echo "systemd-analyze not installed: units not checked"
fi
if command -v nginx >/dev/null 2>&1; then
    site=$(mktemp -d)
    # The certificates exist only on the server: the check uses a throw-away self-signed pair
    # at their place, so that everything else in the site is what nginx really parses.
    openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=remedy.example.org \
        -keyout "$site/privkey.pem" -out "$site/fullchain.pem" >/dev/null 2>&1
    sed "s#/etc/letsencrypt/live/remedy.example.org/#$site/#g" "$here/nginx/remedy.conf" \
        > "$site/remedy.conf"
    printf 'events {}\nhttp {\ninclude %s;\n}\n' "$site/remedy.conf" > "$site/nginx.conf"
    if nginx -t -q -c "$site/nginx.conf" -p "$site"; then echo "nginx: ok"; else status=1; fi
    rm -rf "$site"
else
    echo "nginx not installed: site not checked"
fi
exit $status
