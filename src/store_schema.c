/* store_schema: the schema of the user's database, as numbered migrations. The store runs them
 * on a user's file; mkdb runs them in memory at build time and records what each version's
 * schema holds (the built-in table user_schema), which the store compares a file with before
 * anything in it runs. */
#include "store_schema.h"

#include <string.h>

#include "store_int.h"

/* The user's schema, one step per version: step k takes a database from version k to k+1.
 * Never edit a step that has shipped; add one. They run on the file's own connection. */
static const char *const user_migrations[USER_SCHEMA_VERSION] = {
	/* 0 -> 1 */
	"CREATE TABLE user_mappings ("
	"  id             INTEGER PRIMARY KEY,"
	"  team           TEXT NOT NULL DEFAULT '' CHECK (length(team) <= 200),"
	"  product        TEXT NOT NULL DEFAULT '' CHECK (length(product) <= 200),"
	"  error_code     TEXT NOT NULL CHECK (error_code <> '' AND length(error_code) <= 200),"
	"  http_status    INTEGER NOT NULL CHECK (http_status BETWEEN 100 AND 599),"
	"  message_en     TEXT NOT NULL DEFAULT '',"
	"  message_zh     TEXT NOT NULL DEFAULT '',"
	"  description_en TEXT NOT NULL DEFAULT '',"
	"  description_zh TEXT NOT NULL DEFAULT '',"
	"  advice_en      TEXT NOT NULL DEFAULT '',"
	"  advice_zh      TEXT NOT NULL DEFAULT '',"
	"  created        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  updated        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
	"  UNIQUE (team, product, error_code),"
	"  CHECK (message_en <> '' OR message_zh <> '')"
	") STRICT;"
	"CREATE TABLE bookmarks (code INTEGER PRIMARY KEY CHECK (code BETWEEN 0 AND 999),"
	"  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
	"CREATE TABLE notes (code INTEGER PRIMARY KEY CHECK (code BETWEEN 0 AND 999),"
	"  note TEXT NOT NULL CHECK (note <> ''),"
	"  updated TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))) STRICT;"
	"%INDEX%"
	"CREATE TRIGGER user_mappings_ai AFTER INSERT ON user_mappings BEGIN"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (new.id, new.error_code, new.message_en, new.message_zh, new.team || ' ' || new.product,"
	"          new.description_en, new.description_zh, new.advice_en || ' ' || new.advice_zh,"
	"          3, new.http_status, new.team, new.product);"
	"END;"
	"CREATE TRIGGER user_mappings_ad AFTER DELETE ON user_mappings BEGIN"
	"  DELETE FROM search_fts WHERE rowid = old.id;"
	"END;"
	"CREATE TRIGGER user_mappings_au AFTER UPDATE ON user_mappings BEGIN"
	"  DELETE FROM search_fts WHERE rowid = old.id;"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (new.id, new.error_code, new.message_en, new.message_zh, new.team || ' ' || new.product,"
	"          new.description_en, new.description_zh, new.advice_en || ' ' || new.advice_zh,"
	"          3, new.http_status, new.team, new.product);"
	"END;",
	/* 1 -> 2: personal notes are searchable too (rowid 1e9 + code, kind 4). */
	"CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (1000000000 + new.code, printf('%03d', new.code), new.note, new.note, '', '', '', '',"
	"          4, new.code, 'note', '');"
	"END;"
	"CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN"
	"  DELETE FROM search_fts WHERE rowid = 1000000000 + old.code;"
	"END;"
	"CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN"
	"  DELETE FROM search_fts WHERE rowid = 1000000000 + old.code;"
	"  INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                          kind, code, source, product)"
	"  VALUES (1000000000 + new.code, printf('%03d', new.code), new.note, new.note, '', '', '', '',"
	"          4, new.code, 'note', '');"
	"END;"
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                        kind, code, source, product)"
	"  SELECT 1000000000 + code, printf('%03d', code), note, note, '', '', '', '', 4, code, 'note', ''"
	"  FROM notes;",
	/* 2 -> 3: the writer keeps the index up to date itself (index_mapping_sql), not triggers
	 * in the file: a file's own code never runs, so its schema holds none at all. */
	("DROP TRIGGER user_mappings_ai; DROP TRIGGER user_mappings_ad; DROP TRIGGER user_mappings_au;"
	 "DROP TRIGGER notes_ai; DROP TRIGGER notes_ad; DROP TRIGGER notes_au;"),
	/* 3 -> 4: the detail pane's mappings of a status and a look-up by error code (case-blind,
	 * as store.c asks: COLLATE NOCASE) read an index, not every row. A team's rows (the sources
	 * list, a team's page) need none of their own: the UNIQUE key's index begins with team. */
	"CREATE INDEX user_mappings_status ON user_mappings (http_status);"
	"CREATE INDEX user_mappings_code ON user_mappings (error_code COLLATE NOCASE);",
	/* 4 -> 5: a lean index, the teams' counts kept, a status's rows in order. Pinyin at every character was half of an import's time and 40%
	 * of the file; the readings are now kept once per pair of neighbouring characters in
	 * search_pinyin (written as the index is, by the tokenizer: store_index.c), and a pinyin
	 * query becomes the characters it can be. The index is made again from the rows. */
	"DROP TABLE search_fts;"
	"%LEAN%"
	"CREATE TABLE search_pinyin (term TEXT PRIMARY KEY) WITHOUT ROWID, STRICT;"
	/* How many rows each team has, kept by the writer: the sources list (on the browser's
	 * first screen) counted them all, 16 ms at 100,000 rows and ten times that at a million. */
	"CREATE TABLE user_teams (team TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID, STRICT;"
	"INSERT INTO user_teams SELECT team, count(*) FROM user_mappings GROUP BY team;"
	/* A status's rows in the order the detail lists them: the first few are read, not all. */
	"DROP INDEX user_mappings_status;"
	"CREATE INDEX user_mappings_status ON user_mappings (http_status, team, product, error_code);"
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                        kind, code, source, product)"
	"  SELECT id, error_code, message_en, message_zh, team || ' ' || product, description_en,"
	"         description_zh, advice_en || ' ' || advice_zh, 3, http_status, team, product"
	"  FROM user_mappings;"
	"INSERT INTO search_fts (rowid, ident, name_en, name_zh, keys, summary_en, summary_zh, body,"
	"                        kind, code, source, product)"
	"  SELECT 1000000000 + code, printf('%03d', code), note, note, '', '', '', '', 4, code, 'note', ''"
	"  FROM notes;"
	"INSERT INTO search_fts (search_fts) VALUES ('optimize');",
};

/* A step's placeholders: the index as versions 1 to 4 made it, and the lean one. */
static const struct {
	const char *name, *sql;
} placeholders[] = {
	{ "%INDEX%", SEARCH_FTS_CREATE_V1 },
	{ "%LEAN%", SEARCH_FTS_CREATE_USER },
};

/* Run the migrations from version from to version to on db's main schema. */
int store_schema_migrate(sqlite3 *db, int from, int to)
{
	for (int v = from; v < to; v++) {
		char *sql = sqlite3_mprintf("%s", user_migrations[v]);
		int rc;
		for (size_t i = 0; sql && i < sizeof placeholders / sizeof placeholders[0]; i++) {
			const char *at = strstr(sql, placeholders[i].name);
			char *index = at ? sqlite3_mprintf(placeholders[i].sql, "main") : NULL;
			if (at) {
				char *next = index ? sqlite3_mprintf("%.*s%s%s", (int)(at - sql), sql, index,
								     at + strlen(placeholders[i].name)) : NULL;
				sqlite3_free(sql);
				sqlite3_free(index);
				sql = next;
			}
		}
		rc = sql ? sqlite3_exec(db, sql, NULL, NULL, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
		if (rc != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}
