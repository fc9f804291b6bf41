#!/usr/bin/env bash
# The fieldgrid command line as a user runs it: exit codes and what it prints.
set -u
bin="$1"
server="${2:-}"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
check() {  # check NAME EXPECTED_EXIT EXPECTED_TEXT -- command...
    local name="$1" want="$2" text="$3"
    shift 4
    out=$("$@" 2>&1)
    code=$?
    if [ "$code" != "$want" ] || ! grep -qF -- "$text" <<<"$out"; then
        echo "FAIL $name: exit $code (want $want), output:"
        echo "$out"
        fail=1
    else
        echo "ok   $name"
    fi
}

check "valid id prints 18 digits" 0 "11010119491001001X" -- "$bin" validate id 110101491001001
check "bad checksum names the rule" 1 "id_no: id.checksum" -- "$bin" validate id 36042619910102009X
check "bad date names the rule" 1 "id.birth_date" -- "$bin" validate id 360426199113010079
check "unknown region names the rule" 1 "id.region" -- "$bin" validate id --type resident_id 990426199112010074
check "uscc valid" 0 "91310115MA1K3BTP2B" -- "$bin" validate uscc 91310115ma1k3btp2b
check "uscc charset" 1 "uscc.charset" -- "$bin" validate uscc 9111000060003IOZSV
check "mobile normalised" 0 "13811211114" -- "$bin" validate mobile "+86 138-1121-1114"
check "mobile invalid" 1 "phone: mobile.format" -- "$bin" validate mobile 12345
check "unknown kind" 2 "unknown kind" -- "$bin" validate vin 123
check "help" 0 "commands:" -- "$bin" --help
for c in demo validate search stats; do
    check "$c --help" 0 "usage: fieldgrid $c" -- "$bin" $c --help
done
check "unknown option" 2 "unknown option --bogus" -- "$bin" stats --bogus 1
check "unknown command" 2 "unknown command" -- "$bin" frobnicate
check "demo builds" 0 "people 2000" -- "$bin" demo --db "$dir/town.db" --persons 2000 --seed 3
check "demo refuses to overwrite" 1 "already holds records" -- "$bin" demo --db "$dir/town.db" --persons 100
check "stats" 0 "person" -- "$bin" stats --db "$dir/town.db"
check "stats bytes per person" 0 "bytes per person" -- "$bin" stats --db "$dir/town.db"
name=$(sqlite3 "$dir/town.db" "SELECT name FROM person ORDER BY id LIMIT 1")
check "search by name" 0 "[person] $name  (name)" -- "$bin" search --db "$dir/town.db" "$name"
id=$(sqlite3 "$dir/town.db" "SELECT id_no FROM person WHERE id_type='resident_id' ORDER BY id LIMIT 1")
check "search by ID shows it masked" 0 "${id:0:4}**********${id:14:4}" -- "$bin" search --db "$dir/town.db" "$id"
check "search paging" 0 "results on this page" -- "$bin" search --db "$dir/town.db" --limit 5 --page 2 wang
check "search missing db" 3 "no such database" -- "$bin" search --db "$dir/none.db" x
echo "not a database" > "$dir/notes.txt"
check "foreign file refused" 3 "not a fieldgrid database" -- "$bin" stats --db "$dir/notes.txt"
[ "$(cat "$dir/notes.txt")" = "not a database" ] || { echo "FAIL foreign file was modified"; fail=1; }
if [ -n "$server" ]; then
    sdb="$dir/server.db"
    check "server help" 0 "fieldgrid-server --db FILE --listen" -- "$server" --help
    check "server needs --db" 2 "--db is required" -- "$server" user list
    check "user add reads the password" 0 "user anna (police) saved" -- \
        bash -c "echo 'long-password' | '$server' user add anna --db '$sdb' --role police --police-area 3101"
    check "short password refused" 1 "at least 8 characters" -- \
        bash -c "echo 'short' | '$server' user add bob --db '$sdb' --role coordinator"
    check "unknown role" 2 "unknown role" -- bash -c "echo 'long-password' | '$server' user add bob --db '$sdb' --role mayor"
    check "user list" 0 "anna" -- "$server" user list --db "$sdb"
    check "user disable" 0 "disabled" -- "$server" user disable anna --db "$sdb"
    check "user list shows disabled" 0 "disabled" -- "$server" user list --db "$sdb"
    check "device list" 0 "" -- "$server" device list --db "$sdb"
    check "revoke unknown device" 1 "no device" -- "$server" device revoke 01900000-0000-7000-8000-000000000000 --db "$sdb"
    check "new epoch" 0 "new epoch" -- "$server" epoch new --db "$sdb"
    n=$(sqlite3 "$sdb" "SELECT count(*) FROM audit WHERE action IN ('user.add','user.disable','device.revoke')")
    [ "$n" -ge 3 ] || { echo "FAIL admin actions not audited ($n)"; fail=1; }
fi
exit $fail
