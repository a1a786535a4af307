/* xmlread: the leaves of an XML document (an error body: <Error><Code>NoSuchKey</Code>...),
 * read with expat. No entity is ever expanded or fetched: a document that declares one is
 * refused whole, as are documents nested deeper than XMLREAD_MAX_DEPTH. */
#ifndef HTTPCODES_XMLREAD_H
#define HTTPCODES_XMLREAD_H

#include <stddef.h>

#define XMLREAD_MAX_DEPTH 64

enum xmlread_result {
	XMLREAD_OK,
	XMLREAD_MALFORMED,      /* not well-formed, or nested too deep */
	XMLREAD_ENTITIES,       /* declares an entity: refused */
	XMLREAD_NO_MEMORY,
};

/* fn(ctx, path, text) for every element that holds text and no element, in document order:
 * path is the elements' names from the root joined by '.' ("Error.Code"), text its character
 * data with blanks trimmed (at most 4 KB of it). fn returns nonzero to stop. */
enum xmlread_result xmlread_leaves(const char *text, size_t len,
				   int (*fn)(void *ctx, const char *path, const char *text), void *ctx);

#endif
