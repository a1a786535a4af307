/* pinyin-check: self-check of src/pinyin.c and the generated src/pinyin_data.c.
 * Build and run:
 *   cc -std=c11 -Wall -Wextra -Isrc -o build/pinyin-check tools/pinyin-check.c src/pinyin.c \
 *      src/pinyin_data.c && build/pinyin-check
 * Prints "N passed, M failed" and exits non-zero on a failure. */
#include <stdio.h>
#include <string.h>

#include "pinyin.h"

static int passed, failed;

/* Checks that cp has reading want (want == NULL: that it has no reading at all). With first
 * set, want must be the first (most common) reading. */
static void expect(uint32_t cp, const char *want, int first)
{
    const char *out[PINYIN_MAX_READINGS];
    size_t n = pinyin_readings(cp, out);
    int ok = 0;
    if (want == NULL)
        ok = n == 0;
    else
        for (size_t i = 0; i < n && !ok; i++)
            ok = strcmp(out[i], want) == 0 && (!first || i == 0);
    if (ok) {
        passed++;
        return;
    }
    failed++;
    printf("FAIL U+%04X: want %s%s, got %zu:", (unsigned)cp, want ? want : "(none)",
           first ? " first" : "", n);
    for (size_t i = 0; i < n; i++)
        printf(" %s", out[i]);
    printf("\n");
}

int main(void)
{
    expect(0x8D85, "chao", 1);  /* 超 */
    expect(0x65F6, "shi", 1);   /* 时 */
    expect(0x7F51, "wang", 1);  /* 网 */
    expect(0x5173, "guan", 1);  /* 关 */
    expect(0x884C, "xing", 1);  /* 行 */
    expect(0x884C, "hang", 0);
    expect(0x91CD, "zhong", 1); /* 重 */
    expect(0x91CD, "chong", 0);
    expect(0x7EFF, "lv", 1);    /* 绿 */
    expect(0x5973, "nv", 1);    /* 女 */
    expect(0x627E, "zhao", 1);  /* 找 */
    expect(0x5230, "dao", 1);   /* 到 */
    expect(0x8BF7, "qing", 1);  /* 请 */
    expect(0x6C42, "qiu", 1);   /* 求 */
    expect(0x4E00, "yi", 1);    /* 一: first of the block */
    expect(0x3400, "qiu", 1);   /* 㐀: first of Extension A */
    expect(0x9FA5, "yu", 1);    /* 龥 */
    expect('A', NULL, 0);
    expect(0, NULL, 0);
    expect(0x33FF, NULL, 0);
    expect(0x4DC0, NULL, 0);    /* ䷀ Yijing hexagram, between the blocks */
    expect(0xA000, NULL, 0);
    expect(0x20000, NULL, 0);   /* Extension B: not covered */
    expect(0xFFFFFFFFu, NULL, 0);

    /* Every reading of every covered code point: lowercase ASCII, distinct, at most 4. */
    size_t covered = 0, bad = 0;
    for (uint32_t cp = 0; cp < 0x110000; cp++) {
        const char *out[PINYIN_MAX_READINGS];
        size_t n = pinyin_readings(cp, out);
        if (n == 0)
            continue;
        covered++;
        for (size_t i = 0; i < n; i++) {
            if (out[i] == NULL || out[i][0] == '\0' || strspn(out[i], "abcdefghijklmnopqrstuvwxyz") != strlen(out[i]))
                bad++;
            for (size_t j = 0; j < i; j++)
                if (strcmp(out[i], out[j]) == 0)
                    bad++;
        }
    }
    if (bad == 0 && covered > 20000)
        passed++;
    else {
        failed++;
        printf("FAIL table: %zu code points covered, %zu bad readings\n", covered, bad);
    }
    printf("%zu code points covered, %zu syllables\n", covered, pinyin_syllable_count);
    printf("%d passed, %d failed\n", passed, failed);
    return failed != 0;
}
