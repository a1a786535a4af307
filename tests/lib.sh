# Shared by the CLI test scripts: a temporary directory, a known environment, and the ways
# to run httpcodes and judge what it did. Sourced with BIN set to the program.
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
unset LANG LC_MESSAGES LANGUAGE
# Never the developer's own database: an empty data home of our own.
export LC_ALL=C.UTF-8 XDG_DATA_HOME="$TMP/data" XDG_CONFIG_HOME="$TMP/config" HTTPCODES_TODAY=2026-11-22
unset HTTPCODES_LANG LANGUAGE COLORFGBG
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; sed 's/^/    | /' "$TMP/err" 2>/dev/null | head -12; }
run() { "$BIN" "$@" >"$TMP/out" 2>"$TMP/err"; rc=$?; } # stdout, stderr and the status
has()     { grep -q -- "$1" "$TMP/out"; }
err_has() { grep -qF -- "$1" "$TMP/err"; }
jqtrue()  { jq -e "$1" "$TMP/out" >/dev/null; }
finish()  { echo "$pass passed, $fail failed"; [ "$fail" -eq 0 ]; }
