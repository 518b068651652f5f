/*
 * Driver of bench/export: writes ROWS rows of a login-history-like table in
 * one format and reports the time and memory it took. Memory is shown two
 * ways: the peak RSS (getrusage) after a small warm-up export and after the
 * measured one, and the growth of the current RSS (/proc/self/statm,
 * sampled every 1,000 rows) from row 1,000 to the end — flat output means
 * the export streams.
 *
 * Usage: export_driver csv|xlsx|pdf ROWS PATH
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "export/export.h"

static const struct export_col cols[] = {
    {"ID", EXPORT_TEXT, 10},          {"利用者", EXPORT_TEXT, 16},   {"イベント", EXPORT_TEXT, 18},
    {"IP アドレス", EXPORT_TEXT, 16}, {"ブラウザ", EXPORT_TEXT, 34}, {"日時", EXPORT_TIME, 20},
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

static const char *const names[] = {"青葉 一郎", "鴎 花子", "桜井 次郎", "Alice Smith"};
static const char *const events[] = {"ログイン成功", "ログイン失敗", "パスワード変更", "=1+1"};

/* Current resident set in KiB. */
static long
rss_kib(void)
{
	long pages = 0, resident = 0;
	FILE *f = fopen("/proc/self/statm", "r");
	if (f) {
		if (fscanf(f, "%ld %ld", &pages, &resident) != 2)
			resident = 0;
		fclose(f);
	}
	return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

static long
maxrss_kib(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

/* The value in KiB of field ("RssAnon:") of /proc/self/status. */
static long
status_kib(const char *field)
{
	char line[256];
	long v = 0;
	FILE *f = fopen("/proc/self/status", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (strncmp(line, field, strlen(field)) == 0)
			v = atol(line + strlen(field));
	fclose(f);
	return v;
}

/* User and system CPU seconds of ru. */
static double
cpu_s(const struct rusage *ru)
{
	return (double)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) +
	       (double)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec) / 1e6;
}

/*
 * Writes rows rows to path; with growth not NULL, stores there the RSS
 * growth from row 1,000 to the end. Returns 0 or -1.
 */
static int
run(enum export_format fmt, const char *path, long rows, long *growth)
{
	struct export *e = export_open(fmt, path, "ログイン履歴 — ベンチマーク", cols, NCOLS);
	if (!e)
		return -1;
	long base = 0, peak = 0;
	time_t t0 = 1767225600; /* 2026-01-01T00:00:00Z */
	for (long i = 0; i < rows; i++) {
		char id[32], ip[32], ua[96];
		snprintf(id, sizeof(id), "L-%07ld", i);
		snprintf(ip, sizeof(ip), "192.0.2.%ld", i % 256);
		snprintf(ua, sizeof(ua), "Mozilla/5.0 (X11; Linux x86_64) Chrome/%ld.0",
		         100 + i % 40);
		struct export_value v[NCOLS] = {
		    {.text = id}, {.text = names[i % 4]}, {.text = events[i % 4]},
		    {.text = ip}, {.text = ua},
		};
		time_t t = t0 + i * 37;
		gmtime_r(&t, &v[5].tm);
		if (export_row(e, v) < 0) {
			export_close(e);
			return -1;
		}
		if (growth && (i + 1) % 1000 == 0) {
			long r = rss_kib();
			if (i + 1 == 1000)
				base = r;
			if (r > peak)
				peak = r;
		}
	}
	int rc = export_close(e);
	if (growth) {
		long r = rss_kib();
		*growth = (r > peak ? r : peak) - base;
	}
	return rc;
}

int
main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s csv|xlsx|pdf ROWS PATH\n", argv[0]);
		return 2;
	}
	enum export_format fmt;
	if (strcmp(argv[1], "csv") == 0)
		fmt = EXPORT_CSV;
	else if (strcmp(argv[1], "xlsx") == 0)
		fmt = EXPORT_XLSX;
	else if (strcmp(argv[1], "pdf") == 0)
		fmt = EXPORT_PDF;
	else
		return 2;
	long rows = atol(argv[2]);

	/* Warm-up: libraries loaded, fonts opened, allocator pools filled before measuring. */
	char warm[4096];
	snprintf(warm, sizeof(warm), "%s.warm", argv[3]);
	if (run(fmt, warm, 300, NULL) < 0)
		return 1;
	unlink(warm);

	long before = maxrss_kib(), growth = 0;
	struct rusage ru0;
	getrusage(RUSAGE_SELF, &ru0);
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	if (run(fmt, argv[3], rows, &growth) < 0) {
		fprintf(stderr, "export failed\n");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	long after = maxrss_kib();
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	struct stat st;
	stat(argv[3], &st);
	printf("%-4s %8ld rows  %7.2f s (CPU %.2f s)  peak RSS %6.1f -> %6.1f MiB (+%.1f)  "
	       "RSS growth after row 1000 %+.1f MiB  file %.1f MiB\n"
	       "     now: RSS anonymous %.1f MiB, mapped files %.1f MiB (fonts, libraries)\n",
	       argv[1], rows, (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
	       cpu_s(&ru) - cpu_s(&ru0), before / 1024.0, after / 1024.0, (after - before) / 1024.0,
	       growth / 1024.0, (double)st.st_size / (1024.0 * 1024.0),
	       status_kib("RssAnon:") / 1024.0, status_kib("RssFile:") / 1024.0);
	return 0;
}
