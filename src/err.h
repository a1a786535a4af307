/* err: what went wrong below the faces, as a value that travels up. The store (and the import's
 * readers) name the failure in our terms (a code), keep SQLite's result code when SQLite gave
 * one, and the thing it is about (a path, a name); the words for it are chosen only when it is
 * shown, in the user's language, from the tables in err.c (err_text and report_err, declared in
 * lang.h with the other texts: the store below needs only the value). Nothing here knows SQLite's types:
 * its result codes are plain numbers (store.c checks that they are SQLite's). */
#ifndef HTTPCODES_ERR_H
#define HTTPCODES_ERR_H

#include <stddef.h>

/* What went wrong, in our terms: id, English, Chinese. A "%s" takes the error's detail (an
 * object's name). ERR_DB says nothing of its own: SQLite's reason is all there is. */
#define ERRORS(X) \
	X(ERR_NONE, "no error", "没有错误") \
	X(ERR_DB, "", "") \
	X(ERR_BUILTIN, "cannot open the built-in data", "无法打开内置数据") \
	X(ERR_BUILTIN_VERSION, "cannot open the built-in data: unexpected schema version", \
	  "无法打开内置数据：架构版本不符") \
	X(ERR_SEARCH_SETUP, "cannot set up search", "无法初始化搜索") \
	X(ERR_QUERY, "cannot query the database", "无法查询数据库") \
	X(ERR_READ, "cannot read the database", "无法读取数据库") \
	X(ERR_READ_USER, "cannot read your database", "无法读取你的数据库") \
	X(ERR_SEARCH, "cannot search", "无法搜索") \
	X(ERR_OPEN, "cannot open database", "无法打开数据库") \
	X(ERR_NOT_DB, "file is not a database", "文件不是数据库") \
	X(ERR_FOREIGN, "it is not an httpcodes database", "它不是 httpcodes 的数据库") \
	X(ERR_NEWER, "it was written by a newer httpcodes (its schema version is newer)", \
	  "它由更新版本的 httpcodes 写入（架构版本更新）") \
	X(ERR_SCHEMA, "its schema cannot be read by this httpcodes (a newer one may have written it); it is left as it is", \
	  "这个版本的 httpcodes 无法读取它的架构（可能由更新的版本写入）；文件保持原样") \
	X(ERR_ALIEN, "it holds something httpcodes did not make: %s", "它含有不是 httpcodes 创建的对象：%s") \
	X(ERR_MISSING, "part of its schema is missing: %s", "它的架构缺少一部分：%s") \
	X(ERR_NOT_FILE, "not a regular file", "不是普通文件") \
	X(ERR_TOO_LONG, "the path is too long", "路径太长") \
	X(ERR_READ_ONLY, "the file is read-only", "文件是只读的") \
	X(ERR_NO_HOME, "no home directory", "没有主目录") \
	X(ERR_NO_FILE, "no such file", "文件不存在") \
	X(ERR_NOT_JSON_ARRAY, "not a JSON array of objects", "不是由对象组成的 JSON 数组") \
	X(ERR_JSON, "cannot read JSON", "无法读取 JSON") \
	X(ERR_CSV_PARSE, "error parsing data while strict checking enabled", \
	  "数据不符合 CSV 格式（引号不配对或多余的引号）") \
	X(ERR_CSV_TOO_BIG, "a field is too big", "字段太长")

enum hc_errc {
#define X(id, en, zh) id,
	ERRORS(X)
#undef X
	ERR_COUNT_
};

/* SQLite's result codes we put in words (the primary code: an extended one is reduced to it),
 * and the words: name, number, English (SQLite's own), Chinese. Any other is "SQLite error N". */
#define ERR_SQLITE_CODES(X) \
	X(ERROR, 1, "SQL logic error", "SQL 逻辑错误") \
	X(PERM, 3, "access permission denied", "没有访问权限") \
	X(ABORT, 4, "query aborted", "查询被中止") \
	X(BUSY, 5, "database is locked", "数据库被锁定") \
	X(LOCKED, 6, "database table is locked", "数据库表被锁定") \
	X(NOMEM, 7, "out of memory", "内存不足") \
	X(READONLY, 8, "attempt to write a readonly database", "数据库是只读的，无法写入") \
	X(INTERRUPT, 9, "interrupted", "已被中断") \
	X(IOERR, 10, "disk I/O error", "磁盘读写错误") \
	X(CORRUPT, 11, "database disk image is malformed", "数据库文件已损坏") \
	X(FULL, 13, "database or disk is full", "数据库或磁盘已满") \
	X(CANTOPEN, 14, "unable to open database file", "无法打开数据库文件") \
	X(CONSTRAINT, 19, "constraint failed", "不符合数据库的约束") \
	X(TOOBIG, 18, "string or blob too big", "字符串或数据块太大") \
	X(NOTADB, 26, "file is not a database", "文件不是数据库")

struct hc_err {
	enum hc_errc code;      /* ERR_NONE: nothing went wrong */
	int sqlite_rc;          /* SQLite's result code, 0 when SQLite had no part in it */
	int errnum;             /* the system's errno, 0 when the system had no part in it */
	char detail[160];       /* what it is about (an object's name); "" for nothing */
};

/* e set to code, with SQLite's rc (or 0) and detail (or NULL); e may be NULL. */
void err_set(struct hc_err *e, enum hc_errc code, int sqlite_rc, const char *detail);
/* The same with the system's errno in place of SQLite's code. */
void err_set_errno(struct hc_err *e, enum hc_errc code, int errnum);
void err_clear(struct hc_err *e);

#endif
