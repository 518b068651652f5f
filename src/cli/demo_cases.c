/*
 * Cases for the demo, so that a newcomer's portal looks lived in: for each
 * demo customer, cases in every state (新規, 作業中, お客様確認待ち,
 * 解決済み, クローズ) with comments from both sides, an internal work note,
 * a monthly report delivery (月次レポート送付) with its report attached and
 * an alarm raised by the provider; and work requests accepted (points
 * used), rejected and waiting. Everything goes through the case
 * operations (cases/cases.h), exactly as the pages would do it, so the
 * activity, the audit trail and the mails are the real ones; all of it in
 * one transaction, kept whole or not at all.
 */
#include "app.h"
#include "cases/cases.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/log.h"
#include "domain/domain.h"
#include "files/filestore.h"
#include "store/cases.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/users.h"
#include "store/work_requests.h"
#include "work/work.h"

#include <stdio.h>
#include <string.h>

#define AGENT_LOGIN "agent@miharashi.example.cs"

struct demo_people {
	const char *number, *admin, *user;
};

static const struct demo_people people[] = {
    {"N200000001", "admin@aoba.example.cs", "user@aoba.example.cs"},
    {"N200000002", "admin@kamome.example.cs", "user@kamome.example.cs"},
    {"N200000003", "admin@sakura.example.cs", "user@sakura.example.cs"},
};

struct demo_run {
	struct app *app;
	struct arena *a;
	int failed;
};

/* A context for the user of login, as the pages fill it. 0 or -1. */
static int
as(struct demo_run *run, const char *login, struct dom *d)
{
	struct db *db = db_thread();
	int64_t id = users_id_by_login(db, login);
	struct user u;
	if (id <= 0 || users_get(db, id, run->a, &u) != 1)
		return -1;
	memset(d, 0, sizeof(*d));
	d->app = run->app;
	d->a = run->a;
	actor_of_user(&d->who, &u);
	return 0;
}

/* Notes a refusal: the demo is wrong, not the user. */
static void
check(struct demo_run *run, int status, const struct dom *d, const char *what)
{
	if (status == DOM_OK)
		return;
	log_error("demo case %s: status %d (%s)", what, status,
	          d->message   ? d->message
	          : d->nerrors ? d->errors[0].msgid
	                       : "");
	run->failed = 1;
}

/* A customer's inquiry; its number is written to number. */
static void
inquiry(struct demo_run *run, const char *login, const char *category, const char *subject,
        const char *description, char number[16])
{
	struct dom d;
	number[0] = '\0';
	if (as(run, login, &d) != 0) {
		run->failed = 1;
		return;
	}
	struct service_row *sv;
	int ns = services_of_customer(db_thread(), d.who.customer_id, run->a, &sv);
	struct case_open_in in = {.service_id = ns > 0 ? sv[0].id : 0,
	                          .category = category,
	                          .subject = subject,
	                          .description = description};
	struct case_row c;
	int st = case_open(&d, &in, &c);
	check(run, st, &d, subject);
	if (st == DOM_OK)
		snprintf(number, 16, "%s", c.number);
}

static void
comment(struct demo_run *run, const char *login, const char *number, const char *body,
        bool internal)
{
	struct dom d;
	struct case_row c;
	struct case_comment_in in = {.number = number, .body = body, .internal = internal};
	if (as(run, login, &d) == 0)
		check(run, case_comment(&d, &in, &c), &d, number);
}

static void
staff_move(struct demo_run *run, const char *number, int state, bool assign)
{
	struct dom d;
	struct case_row c;
	if (as(run, AGENT_LOGIN, &d) != 0)
		return;
	struct case_update_in in = {
	    .number = number, .state = state, .assignee_id = assign ? d.who.user_id : -1};
	check(run, case_update(&d, &in, &c), &d, number);
}

static void
customer_act(struct demo_run *run, const char *login, const char *number, enum case_action act)
{
	struct dom d;
	struct case_row c;
	if (as(run, login, &d) == 0)
		check(run, case_act(&d, number, act, &c), &d, number);
}

