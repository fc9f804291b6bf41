#!/usr/bin/env bash
# `make run`: builds the demo town and shows the register at work (stats and a few searches).
set -euo pipefail
BUILD=${BUILD:-build}
DEMO_DIR=${DEMO_DIR:-$BUILD/demo}
PERSONS=${FIELDGRID_DEMO_PERSONS:-20000}
fg="$BUILD/tools/fieldgrid"
mkdir -p "$DEMO_DIR"
db="$DEMO_DIR/town.db"
# The demo file is this script's own output: start it afresh each run.
rm -f "$db" "$db-wal" "$db-shm"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

say "Building a demo town of $PERSONS people"
"$fg" demo --db "$db" --persons "$PERSONS" --seed 1

say "What the register holds"
"$fg" stats --db "$db"

pick() { sqlite3 "$db" "$1"; }
name=$(pick "SELECT name FROM person WHERE length(name) = 3 ORDER BY id LIMIT 1 OFFSET 100")
py=$(pick "SELECT _py FROM person WHERE name = '$name' LIMIT 1")
ini=$(pick "SELECT _ini FROM person WHERE name = '$name' LIMIT 1")
id=$(pick "SELECT id_no FROM person WHERE id_type = 'resident_id' ORDER BY id LIMIT 1 OFFSET 200")
addr=$(pick "SELECT _full FROM address WHERE level = 'building' ORDER BY id LIMIT 1")

say "Search by name: $name"
"$fg" search --db "$db" --limit 5 "$name"
say "Search by pinyin: $py"
"$fg" search --db "$db" --limit 5 "$py"
say "Search by initials: $ini"
"$fg" search --db "$db" --limit 5 "$ini"
say "Search by ID number (shown masked)"
"$fg" search --db "$db" --limit 3 "$id"
say "Search by address: $addr"
"$fg" search --db "$db" --limit 5 "$addr"
say "Search a unit by name: 物业"
"$fg" search --db "$db" --limit 3 --only unit "物业管理"

say "Validators"
"$fg" validate id 110101491001001 || true
"$fg" validate id 36042619910102009X || true
"$fg" validate uscc 91310115MA1K3BTP2B || true
"$fg" validate mobile "+86 138-1121-1114" || true

say "Done: the demo database is $db (try: $fg search --db $db <query>)"

# ---- The central server and a device syncing with it (HTTPS, self-signed certificate) ----
fgs="$BUILD/sync/fieldgrid-server"
PORT=${FIELDGRID_PORT:-18443}
srv_db="$DEMO_DIR/server.db"
dev_db="$DEMO_DIR/device.db"
rm -f "$srv_db"* "$dev_db"*
if [ ! -f "$DEMO_DIR/cert.pem" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj /CN=127.0.0.1 \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$DEMO_DIR/key.pem" -out "$DEMO_DIR/cert.pem" 2>/dev/null
fi
say "Starting fieldgrid-server with the demo town on https://127.0.0.1:$PORT"
"$fgs" --db "$srv_db" --listen "127.0.0.1:$PORT" --tls-cert "$DEMO_DIR/cert.pem" --tls-key "$DEMO_DIR/key.pem" \
    --demo --demo-persons "$PERSONS" 2> "$DEMO_DIR/server.log" &
srv_pid=$!
trap 'kill $srv_pid 2>/dev/null; wait $srv_pid 2>/dev/null' EXIT
for _ in $(seq 1 600); do
    curl -sk "https://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
if ! kill -0 "$srv_pid" 2>/dev/null || ! curl -s --cacert "$DEMO_DIR/cert.pem" "https://127.0.0.1:$PORT/healthz" >/dev/null; then
    echo "fieldgrid-server did not start (is port $PORT taken? set FIELDGRID_PORT):" >&2
    tail -3 "$DEMO_DIR/server.log" >&2
    exit 1
fi
url="https://127.0.0.1:$PORT"

say "The demo coordinator's tablet logs in and pulls its grid"
FIELDGRID_PASSWORD=demo1234 "$fg" sync --db "$dev_db" --server "$url" --ca "$DEMO_DIR/cert.pem" --user coordinator
"$fg" stats --db "$dev_db" | head -6

say "An edit at the door, offline: it waits in the outbox"
pid=$(sqlite3 "$dev_db" "SELECT hex(id) FROM person ORDER BY id LIMIT 1")
pid="${pid:0:8}-${pid:8:4}-${pid:12:4}-${pid:16:4}-${pid:20:12}"
"$fg" edit --db "$dev_db" person "$pid" occupation=快递员 phone=13912345678
"$fg" status --db "$dev_db"

say "Back online: sync"
FIELDGRID_PASSWORD=demo1234 "$fg" sync --db "$dev_db" --server "$url" --ca "$DEMO_DIR/cert.pem" --user coordinator
"$fg" status --db "$dev_db"

say "A bad edit is refused with its reason and changes nothing"
"$fg" edit --db "$dev_db" person "$pid" phone=12345 || true

say "Server metrics"
curl -s --cacert "$DEMO_DIR/cert.pem" "$url/metrics" | grep -E "^fieldgrid_(pushes|pulls|changes_applied|server_seq)"

# ---- The tablet app, logged in as the demo coordinator ----
app="$BUILD/mobile/fieldgrid-app"
app_env=(FIELDGRID_DB="$DEMO_DIR/app.db" FIELDGRID_SERVER="$url" FIELDGRID_CA="$DEMO_DIR/cert.pem"
         FIELDGRID_USER=coordinator FIELDGRID_PASSWORD=demo1234)
rm -f "$DEMO_DIR/app.db"*
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    say "Opening the tablet app as the demo coordinator (close the window to stop)"
    env "${app_env[@]}" "$app"
else
    say "No display: the app runs headless once to show it starts, logs in and syncs"
    env "${app_env[@]}" QT_QPA_PLATFORM=offscreen FIELDGRID_EXIT_AT_HOME=synced "$app"
    "$fg" stats --db "$DEMO_DIR/app.db" | sed -n 1,6p
    echo "To see the app, run it under a virtual display:  xvfb-run -a make run"
    echo "or on a desktop session (DISPLAY set): make run"
    if [ -t 0 ]; then
        say "Server running at $url (accounts: coordinator, gridleader, police, informant, office, admin; password demo1234). Ctrl-C stops it."
        wait $srv_pid
    fi
fi
say "Done."
