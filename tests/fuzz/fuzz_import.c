/* libFuzzer target: the import parser, CSV (libcsv) and JSON (SQLite), and the row checks.
 * Invariants: no crash, every row and problem has a line inside the input (in JSON, an element
 * of it, on a line inside it), every problem's
 * text is free of control characters. */
#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "userdata.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int line_ok(const struct problems *p, int line, int lines)
{
	if (line < 0)
		return 0;
	if (p->elements && (size_t)line > p->nelements)
		return 0;
	line = problems_file_line(p, line);
	return line >= 0 && line <= lines + 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct store *st;
	struct user_rows rows = { 0 };
	struct problems p = { 0 };
	char *text;
	int lines = 1;

	if (!st) {
		struct hc_err err;
		setlocale(LC_ALL, "C.UTF-8");
		st = store_open(&err);
		if (!st)
			abort();
	}
	if (size > 65536)
		return 0;
	text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	for (size_t i = 0; i < size; i++)
		lines += data[i] == '\n';
	userdata_parse(st, text, size, &rows, &p);
	userdata_check(&rows, &p);
	/* A row's "line" is its line, or in JSON its element's number (many may share a line), whose
	 * own line in the file problems_file_line gives. */
	for (size_t i = 0; i < rows.n; i++)
		if (!line_ok(&p, rows.items[i].line, lines))
			abort();
	for (size_t i = 0; i < p.n; i++) {
		if (!line_ok(&p, p.items[i].line, lines))
			abort();
		for (const char *c = p.items[i].detail; *c; c++)
			if ((unsigned char)*c < 0x20)
				abort();
	}
	user_rows_release(&rows);
	problems_release(&p);
	free(text);
	return 0;
}
