/* mkdb: build the built-in database from db/schema.sql and db/ .rec files (see db/README.md).
 *
 *   mkdb -o OUT.db SCHEMA.sql FILE.rec...   build, check foreign keys, write OUT.db atomically
 *   mkdb --lint SCHEMA.sql FILE.rec...      parse and insert with foreign keys off; no output
 *
 * Every error is reported as FILE:LINE: message; the exit status is 1 if there was any.
 * This is a build tool: it runs on our own files, never on a user's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "store_int.h"
#include "store_schema.h"

#define MAX_FIELDS 64

struct field {
	char *name;
	char *value;
	int line;
};

struct origin {
	char *table;
	sqlite3_int64 rowid;
	const char *file;
	int line;
};

struct loader {
	sqlite3 *db;
	const char *file;
	char table[64];
	char *columns[MAX_FIELDS];      /* columns of the current table */
	int ncolumns;
	struct field fields[MAX_FIELDS];
	int nfields;
	int record_line;
	int errors;
	int rows;
	struct origin *origins;         /* where each inserted row came from */
	size_t norigins, origins_cap;
};

static void report(struct loader *ld, int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: ", ld->file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	ld->errors++;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (!f)
		return NULL;
	do {
		if (cap - n < 65536)
			buf = xrealloc(buf, cap = cap ? cap * 2 : 65536);
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
	} while (got > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static void columns_release(struct loader *ld)
{
	for (int i = 0; i < ld->ncolumns; i++)
		free(ld->columns[i]);
	ld->ncolumns = 0;
}

static void record_release(struct loader *ld)
{
	for (int i = 0; i < ld->nfields; i++) {
		free(ld->fields[i].name);
		free(ld->fields[i].value);
	}
	ld->nfields = 0;
	ld->record_line = 0;
}

/* The analyzer loses track of strings stored in the loader's arrays and calls them leaked;
 * they are freed by columns_release and record_release. */
// NOLINTBEGIN(clang-analyzer-unix.Malloc)
static int set_table(struct loader *ld, const char *name, int line)
{
	sqlite3_stmt *st;

	columns_release(ld);
	ld->table[0] = '\0';
	if (sqlite3_prepare_v2(ld->db, "SELECT name FROM pragma_table_xinfo(?1) WHERE hidden = 0",
			       -1, &st, NULL) != SQLITE_OK)
		return report(ld, line, "%s", sqlite3_errmsg(ld->db)), -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW && ld->ncolumns < MAX_FIELDS)
		ld->columns[ld->ncolumns++] = xstrdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (ld->ncolumns == 0)
		return report(ld, line, "unknown table '%s'", name), -1;
	snprintf(ld->table, sizeof ld->table, "%s", name);
	return 0;
}

static int has_column(struct loader *ld, const char *name)
{
	for (int i = 0; i < ld->ncolumns; i++)
		if (strcmp(ld->columns[i], name) == 0)
			return 1;
	return 0;
}

static void remember_origin(struct loader *ld)
{
	XGROW(ld->origins, ld->origins_cap, ld->norigins + 1, 1024);
	ld->origins[ld->norigins++] = (struct origin){
		.table = xstrdup(ld->table),
		.rowid = sqlite3_last_insert_rowid(ld->db),
		.file = ld->file,
		.line = ld->record_line,
	};
}

static void flush_record(struct loader *ld)
{
	char sql[4096];
	size_t n;
	sqlite3_stmt *st;

	if (ld->nfields == 0)
		return;
	if (!ld->table[0]) {
		report(ld, ld->record_line, "record before any '%%rec: TABLE' line");
		record_release(ld);
		return;
	}
	n = (size_t)snprintf(sql, sizeof sql, "INSERT INTO \"%s\" (", ld->table);
	for (int i = 0; i < ld->nfields && n < sizeof sql; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s\"%s\"", i ? ", " : "",
				      ld->fields[i].name);
	n += (size_t)snprintf(sql + n < sql + sizeof sql ? sql + n : sql, n < sizeof sql ? sizeof sql - n : 0,
			      ") VALUES (");
	for (int i = 0; i < ld->nfields && n < sizeof sql; i++)
		n += (size_t)snprintf(sql + n, sizeof sql - n, "%s?", i ? ", " : "");
	if (n + 2 >= sizeof sql) {
		report(ld, ld->record_line, "record too long");
		record_release(ld);
		return;
	}
	memcpy(sql + n, ")", 2); /* n + 2 < sizeof sql, checked above */
	if (sqlite3_prepare_v2(ld->db, sql, -1, &st, NULL) != SQLITE_OK) {
		report(ld, ld->record_line, "%s", sqlite3_errmsg(ld->db));
	} else {
		for (int i = 0; i < ld->nfields; i++)
			sqlite3_bind_text(st, i + 1, ld->fields[i].value, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			report(ld, ld->record_line, "%s record: %s", ld->table, sqlite3_errmsg(ld->db));
		} else {
			ld->rows++;
			remember_origin(ld);
		}
		sqlite3_finalize(st);
	}
	record_release(ld);
}

static char *trim(char *s)
{
	char *e;
	while (*s == ' ')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void load_line(struct loader *ld, char *line, int lineno)
{
	char *colon, *name, *value;

	if (line[0] == '#')
		return;
	if (trim(line)[0] == '\0') {
		flush_record(ld);
		return;
	}
	if (strncmp(line, "%rec:", 5) == 0) {
		flush_record(ld);
		set_table(ld, trim(line + 5), lineno);
		return;
	}
	if (has_control(line)) {
		report(ld, lineno, "tab or control character");
		return;
	}
	if (line[0] == '+' && (line[1] == ' ' || line[1] == '\0')) {
		struct field *f;
		size_t a, b;
		if (ld->nfields == 0) {
			report(ld, lineno, "'+' continuation line without a field before it");
			return;
		}
		f = &ld->fields[ld->nfields - 1];
		value = trim(line + 1);
		a = strlen(f->value);
		b = strlen(value);
		f->value = xrealloc(f->value, a + b + 2);
		f->value[a] = '\n';
		memcpy(f->value + a + 1, value, b + 1);
		return;
	}
	colon = strchr(line, ':');
	if (!colon) {
		report(ld, lineno, "expected 'field: value'");
		return;
	}
	*colon = '\0';
	name = trim(line);
	value = trim(colon + 1);
	if (ld->table[0] && !has_column(ld, name)) {
		report(ld, lineno, "table '%s' has no column '%s'", ld->table, name);
		return;
	}
	for (int i = 0; i < ld->nfields; i++)
		if (strcmp(ld->fields[i].name, name) == 0) {
			report(ld, lineno, "field '%s' given twice in one record", name);
			return;
		}
	if (ld->nfields == MAX_FIELDS) {
		report(ld, lineno, "too many fields");
		return;
	}
	if (ld->nfields == 0)
		ld->record_line = lineno;
	ld->fields[ld->nfields++] = (struct field){ xstrdup(name), xstrdup(value), lineno };
}

// NOLINTEND(clang-analyzer-unix.Malloc)

static void load_file(struct loader *ld, const char *path)
{
	char *text = read_file(path, NULL), *p, *nl;
	int lineno = 0;

	ld->file = path;
	ld->table[0] = '\0';
	columns_release(ld);
	if (!text) {
		report(ld, 0, "cannot read: %s", strerror(errno));
		return;
	}
	for (p = text; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		lineno++;
		{
			char save = *nl;
			*nl = '\0';
			load_line(ld, p, lineno);
			*nl = save;
		}
		if (!*nl)
			break;
	}
	flush_record(ld);
	free(text);
}

static const struct origin *find_origin(struct loader *ld, const char *table, sqlite3_int64 rowid)
{
	for (size_t i = 0; i < ld->norigins; i++)
		if (ld->origins[i].rowid == rowid && strcmp(ld->origins[i].table, table) == 0)
			return &ld->origins[i];
	return NULL;
}

static void check_foreign_keys(struct loader *ld)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(ld->db, "SELECT \"table\", rowid, parent FROM pragma_foreign_key_check",
			       -1, &st, NULL) != SQLITE_OK)
		return;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *table = (const char *)sqlite3_column_text(st, 0);
		const struct origin *o = find_origin(ld, table, sqlite3_column_int64(st, 1));
		ld->file = o ? o->file : "?";
		report(ld, o ? o->line : 0, "%s record refers to a missing row of '%s'", table,
		       (const char *)sqlite3_column_text(st, 2));
	}
	sqlite3_finalize(st);
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "mkdb: %s\n", msg ? msg : sqlite3_errmsg(db));
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Record what each version of the user's schema holds: the migrations, run in memory. */
static int record_user_schema(sqlite3 *out)
{
	sqlite3_stmt *ins = NULL;
	int rc = sqlite3_prepare_v2(out, "INSERT INTO user_schema (version, type, name, sql) VALUES (?1, ?2, ?3, ?4)",
				    -1, &ins, NULL);
	for (int v = 1; rc == SQLITE_OK && v <= USER_SCHEMA_VERSION; v++) {
		sqlite3 *db = NULL;
		sqlite3_stmt *q = NULL;
		rc = sqlite3_open(":memory:", &db);
		if (rc == SQLITE_OK && (index_register(db, NULL) != 0 || (rc = store_schema_migrate(db, 0, v)) != SQLITE_OK))
			fprintf(stderr, "mkdb: user schema version %d: %s\n", v, sqlite3_errmsg(db));
		if (rc == SQLITE_OK)
			rc = sqlite3_prepare_v2(db, "SELECT type, name, sql FROM sqlite_schema", -1, &q, NULL);
		while (rc == SQLITE_OK && sqlite3_step(q) == SQLITE_ROW) {
			sqlite3_bind_int(ins, 1, v);
			for (int i = 0; i < 3; i++)
				sqlite3_bind_value(ins, i + 2, sqlite3_column_value(q, i));
			if (sqlite3_step(ins) != SQLITE_DONE)
				rc = sqlite3_errcode(out);
			sqlite3_reset(ins);
		}
		sqlite3_finalize(q);
		sqlite3_close(db);
	}
	sqlite3_finalize(ins);
	return rc == SQLITE_OK ? 0 : -1;
}

