/*
 * The HTTP server: libmicrohttpd with a pool of threads, each running its
 * own epoll loop; requests are dispatched through the route table.
 */
#ifndef MADOGUCHI_HTTP_SERVER_H
#define MADOGUCHI_HTTP_SERVER_H

struct app;

/*
 * Serves until SIGTERM or SIGINT, then stops accepting, lets the requests in
 * flight finish (up to 30 s) and returns 0; -1 if the server cannot start.
 */
int server_run(struct app *app);

/*
 * The program's periodic jobs (src/jobs.c), run every housekeeping round
 * (10 minutes) on the main thread; the server knows no rule of them.
 */
extern void (*const server_jobs)(const struct app *app);

#endif
