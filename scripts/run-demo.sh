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
