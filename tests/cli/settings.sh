#!/bin/sh
# Settings that stay (issue 19): what the browser's L, t and v choose is kept in
# $XDG_CONFIG_HOME/httpcodes/config and read by the next run, the browser's and the command
# line's; HTTPCODES_LANG and LANGUAGE; a settings file with lines it cannot read; OSC 8 links.
#   tests/cli/settings.sh BIN
BIN=$1
. "$(dirname "$0")/../lib.sh"
CFG="$XDG_CONFIG_HOME/httpcodes/config"

# The browser, scripted: keys, and the screen it ends on.
browse() {
	HTTPCODES_SCRIPT="$1" HTTPCODES_SIZE=100x30 HTTPCODES_DUMP="$TMP/screen" "$BIN" >/dev/null 2>&1
}

# ---- the language ------------------------------------------------------------------------
run 404
head -1 "$TMP/out" | grep -qx '404 Not Found' && ok || bad "no settings, C locale: English"
browse 'LL' # English -> both -> Chinese
grep -qx 'lang = zh' "$CFG" && ok || bad "L L in the browser keeps lang = zh in $CFG"
run 404
head -1 "$TMP/out" | grep -q '^404 未找到' && ok || bad "the kept language is the command line's next time"
run --lang en 404
head -1 "$TMP/out" | grep -qx '404 Not Found' && ok || bad "--lang beats the kept language"
HTTPCODES_LANG=en run 404
head -1 "$TMP/out" | grep -qx '404 Not Found' && ok || bad "HTTPCODES_LANG beats the kept language"
browse ''
grep -q '全部类别' "$TMP/screen" && ok || bad "the browser starts in the kept language"
rm -f "$CFG"
LANGUAGE=zh_CN:en run 404
head -1 "$TMP/out" | grep -q '^404 未找到' && ok || bad "LANGUAGE=zh_CN:en gives Chinese"
LANGUAGE=en_US:zh_CN LANG=zh_CN.UTF-8 run 404
head -1 "$TMP/out" | grep -qx '404 Not Found' && ok || bad "LANGUAGE's first of ours decides over LANG"

# ---- theme and layout, kept; other lines of the file kept as they were --------------------
mkdir -p "$(dirname "$CFG")"
printf '# mine\nlang = en\n\n' >"$CFG"
browse 't'
grep -qx 'theme = dark' "$CFG" && grep -qx '# mine' "$CFG" && grep -qx 'lang = en' "$CFG" && ok \
	|| bad "t keeps theme = dark, and the file's other lines"
grep -q 'theme: dark background (kept for next time)' "$TMP/screen" && ok || bad "t says the theme it chose"
browse 'tt'
grep -qx 'theme = mono' "$CFG" && [ "$(grep -c '^theme' "$CFG")" -eq 1 ] && ok || bad "t t: mono, one theme line"
browse 'vv'
grep -qx 'layout = stacked' "$CFG" && ok || bad "v v keeps layout = stacked"
browse ''
grep -q '^────' "$TMP/screen" && ok || bad "the kept layout (stacked) is the next run's at 100 columns"

# ---- a settings file it cannot read whole -------------------------------------------------
printf 'lang = zh\ntheme = blue\ncolour = red\n' >"$CFG"
run 404
head -1 "$TMP/out" | grep -q '^404 未找到' && err_has '设置文件第 2 行：“blue”不是 httpcodes 认识的设置（已忽略）' \
	&& [ $rc -eq 0 ] && ok || bad "a bad line is said once, in the user's language; the good ones still count"
printf 'lang = zh   # zh, en or both\n' >"$CFG"
run 404
head -1 "$TMP/out" | grep -q '^404 未找到' && [ ! -s "$TMP/err" ] && ok || bad "a comment after the value"
printf 'theme = \033[31mx\n' >"$CFG"
run --lang en 404
err_has "line 1: '?[31mx' is not" && ok || bad "a control character in the file is shown as ?"
head -c 3000 /dev/zero | tr '\0' 'x' >"$CFG"
run --lang en 404
[ $rc -eq 0 ] && err_has "line 1:" && ok || bad "a line too long is skipped and said"
rm -f "$CFG"
mkdir -p "$CFG" # a directory where the file should be
run --lang en 404
[ $rc -eq 0 ] && ok || bad "a settings path that is a directory: the defaults"
browse 't'
grep -q 'cannot keep the setting' "$TMP/screen" && ok || bad "t says when the setting cannot be kept"
rmdir "$CFG"

# ---- terminal links (OSC 8) ----------------------------------------------------------------
FORCE_HYPERLINK=1 run --lang en 429
grep -q "$(printf '\033')]8;;https://www.rfc-editor.org/rfc/rfc6585#section-4$(printf '\033')\\\\" "$TMP/out" && ok \
	|| bad "FORCE_HYPERLINK=1: the reference is an OSC 8 link"
grep -q "$(printf '\033')]8;;https://www.rfc-editor.org/rfc/rfc6585$(printf '\033')" "$TMP/out" && ok \
	|| bad "FORCE_HYPERLINK=1: the RFC is an OSC 8 link to the RFC Editor"
TERM_PROGRAM=WezTerm run --lang en 429
! grep -q "$(printf '\033')" "$TMP/out" && ok || bad "not a terminal: no links whatever the terminal"

finish