/* A report as an incoming file, as if uploaded. 0 or -1. */
static int
report_file(struct demo_run *run, const char *text, const char *name, struct incoming_file *f)
{
	struct file_put *p = file_put_begin(run->app->cfg.data_dir);
	if (!p)
		return -1;
	memset(f, 0, sizeof(*f));
	if (file_put_write(p, text, strlen(text)) != 0 || file_put_seal(p, &f->stored) != 0) {
		file_put_abort(p);
		return -1;
	}
	f->pending = p;
	f->field = "files";
	f->filename = name;
	return 0;
}

/* A case the provider raises: a monthly report (with its file) or an alarm. */
static void
raise_case(struct demo_run *run, const char *customer, const char *category, const char *subject,
           const char *description, const char *report, char number[16])
{
	struct dom d;
	struct incoming_file f;
	number[0] = '\0';
	if (as(run, AGENT_LOGIN, &d) != 0 ||
	    (report && report_file(run, report, "monthly-report-2026-11.txt", &f) != 0)) {
		run->failed = 1;
		return;
	}
	struct case_open_in in = {.customer_number = customer,
	                          .category = category,
	                          .subject = subject,
	                          .description = description,
	                          .files = {report ? &f : NULL, report ? 1 : 0}};
	struct case_row c;
	int st = case_open(&d, &in, &c);
	if (st != DOM_OK && report)
		file_put_abort(f.pending);
	check(run, st, &d, subject);
	if (st == DOM_OK)
		snprintf(number, 16, "%s", c.number);
}

static void
customer_cases(struct demo_run *run, const struct demo_people *p)
{
	char n[16];
	inquiry(run, p->user, "service", "WAF のログの保管期間について",
	        "WAF の検知ログは何日間保管されますか。監査のため 1 年分が必要です。", n);

	inquiry(run, p->user, "alert", "深夜のアラートの内容を教えてください",
	        "昨夜 2 時ごろに通知されたアラートについて、影響の有無を確認したいです。", n);
	staff_move(run, n, CASE_WORKING, true);
	comment(run, AGENT_LOGIN, n, "ご連絡ありがとうございます。ログを確認しております。", false);
	comment(run, AGENT_LOGIN, n, "送信元は既知のスキャナー。遮断済みかを確認中。", true);

	inquiry(run, p->admin, "fault", "管理画面にログインできません",
	        "本日朝から管理画面でタイムアウトになります。", n);
	staff_move(run, n, CASE_WORKING, true);
	comment(run, AGENT_LOGIN, n,
	        "お手数ですが、発生時刻とお使いのブラウザーを教えていただけますか。", false);
	staff_move(run, n, CASE_AWAITING, false);

	inquiry(run, p->user, "product", "検知ルールの更新頻度について",
	        "シグネチャはどのくらいの頻度で更新されますか。", n);
	staff_move(run, n, CASE_WORKING, true);
	comment(run, AGENT_LOGIN, n, "シグネチャは毎日更新しています。緊急時は随時配信します。",
	        false);
	staff_move(run, n, CASE_RESOLVED, false);

	inquiry(run, p->admin, "other", "請求書の送付先の変更",
	        "来月から請求書の送付先を経理部に変更したいです。", n);
	staff_move(run, n, CASE_WORKING, true);
	comment(run, AGENT_LOGIN, n, "送付先を経理部に変更しました。", false);
	staff_move(run, n, CASE_RESOLVED, false);
	comment(run, p->admin, n, "確認しました。ありがとうございました。", false);
	customer_act(run, p->admin, n, CASE_ACT_ACCEPT);

	raise_case(run, p->number, "monthly_report", "2026年11月 月次レポート",
	           "11 月の運用状況をご報告します。添付のレポートをご確認ください。",
	           "Monthly service report, November 2026\n\nAlerts: 42 (critical 1)\n"
	           "Cases opened: 5, closed: 4\n",
	           n);
	raise_case(run, p->number, "alarm", "不審なログインを検知しました",
	           "海外からの管理者ログインを検知しました。心当たりがなければご連絡ください。",
	           NULL, n);
	staff_move(run, n, CASE_WORKING, true);
}

/* An answer to field f that its rules accept, as a customer would type it. */
static const char *
demo_answer(const struct work_field *f)
{
	switch (f->kind) {
	case WF_CHECKBOX:
		return "1";
	case WF_CHOICE:
		return "1";
	case WF_DATE:
		return "2026-12-15";
	case WF_TEXTAREA:
		return "対象: 本番環境\n作業は平日の日中にお願いします。";
	case WF_TEXT:
	case WF__MAX:
		break;
	}
	return "デモの依頼";
}

