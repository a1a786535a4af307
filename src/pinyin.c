/* pinyin: toneless Mandarin readings of CJK characters, for search. The data is in
 * pinyin_data.c, generated from Unihan by tools/gen-pinyin.sh. */
#include "pinyin.h"

#include <string.h>

size_t pinyin_readings(uint32_t cp, const char *out[PINYIN_MAX_READINGS])
{
    if (cp < PINYIN_TABLE_FIRST || cp > PINYIN_TABLE_LAST)
        return 0;
    const uint16_t *idx = pinyin_table[cp - PINYIN_TABLE_FIRST];
    size_t n = 0;
    while (n < PINYIN_MAX_READINGS && idx[n] != 0 && idx[n] <= pinyin_syllable_count) {
        out[n] = pinyin_syllables[idx[n]];
        n++;
    }
    return n;
}

int pinyin_initials(uint32_t cp, char out[2])
{
    const char *readings[PINYIN_MAX_READINGS];
    size_t n = pinyin_readings(cp, readings);
    int k = 0;
    for (size_t r = 0; r < n && r < 2; r++)
        if (k == 0 || out[0] != readings[r][0])
            out[k++] = readings[r][0];
    return k;
}

/* The first syllable >= s[0..n) (its index in pinyin_syllables); strict also orders a
 * syllable that s[0..n) is a proper prefix of before it. */
static size_t syllable_lower(const char *s, size_t n, int strict)
{
    size_t lo = 1, hi = pinyin_syllable_count + 1;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strncmp(pinyin_syllables[mid], s, n);
        if (c < 0 || (strict && c == 0 && strlen(pinyin_syllables[mid]) < n))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* -1 if s[0..n) is no syllable and no syllable's prefix, 0 if only a prefix, 1 if a syllable. */
static int syllable_match(const char *s, size_t n)
{
    size_t lo = syllable_lower(s, n, 1);
    if (lo > pinyin_syllable_count || strncmp(pinyin_syllables[lo], s, n) != 0)
        return -1;
    return strlen(pinyin_syllables[lo]) == n ? 1 : 0;
}

int pinyin_segment(const char *w, size_t n, int partial_last, size_t *ends, int max)
{
    int best[PINYIN_MAX_WORD + 1];
    size_t from[PINYIN_MAX_WORD + 1];
    int count = 0;

    if (n == 0 || n > PINYIN_MAX_WORD)
        return 0;
    for (size_t i = 0; i <= n; i++)
        best[i] = i ? 1 << 20 : 0;
    for (size_t i = 0; i < n; i++) {
        if (best[i] >= 1 << 20)
            continue;
        for (size_t j = i + 1; j <= n && j - i <= 6; j++) {
            int m = syllable_match(w + i, j - i);
            if (m < 0)
                break;
            if ((m == 1 || (partial_last && j == n)) && best[i] + 1 < best[j]) {
                best[j] = best[i] + 1;
                from[j] = i;
            }
        }
    }
    if (best[n] >= 1 << 20 || best[n] > max)
        return 0;
    count = best[n];
    for (size_t j = n, k = (size_t)count; k > 0; k--) {
        ends[k - 1] = j;
        j = from[j];
    }
    return count;
}

size_t pinyin_completions(const char *s, size_t n, const char **out, size_t max)
{
    size_t count = 0;
    for (size_t k = syllable_lower(s, n, 0);
         k <= pinyin_syllable_count && strncmp(pinyin_syllables[k], s, n) == 0; k++, count++)
        if (count < max)
            out[count] = pinyin_syllables[k];
    return count;
}
