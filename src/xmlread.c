/* xmlread: an XML body's leaves through expat, with every kind of entity refused. */
#include "xmlread.h"

#include <expat.h>
#include <string.h>

#include "text.h"

#define MAX_TEXT 4096

struct reader {
	XML_Parser p;
	struct strbuf path;     /* "Error.Code" */
	size_t ends[XMLREAD_MAX_DEPTH + 1];     /* path's length before each open element */
	int depth;
	int has_child[XMLREAD_MAX_DEPTH + 1];
	struct strbuf text;     /* the open element's character data */
	enum xmlread_result result;
	int stopped;            /* fn asked to stop */
	int (*fn)(void *ctx, const char *path, const char *text);
	void *ctx;
};

static void stop(struct reader *r, enum xmlread_result why)
{
	if (r->result == XMLREAD_OK)
		r->result = why;
	XML_StopParser(r->p, XML_FALSE);
}

static void XMLCALL on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct reader *r = data;
	(void)atts;
	if (r->depth >= XMLREAD_MAX_DEPTH) {
		stop(r, XMLREAD_MALFORMED);
		return;
	}
	if (r->depth > 0)
		r->has_child[r->depth] = 1;
	r->ends[++r->depth] = r->path.len;
	r->has_child[r->depth] = 0;
	if (r->path.len)
		strbuf_addch(&r->path, '.');
	strbuf_adds(&r->path, name);
	strbuf_reset(&r->text);
}

static void XMLCALL on_text(void *data, const XML_Char *s, int len)
{
	struct reader *r = data;
	if (len > 0 && r->text.len < MAX_TEXT)
		strbuf_add(&r->text, s, (size_t)len < MAX_TEXT - r->text.len ? (size_t)len : MAX_TEXT - r->text.len);
}

static void XMLCALL on_end(void *data, const XML_Char *name)
{
	struct reader *r = data;
	(void)name;
	if (r->depth <= 0)
		return;
	if (!r->has_child[r->depth] && r->text.len && !r->stopped) {
		const char *b = strbuf_str(&r->text), *e = b + r->text.len;
		while (b < e && (*b == ' ' || *b == '\t' || *b == '\n' || *b == '\r'))
			b++;
		while (e > b && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		if (e > b) {
			struct strbuf v = STRBUF_INIT;
			strbuf_add(&v, b, (size_t)(e - b));
			if (r->fn(r->ctx, strbuf_str(&r->path), strbuf_str(&v))) {
				r->stopped = 1;
				XML_StopParser(r->p, XML_FALSE);
			}
			strbuf_release(&v);
		}
	}
	r->path.len = r->ends[r->depth];
	if (r->path.buf)
		r->path.buf[r->path.len] = '\0';
	r->depth--;
	strbuf_reset(&r->text);
}

/* Any entity declared, general or parameter, internal or external: the document is refused
 * before it could be used (no expansion, no fetch, no "billion laughs"). */
static void XMLCALL on_entity(void *data, const XML_Char *name, int is_param, const XML_Char *value,
			      int value_len, const XML_Char *base, const XML_Char *system_id,
			      const XML_Char *public_id, const XML_Char *notation)
{
	(void)name, (void)is_param, (void)value, (void)value_len, (void)base, (void)system_id;
	(void)public_id, (void)notation;
	stop(data, XMLREAD_ENTITIES);
}

/* A reference to an entity never declared (&foo;) or an external one: refused too. */
static void XMLCALL on_skipped(void *data, const XML_Char *name, int is_param)
{
	(void)name, (void)is_param;
	stop(data, XMLREAD_ENTITIES);
}

enum xmlread_result xmlread_leaves(const char *text, size_t len,
				   int (*fn)(void *ctx, const char *path, const char *text), void *ctx)
{
	struct reader r = { .path = STRBUF_INIT, .text = STRBUF_INIT, .fn = fn, .ctx = ctx };
	enum XML_Status st;

	if (len > 0x7fffffff)
		len = 0x7fffffff;
	r.p = XML_ParserCreate("UTF-8");
	if (!r.p)
		return XMLREAD_NO_MEMORY;
	XML_SetUserData(r.p, &r);
	XML_SetElementHandler(r.p, on_start, on_end);
	XML_SetCharacterDataHandler(r.p, on_text);
	XML_SetEntityDeclHandler(r.p, on_entity);
	XML_SetSkippedEntityHandler(r.p, on_skipped);
	XML_SetParamEntityParsing(r.p, XML_PARAM_ENTITY_PARSING_NEVER);
	st = XML_Parse(r.p, text, (int)len, XML_TRUE);
	if (st == XML_STATUS_ERROR && r.result == XMLREAD_OK && !r.stopped)
		r.result = XML_GetErrorCode(r.p) == XML_ERROR_NO_MEMORY ? XMLREAD_NO_MEMORY : XMLREAD_MALFORMED;
	XML_ParserFree(r.p);
	strbuf_release(&r.path);
	strbuf_release(&r.text);
	return r.result;
}
