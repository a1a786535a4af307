/* libFuzzer target: the command line. The input is split at NUL bytes into arguments and
 * handed to the real main() in a child process (main may exit; the child's exit status must
 * be one of ours, never a crash, and it must end: a child still running after CHILD_SECONDS is
 * killed by its alarm, which the parent reports as a crash). Output goes to /dev/null.
 *
 * ASan and UBSan end a process with status 1 after a report, and 1 is one of our statuses; so
 * in the child a report ends it with SANITIZER_STATUS instead. The program's own output goes
 * to /dev/null; a sanitizer's report to the fuzzer's stderr.
 *
 * No leak check in the child: LeakSanitizer stops the world under its allocator's lock, which
 * another of the fuzzer's threads may have held at the fork, so the child waited forever
 * (seen once in CI's 20 s run). Leaks of the command line are found by `make check`, which
 * runs every CLI suite under ASan and LeakSanitizer, and under valgrind. */
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SANITIZER_STATUS 99
#define CHILD_SECONDS 30

int httpcodes_main(int argc, char **argv);

static void sanitizer_died(void)
{
	_exit(SANITIZER_STATUS);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *argv[34];
	int argc = 1, status;
	pid_t pid;

	if (size > 2048)
		return 0;
	buf = malloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = "httpcodes";
	for (size_t i = 0; i <= size && argc < 32;) {
		argv[argc++] = buf + i;
		i += strlen(buf + i) + 1;
	}
	argv[argc] = NULL;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR), report = dup(2), rc;
		__sanitizer_set_report_fd((void *)(intptr_t)report); /* to the fuzzer's stderr */
		__sanitizer_set_death_callback(sanitizer_died);
		dup2(null, 0), dup2(null, 1), dup2(null, 2);
		setenv("XDG_DATA_HOME", "/nonexistent-fuzz", 1); /* never write a real database */
		alarm(CHILD_SECONDS); /* a hang ends the child by SIGALRM: a finding */
		rc = httpcodes_main(argc, argv) & 0xff;
		free(buf);
		_exit(rc);
	}
	waitpid(pid, &status, 0);
	free(buf);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 3)
		abort();
	return 0;
}
