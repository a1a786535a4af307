#!/bin/sh
# gen-pinyin.sh: generate src/pinyin_data.c, the toneless Mandarin reading table used by
# src/pinyin.c, from the Unihan database (Unihan_Readings.txt).
#
# Usage:  tools/gen-pinyin.sh > src/pinyin_data.c
#         tools/gen-pinyin.sh src/pinyin_data.c        (writes the file only on success)
#
# Input: Debian's unicode-data package (apt-get install unicode-data), which ships
# /usr/share/unicode/Unihan_Readings.txt.bz2 (read with bzcat: apt-get install bzip2).
# Also accepted, found in this order in /usr/share/unicode: Unihan_Readings.txt,
# Unihan_Readings.txt.bz2, Unihan_Readings.txt.gz, Unihan.zip (read with `unzip -p`:
# apt-get install unzip). Set UNIHAN=/path/to/one-of-those to use another copy.
#
# Only POSIX sh and awk (mawk, gawk, busybox awk) are used. The output depends only on the
# input file (no dates, no locale: LC_ALL=C), so the same input gives the same bytes.
#
# Readings kept for each code point of U+3400..U+4DBF (CJK Ext. A) and U+4E00..U+9FFF
# (CJK Unified Ideographs), tones removed, duplicates dropped, at most 4, in this order:
#   1. kMandarin    (the most common reading; a second value is the Taiwan reading),
#   2. kXHC1983     (Xiandai Hanyu Cidian: modern readings),
#   3. kHanyuPinyin (Hanyu Da Zidian: also literary and archaic readings).
# Tone marks are removed; u-umlaut is written v (lv, nv); e-circumflex is written e.
set -eu
LC_ALL=C
export LC_ALL

out=
if [ $# -gt 1 ]; then
    echo "usage: $0 [OUTPUT.c]" >&2
    exit 2
fi
[ $# -eq 1 ] && out=$1

src=${UNIHAN:-}
if [ -z "$src" ]; then
    for f in /usr/share/unicode/Unihan_Readings.txt /usr/share/unicode/Unihan_Readings.txt.bz2 \
             /usr/share/unicode/Unihan_Readings.txt.gz /usr/share/unicode/Unihan.zip; do
        if [ -r "$f" ]; then src=$f; break; fi
    done
fi
if [ -z "$src" ] || [ ! -r "$src" ]; then
    echo "$0: Unihan_Readings.txt not found: apt-get install unicode-data (or set UNIHAN=FILE)" >&2
    exit 1
fi

need() {
    command -v "$1" >/dev/null 2>&1 || { echo "$0: $1 is needed to read $src: $2" >&2; exit 1; }
}
case $src in
    *.zip) need unzip "apt-get install unzip";  reader="unzip -p" ;;
    *.bz2) need bzcat "apt-get install bzip2";  reader=bzcat ;;
    *.gz)  need gzip  "apt-get install gzip";   reader="gzip -dc" ;;
    *)     reader=cat ;;
esac

tmp=
if [ -n "$out" ]; then
    tmp=$out.tmp.$$
    trap 'rm -f "$tmp"' EXIT HUP INT TERM
    exec 3>"$tmp"
else
    exec 3>&1
fi

# A zip holds all Unihan files: extract only the readings.
if [ "$reader" = "unzip -p" ]; then
    unzip -p "$src" Unihan_Readings.txt
else
    $reader "$src"
