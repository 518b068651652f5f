/*
 * The webhook receiver of bench/api: answers 204 to every request on
 * 127.0.0.1:PORT as soon as its body has arrived, until SIGTERM, then
 * prints how many it answered. It checks no signature: the benchmark
 * measures the sender, and the tests check signatures.
 *
 * Usage: hook_sink PORT
 */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>

static volatile sig_atomic_t stop;
static unsigned long answered;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static enum MHD_Result
answer(void *cls, struct MHD_Connection *c, const char *url, const char *method,
       const char *version, const char *data, size_t *size, void **state)
{
	(void)cls, (void)url, (void)method, (void)version, (void)data;
	if (!*state) { /* the headers: the body follows */
		*state = c;
		return MHD_YES;
	}
	if (*size) { /* a piece of the body: dropped */
		*size = 0;
		return MHD_YES;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok = MHD_queue_response(c, 204, r);
	MHD_destroy_response(r);
	__atomic_add_fetch(&answered, 1, __ATOMIC_RELAXED);
	return ok;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: hook_sink PORT\n");
		return 2;
	}
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(argv[1]))};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	struct MHD_Daemon *d =
	    MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD, 0, NULL, NULL, answer, NULL,
	                     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_END);
	if (!d) {
		fprintf(stderr, "hook_sink: cannot listen on 127.0.0.1:%s\n", argv[1]);
		return 1;
	}
	signal(SIGTERM, on_term);
	signal(SIGINT, on_term);
	printf("listening\n");
	fflush(stdout);
	while (!stop)
		pause();
	MHD_stop_daemon(d);
	printf("answered %lu\n", answered);
	return 0;
}
