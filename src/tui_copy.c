/* Copying to the clipboard: through the terminal (OSC 52) where it takes it, else through
 * wl-copy, xclip or xsel. "Copied" is said only when one of them did. */
#include "tui_int.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

/* A helper program may take this long before it is given up on (they all fork to serve the
 * selection, so a working one answers at once). */
#define TOOL_MS 1000

static void base64(struct strbuf *out, const char *s)
{
	static const char t[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned char)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned char)s[i + 1] << 8;
		if (i + 2 < n)
			v |= (unsigned char)s[i + 2];
		strbuf_addch(out, t[(v >> 18) & 63]);
		strbuf_addch(out, t[(v >> 12) & 63]);
		strbuf_addch(out, i + 1 < n ? t[(v >> 6) & 63] : '=');
		strbuf_addch(out, i + 2 < n ? t[v & 63] : '=');
	}
}

static int on_path(const char *name)
{
	const char *path = getenv("PATH");
	while (path && *path) {
		const char *end = strchr(path, ':');
		size_t n = end ? (size_t)(end - path) : strlen(path);
		char full[4096];
		if (n && n + strlen(name) + 2 < sizeof full) {
			snprintf(full, sizeof full, "%.*s/%s", (int)n, path, name);
			if (access(full, X_OK) == 0)
				return 1;
		}
		path = end ? end + 1 : NULL;
	}
	return 0;
}

static void pause_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000000L };
	nanosleep(&ts, NULL);
}

static void cloexec(int fd)
{
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* Run argv (no shell) with input on its stdin and its stdout into out (when out is not NULL),
 * for at most TOOL_MS. Returns its exit status, or -1 if it could not run or took too long. */
static int run_tool(char *const argv[], const char *input, char *out, size_t outsz)
{
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, dfl;
	struct sigaction ign = { 0 }, old_pipe;
	int in_pipe[2], out_pipe[2] = { -1, -1 }, status = -1, done = 0;
	size_t got = 0;
	pid_t pid;

	if (pipe(in_pipe) < 0)
		return -1;
	if (out && pipe(out_pipe) < 0) {
		close(in_pipe[0]);
		close(in_pipe[1]);
		return -1;
	}
	cloexec(in_pipe[0]);
	cloexec(in_pipe[1]);
	if (out) {
		cloexec(out_pipe[0]);
		cloexec(out_pipe[1]);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, in_pipe[0], 0);
	if (out)
		posix_spawn_file_actions_adddup2(&fa, out_pipe[1], 1);
	else
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0); /* not over the screen */
	posix_spawnattr_init(&attr);
	sigemptyset(&none);
	sigemptyset(&dfl);
	sigaddset(&dfl, SIGPIPE);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &dfl);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	if (posix_spawnp(&pid, argv[0], &fa, &attr, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(in_pipe[0]);
	if (out)
		close(out_pipe[1]);
	if (pid > 0 && input) { /* a few bytes: the pipe holds them; a helper that quit early is no signal */
		ign.sa_handler = SIG_IGN;
		sigaction(SIGPIPE, &ign, &old_pipe);
		(void)!write(in_pipe[1], input, strlen(input));
		sigaction(SIGPIPE, &old_pipe, NULL);
	}
	close(in_pipe[1]);
	for (int waited = 0; pid > 0 && waited < TOOL_MS; waited += 10) {
		if (out && got + 1 < outsz) {
			struct pollfd p = { out_pipe[0], POLLIN, 0 };
			if (poll(&p, 1, 0) > 0) {
				ssize_t n = read(out_pipe[0], out + got, outsz - 1 - got);
				if (n > 0)
					got += (size_t)n;
			}
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			done = 1;
			break;
		}
		pause_ms(10);
	}
	if (out) {
		struct pollfd p = { out_pipe[0], POLLIN, 0 };
		while (done && got + 1 < outsz && poll(&p, 1, 0) > 0) { /* what it wrote before it ended */
			ssize_t n = read(out_pipe[0], out + got, outsz - 1 - got);
			if (n <= 0)
				break;
			got += (size_t)n;
		}
		out[got] = '\0';
		close(out_pipe[0]);
	}
	if (pid > 0 && !done) { /* too slow: given up on */
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Inside tmux, OSC 52 from a program sets tmux's buffer (and the terminal's clipboard) only
 * when set-clipboard is on; tmux's default, external, ignores it. */
static int tmux_takes_osc52(void)
{
	static char tmux[] = "tmux", show[] = "show-options", v[] = "-v", name[] = "set-clipboard";
	char *const argv[] = { tmux, show, v, name, NULL };
	char out[64] = "";
	return on_path("tmux") && run_tool(argv, NULL, out, sizeof out) == 0 && strncmp(out, "on", 2) == 0 &&
	       (out[2] == '\n' || out[2] == '\0');
}

int copy_out(const char *text, int to_terminal)
{
	static char wl_copy[] = "wl-copy", xclip[] = "xclip", xsel[] = "xsel";
	static char sel[] = "-selection", clip[] = "clipboard", clipboard[] = "--clipboard", input[] = "--input";
	char *const tools[][4] = {
		{ wl_copy, NULL }, { xclip, sel, clip, NULL }, { xsel, clipboard, input, NULL },
	};
	int osc52 = 0;

	if (to_terminal) {
		struct strbuf b64 = STRBUF_INIT;
		base64(&b64, text);
		printf("\033]52;c;%s\a", strbuf_str(&b64)); /* harmless where it is not taken */
		fflush(stdout);
		strbuf_release(&b64);
		osc52 = getenv("TMUX") ? tmux_takes_osc52() : keys_osc52(500);
	}
	if (osc52)
		return 1;
	for (size_t i = 0; i < sizeof tools / sizeof tools[0]; i++)
		if (on_path(tools[i][0]) && run_tool(tools[i], text, NULL, 0) == 0)
			return 1;
	return 0;
}