/* The customer user orders item; the request's number goes to number ("" on failure). */
static void
order(struct demo_run *run, const char *login, const struct work_item *item, char number[16])
{
	struct dom d;
	number[0] = '\0';
	if (as(run, login, &d) != 0) {
		run->failed = 1;
		return;
	}
	struct work_item it;
	struct work_field *f;
	int nf;
	int st = work_item_offered(&d, item->id, &it, &f, &nf);
	check(run, st, &d, item->name_ja);
	if (st != DOM_OK)
		return;
	struct work_value *v = arena_zalloc(run->a, ((size_t)nf + 1) * sizeof(*v));
	for (int i = 0; i < nf; i++)
		v[i] = (struct work_value){.field_id = f[i].id, .value = demo_answer(&f[i])};
	struct work_submit_in in = {.item_id = it.id, .values = v, .nvalues = nf};
	struct work_request wr;
	st = work_request_submit(&d, &in, &wr);
	check(run, st, &d, item->name_ja);
	if (st == DOM_OK)
		snprintf(number, 16, "%s", wr.number);
}

/*
 * Work requests in every state: one accepted (its points charged and its
 * 作業依頼 case raised), one rejected with the reason, one waiting for the
 * provider's review.
 */
static void
customer_requests(struct demo_run *run, const struct demo_people *p)
{
	struct dom d;
	if (as(run, p->user, &d) != 0) {
		run->failed = 1;
		return;
	}
	struct work_item *items;
	int n = work_catalog(db_thread(), d.who.customer_id, run->a, &items);
	if (n <= 0) /* a customer without a catalog orders nothing */
		return;
	char num[3][16];
	for (int i = 0; i < 3; i++)
		order(run, p->user, &items[i % n], num[i]);
	if (run->failed || as(run, AGENT_LOGIN, &d) != 0)
		return;
	struct work_request wr;
	struct work_accept_in acc = {.number = num[0]};
	int st = work_request_accept(&d, &acc, &wr);
	if (st == DOM_INVALID) { /* beyond the balance: the demo confirms the overage */
		as(run, AGENT_LOGIN, &d);
		acc.overage = true;
		st = work_request_accept(&d, &acc, &wr);
	}
	check(run, st, &d, num[0]);
	as(run, AGENT_LOGIN, &d);
	check(run,
	      work_request_reject(
	          &d, num[1], "ご依頼の日程では作業枠が確保できません。別の日程でご依頼ください。",
	          &wr),
	      &d, num[1]);
}

/* Whether a demo customer has any case already: 1, 0 or -1. */
static int
has_cases(struct demo_run *run)
{
	struct dom d;
	if (as(run, people[0].user, &d) != 0)
		return -1;
	struct case_row c;
	int st = case_find(&d, "CS0000001", &c);
	return st == DOM_OK ? 1 : st == DOM_NOT_FOUND ? 0 : -1;
}

/*
 * Every customer's cases and requests in one transaction (store/db.h, the
 * batch): each operation still runs as the pages run it, inside a savepoint,
 * but nothing reaches the disk before the end, and a failure keeps nothing.
 * 0 or 1.
 */
static int
seed(struct demo_run *run)
{
	struct db *db = db_thread();
	if (!db || db_batch_begin(db) != 0)
		return 1;
	for (size_t i = 0; i < sizeof(people) / sizeof(people[0]) && !run->failed; i++) {
		customer_cases(run, &people[i]);
		customer_requests(run, &people[i]);
	}
	if (run->failed) {
		db_batch_rollback(db);
		return 1;
	}
	return db_batch_commit(db) == 0 ? 0 : 1;
}

int
cli_demo_cases(struct app *app)
{
	struct demo_run run = {.app = app, .a = arena_new()};
	int rc = 1;
	int has = has_cases(&run);
	if (has < 0) {
		log_error("demo cases: create the demo data first (madoguchi demo)");
	} else if (has) {
		printf("Demo cases already present in %s\n", app->cfg.database);
		rc = 0;
	} else {
		rc = seed(&run);
		if (rc == 0)
			printf("Demo cases created in %s\n", app->cfg.database);
		else
			log_error("demo cases could not be created; nothing was kept");
	}
	arena_free(run.a);
	db_thread_close();
	return rc;
}
