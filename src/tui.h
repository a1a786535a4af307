/* tui: the terminal browser (list, detail and search panes) in ncursesw. */
#ifndef HTTPCODES_TUI_H
#define HTTPCODES_TUI_H

#include "options.h"

/* Run the browser; returns an exit status. Without a usable terminal it says why (in the
 * user's language) and returns EXIT_TROUBLE, and the command line still works.
 * HTTPCODES_SCRIPT (keys) and HTTPCODES_DUMP (a file) run it without a terminal: the keys
 * are taken one at a time, each once the previous one is fully handled, and the final
 * screen is written to the file as text. HTTPCODES_SIZE=COLSxLINES sets its size. */
int tui_run(const struct options *o);

#endif
