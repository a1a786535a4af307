/* cli_pager: long output through $PAGER on a terminal, the way git does it (pager.c,
 * run-command.c): the pager is forked with a pipe as our stdout (and stderr, when that is the
 * terminal too, so that messages stay in order with the text), LESS=FRX is set when LESS is
 * unset, and the program waits for it at the end, so that the shell's prompt comes after it.
 * less -F quits at once when the text fits on the screen: short output looks as if printed. */
#ifndef _XOPEN_SOURCE /* ncursesw's flags may set it already (the argv fuzzer builds all in one) */
#define _XOPEN_SOURCE 700
#endif
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli_int.h"

#define DEFAULT_PAGER "less -FRX"
#define MAX_ARGS 16

static struct {
	int known, tty, cols;   /* stdout as it was at the start, before a pager took it */
	int allowed;            /* this command's output may be long: page it */
	enum lang lang;
	pid_t pid;              /* the pager, or 0 */
	int saved_err;          /* our stderr before it went to the pager, or -1 */
} pg = { 0, 0, 0, 0, LANG_EN, 0, -1 };

static void know_stdout(void)
{
	struct winsize ws;
	if (pg.known)
		return;
	pg.known = 1;
	pg.tty = isatty(STDOUT_FILENO);
	pg.cols = pg.tty && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 ? ws.ws_col : 0;
}

int cli_out_tty(void)
{
	know_stdout();
	return pg.tty;
}

int cli_out_columns(void)
{
	know_stdout();
	return pg.cols;
}

void cli_pager_allow(const struct options *o)
{
	pg.allowed = !o->no_pager && cli_out_tty();
	pg.lang = o->lang;
}

/* Give the terminal back to the pager alone and wait until it is done: our ends of the pipe
 * closed (it reads to the end of what we wrote; stdout's is closed already when out_closed),
 * stderr ours again. Async-signal-safe. */
static void finish(int out_closed)
{
	int status;
	if (!out_closed)
		close(STDOUT_FILENO);
	if (pg.saved_err >= 0) {
		dup2(pg.saved_err, STDERR_FILENO);
		close(pg.saved_err);
		pg.saved_err = -1;
	}
	while (waitpid(pg.pid, &status, 0) < 0 && errno == EINTR)
		;
	pg.pid = 0;
}

/* Ctrl-C or a kill while the pager runs: the pager stays on the terminal until the user
 * leaves it (less ignores Ctrl-C), and only then do we end, by the same signal (the handler
 * is reset and the signal not blocked: SA_RESETHAND, SA_NODEFER). */
static void on_signal(int sig)
{
	if (pg.pid > 0)
		finish(0);
	raise(sig);
}

/* An exit that did not pass through cli_out_close (die_oom) still waits for the pager. */
static void at_exit(void)
{
	if (pg.pid > 0) {
		fflush(stdout);
		finish(0);
	}
}

/* A command line the shell would treat specially (git's list, less blanks, which we split on
 * ourselves): then "sh -c" runs it; otherwise it is run directly, so that a pager that is not
 * there is known at once and the text printed directly. */
static int needs_shell(const char *cmd)
{
	return strpbrk(cmd, "|&;<>()$`\\\"'\n*?[#~=%") != NULL;
}

/* In the child: the pager, reading in; on failure, errno to report. Never returns. */
static _Noreturn void run_pager(const char *cmd, char **argv, int in, int report)
{
	int err;
	if (dup2(in, STDIN_FILENO) >= 0) {
		close(in);
		if (!getenv("LESS"))
			setenv("LESS", "FRX", 1);
		errno = ENOENT; /* a command of blanks alone (not asked for: PAGER=" " is none) */
		if (needs_shell(cmd))
			execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		else if (argv[0])
			execvp(argv[0], argv);
	}
	err = errno;
	if (write(report, &err, sizeof err) < 0)
		_exit(126);
	_exit(127);
}

/* Fork the pager reading a new pipe: 0 and the pipe's writing end in *fd, or -1 with errno
 * (the exec's own, when the command could not be run). */
static int spawn(const char *cmd, int *fd)
{
	char *copy = xstrdup(cmd), *argv[MAX_ARGS + 1];
	int in[2] = { -1, -1 }, report[2] = { -1, -1 }, argc = 0, err = 0;
	ssize_t got = 0;
	pid_t pid = -1;

	for (char *w = strtok(copy, " \t"); w && argc < MAX_ARGS; w = strtok(NULL, " \t"))
		argv[argc++] = w;
	argv[argc] = NULL;
	/* The child says why its exec failed through report, which a good exec closes; in's
	 * writing end is ours alone. */
	if (pipe(in) == 0 && pipe(report) == 0 && fcntl(report[1], F_SETFD, FD_CLOEXEC) == 0 &&
	    fcntl(in[1], F_SETFD, FD_CLOEXEC) == 0) {
		fflush(stdout);
		pid = fork();
		if (pid == 0) {
			close(report[0]);
			run_pager(cmd, argv, in[0], report[1]);
		}
	}
	err = errno;
	if (in[0] >= 0)
		close(in[0]);
	if (report[1] >= 0)
		close(report[1]);
	if (pid > 0) {
		while ((got = read(report[0], &err, sizeof err)) < 0 && errno == EINTR)
			;
		if (got == (ssize_t)sizeof err) /* the exec failed: the child is gone */
			while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
				;
	}
	if (report[0] >= 0)
		close(report[0]);
	free(copy);
	if (pid <= 0 || got == (ssize_t)sizeof err) {
		if (in[1] >= 0)
			close(in[1]);
		errno = err;
		return -1;
	}
	pg.pid = pid;
	*fd = in[1];
	return 0;
}

void cli_pager_start(void)
{
	const char *cmd = getenv("PAGER");
	struct sigaction sa;
	int fd, ours = cmd != NULL;
	static const int signals[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP };

	if (!pg.allowed || pg.pid)
		return;
	pg.allowed = 0; /* one try */
	if (!cmd)
		cmd = DEFAULT_PAGER;
	cmd += strspn(cmd, " \t");
	if (!*cmd || strcmp(cmd, "cat") == 0) /* PAGER= or PAGER=cat: no pager, as git has it */
		return;
	if (spawn(cmd, &fd) < 0) {
		/* A pager the user named is worth a word; the default one may simply not be installed. */
		if (ours)
			report_errno(stderr, pg.lang, MSG_PAGER_FAILED, cmd, errno);
		return;
	}
	dup2(fd, STDOUT_FILENO);
	if (isatty(STDERR_FILENO) && (pg.saved_err = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 3)) >= 0)
		dup2(fd, STDERR_FILENO);
	close(fd);
	/* The user may quit the pager before the end: writes then fail with EPIPE, which is no
	 * error (cli_out_close); SIGPIPE would end us with 141. */
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
		struct sigaction was;
		/* A signal ignored from the start (a job run with nohup or &) stays ignored. */
		if (sigaction(signals[i], NULL, &was) == 0 && was.sa_handler != SIG_IGN)
			sigaction(signals[i], &sa, NULL);
	}
	atexit(at_exit);
}

int cli_pager_end(void)
{
	if (!pg.pid)
		return 0;
	finish(1);
	return 1;
}
