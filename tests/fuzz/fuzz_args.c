/* libFuzzer target: the command line. The input is split at NUL bytes into arguments and
 * handed to the real main() in a child process (main may exit; the child's exit status must
 * be one of ours, never a crash). Output goes to /dev/null. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int httpcodes_main(int argc, char **argv);

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
		int null = open("/dev/null", O_RDWR);
		dup2(null, 0), dup2(null, 1), dup2(null, 2);
		setenv("XDG_DATA_HOME", "/nonexistent-fuzz", 1); /* never write a real database */
		_exit(httpcodes_main(argc, argv) & 0xff);
	}
	waitpid(pid, &status, 0);
	free(buf);
	if (!WIFEXITED(status) || WEXITSTATUS(status) > 3)
		abort();
	return 0;
}
