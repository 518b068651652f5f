/* GET /healthz for load balancers: 200 "ok" when the database answers. */
#include "http/request.h"
#include "pages/pages.h"
#include "store/db.h"

int
page_health(struct req *r)
{
	struct db *db = db_thread();
	r->content_type = "text/plain; charset=utf-8";
	if (!db || db_exec(db, "SELECT 1") != 0) {
		buf_puts(&r->out, "database unavailable\n");
		return 503;
	}
	buf_puts(&r->out, "ok\n");
	return 200;
}
