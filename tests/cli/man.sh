#!/bin/sh
# The man pages as man shows them: no troff warnings (a line that cannot be broken, a glyph
# that is missing), no identifier split by hyphenation, and in Chinese no gap after the
# full-width punctuation (a source line break is a space to troff; Chinese has none).
# Skipped where man is not installed.
#   tests/cli/man.sh
set -u
BIN=/bin/true # lib.sh wants one; these tests run man, not httpcodes
. "$(dirname "$0")/../lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
if ! command -v man >/dev/null 2>&1; then
	echo "man.sh: man is not installed; the man pages were not checked"
	exit 0
fi
# A bound: a page that sends troff round in circles (some .cflags do) is a failure, not a hang.
page() { timeout 60 man -l "$@"; }
for p in man/httpcodes.1 man/zh_CN/httpcodes.1; do
	page "$ROOT/$p" 2>&1 >/dev/null | tee "$TMP/err" | grep -c warning >"$TMP/n"
	[ "$(cat "$TMP/n")" -eq 0 ] && ok || bad "$p: man -l gives troff warnings"
	MANWIDTH=80 page "$ROOT/$p" 2>"$TMP/err" >"$TMP/out"
	[ -s "$TMP/out" ] && [ "$(grep -c '‐' "$TMP/out")" -eq 0 ] && ok \
		|| { bad "$p: a word split by hyphenation at 80 columns"; grep -n '‐' "$TMP/out" | head -5; }
done
MANWIDTH=80 page "$ROOT/man/zh_CN/httpcodes.1" 2>/dev/null >"$TMP/out"
! grep -q '[、，。：；）] ' "$TMP/out" && ! grep -q '[^ ] （' "$TMP/out" && ok \
	|| { bad "man/zh_CN/httpcodes.1: a space beside full-width punctuation"; grep -n '[、，。：；）] \|[^ ] （' "$TMP/out" | head -5; }
finish
