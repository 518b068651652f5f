/* The monthly report's delivery as a case; see report_delivery.h. */
#include "cases/report_delivery.h"
#include "app.h"
#include "cases/cases.h"
#include "cases/report.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "files/filestore.h"
#include "store/cases.h"
#include "store/db.h"
#include "store/reports.h"
#include "store/settings.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int64_t
report_delivery_since(struct db *db)
{
	struct arena *a = arena_new();
	const char *v = settings_get(db, REPORT_DELIVERY_SETTING, a);
	char *end = NULL;
	long long since = v ? strtoll(v, &end, 10) : 0;
	if (!v || *end || since < 0)
		since = 0;
	arena_free(a);
	return (int64_t)since;
}

/* The report's PDF as a file ready for the store (sealed, pending). 0 or -1 (logged). */
static int
pdf_file(const struct dom *d, const struct monthly_report *rep, enum lang lang,
         struct incoming_file *f)
{
	const char *dir = arena_printf(d->a, "%s/tmp", d->app->cfg.data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST)
		return -1;
	char *path = arena_printf(d->a, "%s/report-XXXXXX", dir);
	int tmp = mkstemp(path);
	if (tmp < 0)
		return -1;
	close(tmp);
	int rc = monthly_report_pdf(rep, lang, d->app->provider_short, path);
	int fd = rc == 0 ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	unlink(path);
	if (fd < 0)
		return -1;
	struct file_put *p = file_put_begin(d->app->cfg.data_dir);
	char chunk[65536];
	ssize_t n = 0;
	while (p && (n = read(fd, chunk, sizeof(chunk))) > 0)
		if (file_put_write(p, chunk, (uint64_t)n) != 0)
			break;
	close(fd);
	memset(f, 0, sizeof(*f));
	if (!p || n != 0 || file_put_seal(p, &f->stored) != 0) {
		file_put_abort(p);
		return -1;
	}
	f->pending = p;
	f->field = "files";
	f->filename = arena_printf(d->a, "%s.pdf", monthly_report_file_stem(rep, d->a));
	return 0;
}

/* The language of the contact the case will go to (the customer's first admin). */
static enum lang
reader_lang(struct db *db, int64_t customer_id, struct arena *a)
{
	struct person *people;
	enum lang lang = LANG_JA;
	if (customer_people(db, customer_id, a, &people) > 0 &&
	    lang_parse(people[0].lang, &lang) != 0)
		lang = LANG_JA;
	return lang;
}

/*
 * Raises the case of one customer's month, inside a batch with its claim:
 * DOM_OK also when another run claimed the month first (nothing done).
 */
static int
deliver_one(struct dom *d, struct db *db, int64_t customer_id, int y, int m, int *delivered)
{
	struct monthly_report rep;
	int st = monthly_report_build(d, customer_id, y, m, &rep);
	if (st != DOM_OK)
		return st == DOM_NOT_FOUND ? DOM_OK : DOM_ERROR;
	enum lang lang = reader_lang(db, customer_id, d->a);
	struct incoming_file f;
	if (pdf_file(d, &rep, lang, &f) != 0) {
		log_error("monthly report %s %s: the PDF failed", rep.customer_number, rep.key);
		return DOM_ERROR;
	}
	const char *month = monthly_report_month_label(&rep, lang, d->a);
	struct case_open_in in = {
	    .customer_number = rep.customer_number,
	    .category = "monthly_report",
	    .subject = arena_printf(d->a, i18n_tr(lang, "%s monthly report"), month),
	    .description = arena_printf(
	        d->a, i18n_tr(lang, "Here is the service report of %s. Please find it attached."),
	        month),
	    .files = {&f, 1}};
	struct case_row c;
	if (db_batch_begin(db) != 0) {
		file_put_abort(f.pending);
		return DOM_ERROR;
	}
	int64_t claim = report_claim(db, customer_id, rep.key);
	st = claim > 0 ? case_open(d, &in, &c) : claim == 0 ? DOM_CONFLICT : DOM_ERROR;
	if (st == DOM_OK && report_claim_case(db, claim, c.id) != 0)
		st = DOM_ERROR;
	if (st == DOM_OK && db_batch_commit(db) == 0) {
		(*delivered)++;
		return DOM_OK;
	}
	db_batch_rollback(db);
	file_put_abort(f.pending);
	if (st == DOM_CONFLICT) /* claimed by another run meanwhile */
		return DOM_OK;
	log_error("monthly report %s %s: the case failed (%d)", rep.customer_number, rep.key, st);
	return DOM_ERROR;
}

int
monthly_reports_deliver(struct dom *d, int *delivered)
{
	*delivered = 0;
	if (d->who.user_id != 0)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int64_t since = report_delivery_since(db), now = clock_now();
	int y, m;
	if (!since || report_month_of(now, &y, &m) != 0)
		return since ? DOM_ERROR : DOM_OK;
	int64_t start = tz_month_start(TZ_DEFAULT, y, m);
	if (start < 0 || since >= start) /* turned on this month: from the next 1st */
		return start < 0 ? DOM_ERROR : DOM_OK;
	if (--m < 1) {
		m = 12;
		y--;
	}
	/* The case is raised by the portal for the provider, as staff would raise it. */
	struct dom sys = {.app = d->app, .a = d->a, .who = {.staff = true, .lang = LANG_JA}};
	const char *key = arena_printf(d->a, "%04d-%02d", y, m);
	int64_t *due;
	int n =
	    report_due(db, key, report_date(start - 1, d->a), REPORT_DELIVERY_BATCH, d->a, &due);
	bool failed = n < 0;
	/* One customer's failure (logged) does not hold back the others' reports. */
	for (int i = 0; i < n; i++) {
		sys.nerrors = 0;
		sys.message = NULL;
		if (deliver_one(&sys, db, due[i], y, m, delivered) != DOM_OK)
			failed = true;
	}
	return failed ? DOM_ERROR : DOM_OK;
}