static int usage(void)
{
	fputs("usage: mkdb -o OUT.db SCHEMA.sql FILE.rec...\n"
	      "       mkdb --lint SCHEMA.sql FILE.rec...\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	struct loader ld = { 0 };
	const char *out = NULL;
	int lint = 0, i = 1;
	char *schema, *tmp = NULL;

	if (argc > 2 && strcmp(argv[1], "--lint") == 0) {
		lint = 1;
		i = 2;
	} else if (argc > 3 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		i = 3;
	} else {
		return usage();
	}
	if (i >= argc)
		return usage();
	schema = read_file(argv[i], NULL);
	if (!schema) {
		fprintf(stderr, "mkdb: cannot read '%s': %s\n", argv[i], strerror(errno));
		return 1;
	}
	if (sqlite3_open(":memory:", &ld.db) != SQLITE_OK || exec(ld.db, schema) < 0)
		return 1;
	free(schema);
	if (exec(ld.db, lint ? "PRAGMA foreign_keys = OFF; BEGIN"
			     : "PRAGMA foreign_keys = ON; BEGIN; PRAGMA defer_foreign_keys = ON") < 0)
		return 1;
	for (i++; i < argc; i++)
		load_file(&ld, argv[i]);
	if (!lint)
		check_foreign_keys(&ld);
	if (ld.errors) {
		fprintf(stderr, "mkdb: %d error%s\n", ld.errors, ld.errors == 1 ? "" : "s");
		return 1;
	}
	if (lint) {
		printf("mkdb: %d rows, no errors\n", ld.rows);
		return 0;
	}
	if (index_build(ld.db) != 0) {
		fprintf(stderr, "mkdb: cannot build the search index: %s\n", sqlite3_errmsg(ld.db));
		return 1;
	}
	if (record_user_schema(ld.db) != 0) {
		fprintf(stderr, "mkdb: cannot record the user schema: %s\n", sqlite3_errmsg(ld.db));
		return 1;
	}
	if (exec(ld.db, "COMMIT") < 0)
		return 1;
	/* Write beside the target and rename, so a failed build never leaves half a database. */
	tmp = sqlite3_mprintf("%s.tmp", out);
	remove(tmp);
	{
		char *sql = sqlite3_mprintf("VACUUM INTO %Q", tmp);
		int rc = exec(ld.db, sql);
		sqlite3_free(sql);
		if (rc < 0 || rename(tmp, out) != 0) {
			fprintf(stderr, "mkdb: cannot write '%s': %s\n", out, strerror(errno));
			remove(tmp);
			return 1;
		}
	}
	sqlite3_free(tmp);
	sqlite3_close(ld.db);
	for (size_t k = 0; k < ld.norigins; k++)
		free(ld.origins[k].table);
	free(ld.origins);
	columns_release(&ld);
	return 0;
}
