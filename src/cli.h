/* cli: the command line. Never initialises curses; safe in pipes. */
#ifndef HTTPCODES_CLI_H
#define HTTPCODES_CLI_H

#include "lang.h"
#include "options.h"

/* Each returns an exit status. */
int cli_help(const struct options *o);
/* The codes the user has bookmarked or written a note on. */
int cli_bookmarks(const struct options *o, char **args, int nargs);
int cli_version(void);
/* The usage error id with arg, and the hint to --help, on stderr; returns EXIT_USAGE. */
int cli_usage_error(const struct options *o, enum msg_id id, const char *arg);
/* Codes (404), patterns (4xx, 40x, 4, 40), ranges (400-410) and error codes (AccessDenied);
 * for anything else, suggestions from the search, and EXIT_NOTHING. */
int cli_lookup(const struct options *o, char **args, int nargs);
int cli_search(const struct options *o, char **words, int nwords); /* usage error without words */
int cli_stats(const struct options *o);
/* --complete PREFIX, for the shell completions: the codes that begin with it, one a line. */
int cli_complete(const struct options *o);
/* A response, an error body, a log line or a whole access log, from a file or stdin (cli_explain.c). */
int cli_explain(const struct options *o, char **args, int nargs);
/* The decision guide: asked on a terminal, walked by answers given, or whole (cli_guide.c). */
int cli_choose(const struct options *o, char **args, int nargs);
/* The user's own mappings (cli_user.c). */
int cli_add(const struct options *o, char **args, int nargs);
int cli_edit(const struct options *o, char **args, int nargs);
int cli_rm(const struct options *o, char **args, int nargs);
int cli_import(const struct options *o, char **args, int nargs);
int cli_export(const struct options *o, char **args, int nargs);
/* stdout: 0 while every write has gone out (or waits in the buffer), -1 once one has failed;
 * flush pushes the buffer out first. The failure is kept and reported by cli_out_close. */
int cli_out_check(int flush);
/* The end of every command: flush and close stdout; a failed write is said (but for a broken
 * pipe, which stays quiet) and makes the status EXIT_TROUBLE. Returns the status. */
int cli_out_close(const struct options *o, int status);

#endif
