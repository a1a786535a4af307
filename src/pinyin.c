/* pinyin: toneless Mandarin readings of CJK characters, for search. The data is in
 * pinyin_data.c, generated from Unihan by tools/gen-pinyin.sh. */
#include "pinyin.h"

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
