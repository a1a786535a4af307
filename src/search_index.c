/* The search index, built once by mkdb when the built-in database is made. */
#include "search.h"

#include <sqlite3.h>

/* One row per searchable record. k_* columns hold lower-cased text to match against, from
 * the most telling (the identifier) to the least (the long description). */
static const char index_sql[] =
	"CREATE TABLE search_docs ("
	"  kind INTEGER NOT NULL, code INTEGER NOT NULL, source TEXT NOT NULL,"
	"  product TEXT NOT NULL, ident TEXT NOT NULL, name_en TEXT NOT NULL,"
	"  name_zh TEXT NOT NULL, summary_en TEXT NOT NULL, summary_zh TEXT NOT NULL,"
	"  k_ident TEXT NOT NULL, k_names TEXT NOT NULL, k_summary TEXT NOT NULL,"
	"  k_body TEXT NOT NULL);"
	"INSERT INTO search_docs "
	"  SELECT 1, code, '', '', code, phrase_en, phrase_zh, summary_en, summary_zh, code,"
	"    lower(phrase_en || ' ' || phrase_zh || ' ' || coalesce((SELECT group_concat(alias, ' ')"
	"      FROM status_aliases a WHERE a.code = s.code), '')),"
	"    lower(summary_en || ' ' || summary_zh),"
	"    lower(description_en || ' ' || description_zh || ' ' || causes_en || ' ' || causes_zh"
	"      || ' ' || advice_en || ' ' || advice_zh || ' ' || headers)"
	"  FROM status_codes s;"
	"INSERT INTO search_docs "
	"  SELECT 2, number, source, '', printf('%03d', number), name_en, name_zh,"
	"    source_en || ': ' || name_en, source_zh || '：' || name_zh, printf('%03d', number),"
	"    lower(name_en || ' ' || name_zh || ' ' || source || ' ' || source_en || ' ' || source_zh),"
	"    '', lower(description_en || ' ' || description_zh)"
	"  FROM meaning_view;"
	"INSERT INTO search_docs "
	"  SELECT 3, http_status, source, product, error_code, message_en, message_zh,"
	"    message_en, message_zh, lower(error_code),"
	"    lower(message_en || ' ' || message_zh || ' ' || source || ' ' || source_en || ' '"
	"      || source_zh || ' ' || product),"
	"    '', lower(description_en || ' ' || description_zh || ' ' || advice_en || ' ' || advice_zh)"
	"  FROM mapping_view;";

int search_index_build(struct sqlite3 *db)
{
	return sqlite3_exec(db, index_sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

