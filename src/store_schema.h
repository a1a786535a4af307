/* store_schema: the user's database schema (private to the store and mkdb). */
#ifndef HTTPCODES_STORE_SCHEMA_H
#define HTTPCODES_STORE_SCHEMA_H

struct sqlite3;

/* Marks a database as ours ("HTCP"), so a foreign file is never taken for one. */
#define APPLICATION_ID 0x48544350
/* The version the migrations bring a file to (one step each; see store_schema.c). */
#define USER_SCHEMA_VERSION 5

/* Run the migrations from version from to version to on db's main schema: SQLite's code. */
int store_schema_migrate(struct sqlite3 *db, int from, int to);

#endif
