/* tokenize: how text is cut into search tokens, for the index and for queries alike.
 *
 * - A run of letters and digits is a word, lower-cased. Full-width forms are folded first
 *   (IME input: "４０４" is "404", "ＡＢＣ" is "abc").
 * - An identifier is split into its parts at '_', '.', '-', ':', '/' and camelCase boundaries
 *   ("AccessDenied" -> access denied, "Account.Arrearage" -> account arrearage,
 *   "DEADLINE_EXCEEDED" -> deadline exceeded); the parts joined ("accessdenied") are a
 *   colocated token at the first part, so every spelling people type finds it.
 * - Each CJK character (Han, kana, Hangul) is a token of its own. In documents, a Han
 *   character also gets colocated pinyin tokens: each reading (TOK_PINYIN + "chao"), and
 *   the pair of its initial with the next character's (TOK_INITIAL + "cs" for 超时).
 *   The markers keep pinyin apart from English words.
 * - A lean document (a user's index, TOK_LEAN) has the characters without their pinyin: there
 *   the readings are kept once per distinct pair of characters (store_index.c), not at every
 *   place a character occurs, and a pinyin query is made into the characters it can be.
 * - In queries, a word that starts with a marker is taken verbatim (the query builder
 *   writes them; user text never contains control characters by the time it gets here).
 *
 * Offsets are byte offsets into the input; a token's [start, end) always lies inside it. */
#ifndef HTTPCODES_TOKENIZE_H
#define HTTPCODES_TOKENIZE_H

#include <stddef.h>

/* The markers are stored in every index, the built-in one and each user's file: a new value
 * would leave a user's index (built as rows are written, not when the program changes)
 * finding no pinyin. TOK_INITIAL is TEXT_MATCH_ON's byte (text.h), and may be: tokens are
 * never shown, and highlight() marks matches by the tokens' offsets in the shown text. */
#define TOK_PINYIN '\x01'
#define TOK_INITIAL '\x02'
#define TOK_MAX 64 /* longest token, in bytes; longer words are cut */

enum tok_mode { TOK_DOCUMENT, TOK_LEAN, TOK_QUERY };
enum tok_flags { TOK_COLOCATED = 1 };

/* Called for each token; a non-zero return stops tokenizing and is returned. */
typedef int (*tok_fn)(void *ctx, int flags, const char *token, int len, int start, int end);

int tokenize(const char *text, int len, enum tok_mode mode, tok_fn fn, void *ctx);

/* Is the code point one that is a token on its own (Han, kana, Hangul)? */
int tok_is_cjk(unsigned cp);

#endif