fi | awk -F '\t' '
function hexval(s,    i, n) {
    n = 0
    for (i = 1; i <= length(s); i++)
        n = n * 16 + index("0123456789ABCDEF", toupper(substr(s, i, 1))) - 1
    return n
}
# Toneless ASCII form of one pinyin syllable written with tone marks.
function toneless(s,    i) {
    for (i = 1; i <= nmap; i++)
        gsub(mapfrom[i], mapto[i], s)
    if (s !~ /^[a-z]+$/) {
        printf "gen-pinyin: cannot remove tones from \"%s\" (U+%04X)\n", s, cp > "/dev/stderr"
        failed = 1
        exit 1
    }
    return s
}
# The toneless readings of field value v, space-separated: "xíng", "0442.080:háng 0460.010:xìng",
# "20811.060:háng,xìng,xíng" all have the form ENTRY[ ENTRY...], ENTRY = [LOCATIONS:]R[,R...].
function readings(v,    e, ne, r, nr, i, j, res) {
    res = ""
    ne = split(v, e, " ")
    for (i = 1; i <= ne; i++) {
        sub(/^.*:/, "", e[i])
        nr = split(e[i], r, ",")
        for (j = 1; j <= nr; j++)
            if (r[j] != "")
                res = res " " toneless(r[j])
    }
    return res
}
BEGIN {
    FIRST = 13312   # U+3400
    LAST  = 40959   # U+9FFF
    PERLINE = 8
    # UTF-8 byte sequences (octal) of the marked letters found in Unihan, and their ASCII.
    m = "\303\240=a \303\241=a \304\201=a \307\216=a \303\242=a \303\244=a " \
        "\303\250=e \303\251=e \304\223=e \304\233=e \303\252=e \341\272\277=e \341\273\201=e " \
        "\303\254=i \303\255=i \304\253=i \307\220=i " \
        "\303\262=o \303\263=o \305\215=o \307\222=o " \
        "\303\271=u \303\272=u \305\253=u \307\224=u " \
        "\307\226=v \307\230=v \307\232=v \307\234=v \303\274=v " \
        "\305\204=n \305\210=n \307\271=n \341\270\277=m " \
        "\314\200= \314\201= \314\204= \314\214="
    nmap = split(m, pairs, " ")
    for (i = 1; i <= nmap; i++) {
        k = index(pairs[i], "=")
        mapfrom[i] = substr(pairs[i], 1, k - 1)
        mapto[i] = substr(pairs[i], k + 1)
    }
    version = ""; date = ""; sawend = 0
}
/^#/ {
    if ($0 ~ /^# Unicode version: /) { version = $0; sub(/^# Unicode version: /, "", version) }
    if ($0 ~ /^# Date: /) { date = $0; sub(/^# Date: /, "", date) }
    if ($0 ~ /^# EOF/) sawend = 1
    next
}
$2 != "kMandarin" && $2 != "kXHC1983" && $2 != "kHanyuPinyin" { next }
{
    cp = hexval(substr($1, 3))
    if (cp < FIRST || cp > LAST) next
    sub(/[ \r]+$/, "", $3)
    raw[cp, $2] = readings($3)
}
END {
    if (failed) exit 1
    if (!sawend || version == "") {
        print "gen-pinyin: input is not a complete Unihan_Readings.txt" > "/dev/stderr"
        exit 1
    }
    # Readings per code point: kMandarin, then kXHC1983, then kHanyuPinyin; distinct, at most 4.
    ncovered = 0
    for (cp = FIRST; cp <= LAST; cp++) {
        all = raw[cp, "kMandarin"] raw[cp, "kXHC1983"] raw[cp, "kHanyuPinyin"]
        if (all == "") continue
        n = split(all, r, " ")
        k = 0
        for (i = 1; i <= n && k < 4; i++) {
            # r[i] "" is a string: split() makes numeric strings, and "nan" would compare as NaN.
            s = r[i] ""
            dup = 0
            for (j = 1; j <= k; j++)
                if (cur[j] == s) dup = 1
            if (dup) continue
            cur[++k] = s
            sel[cp, k] = s
            if (!(s in syl)) { syl[s] = 0; list[++nsyl] = s }
        }
        cnt[cp] = k
        ncovered++
    }
    # Syllables in byte order (insertion sort: a few hundred strings), numbered from 1.
    for (i = 2; i <= nsyl; i++) {
        s = list[i]
        for (j = i - 1; j >= 1 && list[j] > s; j--) list[j + 1] = list[j]
        list[j + 1] = s
    }
    for (i = 1; i <= nsyl; i++) syl[list[i]] = i

    print "/* pinyin_data.c: toneless Mandarin readings of CJK ideographs, for search."
    print " *"
    print " * GENERATED FILE, do not edit. Regenerate with:"
    print " *     tools/gen-pinyin.sh > src/pinyin_data.c"
    printf " * from Unihan_Readings.txt of Unicode %s (Unihan date: %s),\n", version, date
    print " * as shipped by Debian'"'"'s unicode-data package (fields kMandarin, kXHC1983, kHanyuPinyin)."
    print " * Unicode data: (c) Unicode, Inc., under the Unicode License (https://www.unicode.org/license.txt)."
    print " *"
    printf " * %d syllables; %d code points with readings in U+%04X..U+%04X.\n", nsyl, ncovered, FIRST, LAST
    print " */"
    print "#include \"pinyin.h\""
    print ""
    printf "const size_t pinyin_syllable_count = %d;\n", nsyl
    print ""
    print "/* Index 0 means no reading. */"
    printf "const char *const pinyin_syllables[%d] = {\n    \"\",", nsyl + 1
    col = 0
    for (i = 1; i <= nsyl; i++) {
        if (col == 0) printf "\n   "
        printf " \"%s\",", list[i]
        col = (col + 1) % 12
    }
    print "\n};"
    print ""
    print "/* Indices into pinyin_syllables of the readings of U+3400+i, most common first. */"
    print "const uint16_t pinyin_table[PINYIN_TABLE_LAST - PINYIN_TABLE_FIRST + 1][PINYIN_MAX_READINGS] = {"
    for (cp = FIRST; cp <= LAST; cp++) {
        if ((cp - FIRST) % PERLINE == 0) printf "/* %04X */", cp
        k = cnt[cp] + 0
        if (k == 0) e = "{0}"
        else {
            e = "{" syl[sel[cp, 1]]
            for (j = 2; j <= k; j++) e = e "," syl[sel[cp, j]]
            e = e "}"
        }
        printf "%s%s", e, (cp == LAST ? "" : ",")
        if ((cp - FIRST) % PERLINE == PERLINE - 1 || cp == LAST) printf "\n"
    }
    print "};"
}' >&3

if [ -n "$out" ]; then
    exec 3>&-
    mv "$tmp" "$out"
    trap - EXIT HUP INT TERM
fi
