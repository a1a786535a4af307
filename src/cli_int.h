/* cli_int: what the command line's files share (cli.c, cli_explain.c): the state of one
 * command, its output, and the JSON shapes of the records (so that explain's matches are the
 * same objects a lookup prints). */
#ifndef HTTPCODES_CLI_INT_H
#define HTTPCODES_CLI_INT_H

#include "doc.h"
#include "options.h"
#include "session.h"
#include "text.h"

struct cli {
	const struct options *o;
	struct session s;
	struct doc doc;         /* text output */
	struct strbuf out;      /* JSON output */
	int width;              /* columns to wrap text to */
	int nitems;             /* JSON array items written */
	int json_done;          /* the JSON output is whole (explain's object): cli_end adds nothing */
};

/* Open the session and say what it has to say; -1 when there is no data to answer from. */
int cli_begin(struct cli *c, const struct options *o);
/* Close the JSON array (when --json), write what is left, close the session. */
int cli_end(struct cli *c, int status);
/* The store's reason for a failed call, on stderr; closes everything; EXIT_TROUBLE. */
int cli_db_failure(struct cli *c);
/* Write what is ready; -1 once writing has failed. */
int cli_flush_out(struct cli *c);
/* A blank line between two items of text output. */
void cli_separate(struct cli *c);

/* The terminal and the pager (cli_pager.c). stdout as it was when the program started,
 * before a pager took it: a terminal or not, and its columns (0 when unknown). */
int cli_out_tty(void);
int cli_out_columns(void);
/* This command's output can be long: on a terminal, unless --no-pager, it goes through $PAGER
 * (default "less -FRX"; none when PAGER is empty or cat), started by cli_pager_start before
 * the first byte is written. Not for a command that asks questions on the terminal. */
void cli_pager_allow(const struct options *o);
void cli_pager_start(void);
/* At the end, stdout closed: stderr given back, the pager waited for. 1 when one ran. */
int cli_pager_end(void);

/* JSON: a key (with the comma before it unless *first), a string or an int member, the start
 * of an array item, and the records as lookups print them. */
void cli_json_key(struct strbuf *sb, const char *key, int *first);
void cli_json_str(struct strbuf *sb, const char *key, const char *val, int *first);
void cli_json_int(struct strbuf *sb, const char *key, int val, int *first);
void cli_json_begin_item(struct cli *c);
void cli_json_mapping(struct strbuf *sb, const struct hc_mapping *m);
void cli_json_meaning(struct strbuf *sb, const struct hc_meaning *m);
void cli_json_status(struct cli *c, const struct hc_status_detail *sd);

#endif
