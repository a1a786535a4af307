#!/bin/sh
# make screenshots: real runs of the browser in xterm under Xvfb, with a CJK monospace font,
# captured to PNG in screenshots/. Needs: xvfb xterm fonts-noto-cjk imagemagick xdotool.
#   tools/screenshots.sh BIN OUTDIR
set -eu
BIN=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
OUT=$2
for tool in Xvfb xterm xdotool import; do
	command -v $tool >/dev/null 2>&1 || {
		echo "screenshots: '$tool' is missing; apt-get install xvfb xterm fonts-noto-cjk imagemagick xdotool" >&2
		exit 1
	}
done
mkdir -p "$OUT"
DISPLAY_NUM=:97
Xvfb $DISPLAY_NUM -screen 0 1600x1000x24 -nolisten tcp -noreset >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null' EXIT
export DISPLAY=$DISPLAY_NUM
export XDG_DATA_HOME="$(mktemp -d)" # an empty database: the shots show the built-in data
export XDG_CONFIG_HOME="$(mktemp -d)" # no settings: the theme is the one the terminal's background asks for
sleep 1

# shot NAME COLS ROWS LANG KEYS...: start the browser, type the keys, capture the window.
shot() {
	name=$1 cols=$2 rows=$3 lang=$4
	shift 4
	# BG=light: a white terminal, and the light theme. xterm does not answer OSC 11 while it
	# takes xdotool's sent events, so COLORFGBG says the background, as rxvt and Konsole set it.
	if [ "${BG:-dark}" = light ]; then colors="-bg #ffffff -fg #1d1f21" fgbg="0;15"; else colors="-bg #1d1f21 -fg #d7d7d7" fgbg="15;0"; fi
	# shellcheck disable=SC2086 # the colours are two options each
	xterm -geometry "${cols}x${rows}" -fa 'DejaVu Sans Mono' -fd 'Noto Sans Mono CJK SC' -fs 11 \
		$colors -xrm 'XTerm*allowSendEvents: true' \
		-xrm 'XTerm*cjkWidth: false' -title "httpcodes-$name" \
		-e env LC_ALL=C.UTF-8 COLORFGBG="$fgbg" TERM=xterm-256color HTTPCODES_TODAY=2026-11-22 "$BIN" --lang "$lang" &
	term=$!
	wid=$(xdotool search --sync --name "httpcodes-$name" | head -n 1)
	sleep 1
	for k in "$@"; do
		case $k in
		key:*) xdotool key --window "$wid" "${k#key:}" ;;
		*) xdotool type --window "$wid" --delay 40 "$k" ;;
		esac
		sleep 0.3
	done
	sleep 0.8
	import -window "$wid" "$OUT/$name.png"
	kill $term 2>/dev/null || true
	wait $term 2>/dev/null || true
	echo "screenshots: $OUT/$name.png"
}

shot list 130 36 en 4 key:Down key:Down key:Down key:Down
shot detail-zh 130 36 zh 4 key:Down key:Down key:Down key:Down key:Down key:Down key:Down key:Down key:Down
shot search-zh 130 36 zh / chaoshi
shot business 130 36 en b key:Down key:Return key:Down key:Down key:Down
shot narrow-both 72 30 both / 'access denied'
shot explain 130 36 en x 'HTTP/2 403' key:Return 'server: ESF' key:Return key:Return \
	'{"error":{"code":403,"message":"Cloud Pub/Sub API has not been used in project 480213577096 before or it is disabled.","status":"PERMISSION_DENIED","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"SERVICE_DISABLED","domain":"googleapis.com"}]}}' \
	key:ctrl+d
shot guide 130 36 en w 3
shot guide-leaf-zh 130 36 zh w 3 1 2
# The same screen at 80x24 on a dark and on a light terminal: the link cursor on a header.
shot theme-dark-80x24 80 24 en 4 key:Down key:Down key:Down key:Tab key:Tab
BG=light shot theme-light-80x24 80 24 en 4 key:Down key:Down key:Down key:Tab key:Tab
BG=light shot theme-light-zh 130 36 zh / chaoshi
