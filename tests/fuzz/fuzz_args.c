/* libFuzzer target: the command line. The input is split at NUL bytes into arguments and
 * handed to the real main() in a child process (main may exit; the child's exit status must
 * be one of ours, never a crash). Output goes to /dev/null.
 *
 * ASan and UBSan end a process with status 1 after a report, and 1 is one of our statuses; so
 * in the child a report ends it with SANITIZER_STATUS instead, as does a leak left at the end
 * (the child leaves with _exit, before LeakSanitizer's own check at exit would run). The
 * program's own output goes to /dev/null; a sanitizer's report to the fuzzer's stderr. */
#include <fcntl.h>
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define SANITIZER_STATUS 99

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
		rc = httpcodes_main(argc, argv) & 0xff;
		free(buf);
		/* Quietly first: in a forked child LeakSanitizer warns of the parent's threads each time. */
		__sanitizer_set_report_fd((void *)(intptr_t)null);
		if (__lsan_do_recoverable_leak_check()) {
			__sanitizer_set_report_fd((void *)(intptr_t)report);
			__lsan_do_recoverable_leak_check(); /* again, to be seen */
			_exit(SANITIZER_STATUS);
		}
		_exit(rc);
	}
	waitpid(pid, &status, 0);
	free(buf);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 3)
		abort();
	return 0;
}
