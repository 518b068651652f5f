/*
 * ポイント管理: the customer's point periods (お客様番号, 開始日, 終了日,
 * 作業依頼契約ポイント合計, 消化数, 残数) and, for the chosen period, every
 * ledger line behind its figures. Customers whose contracts have no points
 * do not have the page (404) nor its menu row.
 */
#include "core/arena.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "pages/pages.h"
#include "views/points_view.h"
#include "store/db.h"
#include "web/fields.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

/* The period asked for (?period=), else the one covering today, else the newest. */
static int64_t
chosen_period(struct req *r, const struct point_period *p, int n)
{
	static const struct field_decl period_decl[] = {{.name = "period", .kind = FIELD_ID}};
	struct field_value v;
	int64_t want = fields_read(r, FROM_QUERY, period_decl, 1, NULL, &v) == 0 ? v.num : 0;
	if (want)
		for (int i = 0; i < n; i++)
			if (p[i].id == want)
				return want;
	char today[11];
	points_today(today);
	for (int i = 0; i < n; i++)
		if (strcmp(p[i].start_date, today) <= 0 && strcmp(today, p[i].end_date) <= 0)
			return p[i].id;
	return n > 0 ? p[0].id : 0;
}

int
page_points(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t cid = r->user->customer_id;
	int avail = points_available(db, cid);
	if (avail <= 0)
		return avail < 0 ? 500 : 404;
	struct point_period *p;
	int n = points_periods(db, cid, r->a, &p);
	if (n < 0)
		return 500;
	struct page pg = {.title = T(r, "Point management"), .menu = "points"};
	layout_begin(r, &pg);
	struct buf *b = &r->out;
	layout_heading(r, pg.title, NULL, NULL);
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No point period has been set for your contract yet."));
		html_lit(b, "</p>");
		layout_end(r);
		return 200;
	}
	int64_t sel = chosen_period(r, p, n);
	points_periods_table(r, p, n, sel, "/points?");
	for (int i = 0; i < n; i++) {
		if (p[i].id != sel)
			continue;
		struct ledger_line *l;
		int nl = points_ledger(db, sel, r->a, &l);
		if (nl < 0)
			return 500;
		points_ledger_table(r, &p[i], l, nl, "/requests/", "/cases/");
	}
	layout_end(r);
	return 200;
}
