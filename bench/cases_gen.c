/*
 * Generator of bench/cases: a provider at the scale SPEC §9 names (5,000
 * customers, 2,000,000 cases, 20,000,000 public comments) times SCALE, in a
 * fresh data directory. The schema comes from migrate_run (linked from
 * build/libmadoguchi.a); rows are then inserted directly with prepared
 * statements in large transactions. The search index (case_search) is
 * filled at the end, in rowid order, by the statements of migration 0008:
 * the rows src/store/cases.c writes one at a time (the customer's scope
 * token and the text; rowid case id * 65536 + 0 for the case's own text,
 * + 1, 2, … for its comments).
 *
 * Only here: PRAGMA synchronous=OFF and journal_mode=OFF (a crash leaves a
 * broken directory to delete, nothing else), and a big page cache. The
 * database is put back in WAL mode at the end.
 *
 * Customer 1 (N300000001, user bench@c1.example.cs) gets 1% of the cases:
 * the "customer with many cases" of the benchmark. BIG_CUSTOMER_CASES=N
 * gives it N cases instead, with the full-size ratio of comments (10 a
 * case), whatever SCALE the others have: the hard case of a keyword search
 * (N=20000, as at SCALE=1) can then be measured on a small database. Its
 * cases are spread evenly over the others in time. Texts mix Japanese and
 * English phrases with numbers, so that the trigram index holds a realistic
 * variety; "ファイアウォール" is in about 3% of the comments.
 *
 * Usage: [BIG_CUSTOMER_CASES=N] cases_gen DATA_DIR [SCALE]
 *        (SCALE default 0.05; 1 = full size)
 * Prints the counts, the sign-in of the benchmark user and the time taken.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "auth/password.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/settings.h"
#include "accounts/staff.h"

#define BENCH_PASSWORD    "Madoguchi#Demo2026"
#define BATCH_CASES       20000 /* cases (with their comments) per transaction */
#define COMMENTS_PER_CASE 10    /* 20,000,000 / 2,000,000 */

/* ---- A small, fast random generator (xorshift64*) ---- */

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned
rnd_below(unsigned n)
{
	return (unsigned)(rnd() % n);
}

/* ---- Texts ---- */

static const char *const ja_phrases[] = {
    "いつもお世話になっております。",
    "アラートが検知されましたので確認をお願いします。",
    "ファイアウォール設定の変更を依頼します。",
    "VPN 接続が断続的に切断されます。",
    "ログの保存期間について教えてください。",
    "月次レポートの内容について質問があります。",
    "検知ポリシーの見直しをお願いします。",
    "対応状況をご連絡いただけますでしょうか。",
    "本件、承知いたしました。調査いたします。",
    "ご確認ありがとうございます。",
    "設定変更を実施しました。結果をご確認ください。",
    "該当の IP アドレスからの通信を遮断しました。",
    "誤検知の可能性が高いと判断しております。",
    "メンテナンス作業の日程を調整させてください。",
    "証明書の有効期限が近づいています。",
    "管理画面にログインできない状態です。",
    "多要素認証の設定方法を教えてください。",
    "脆弱性診断の結果を添付いたします。",
    "影響範囲を調査中です。しばらくお待ちください。",
    "再発防止策をご提案いたします。",
    "クラウド環境のコンプライアンスレポートを作成しました。",
    "不審なログイン試行が複数回ありました。",
    "マルウェアの隔離を完了しました。",
    "端末の再起動後に事象は解消しました。",
    "タイムアウトが頻発しております。",
    "権限設定に誤りがないかご確認ください。",
    "バックアップの取得状況を確認しました。",
    "本日中に回答いたします。",
};

static const char *const en_phrases[] = {
    "Thank you for contacting us.",
    "We detected an alert on your environment.",
    "Please review the firewall rule change.",
    "The VPN tunnel keeps dropping every few minutes.",
    "Could you extend the log retention period?",
    "We have a question about the monthly report.",
    "The detection policy has been updated.",
    "We are investigating the root cause.",
    "The certificate will expire soon.",
    "Blocked traffic from the suspicious address.",
    "This looks like a false positive.",
    "Please confirm the maintenance window.",
    "Multi-factor authentication is now enforced.",
    "The compliance report is attached.",
    "Malware was quarantined on the endpoint.",
    "The issue no longer occurs after the reboot.",
    "Requests time out intermittently.",
    "Please check the IAM permissions.",
};

static const char *const subjects[] = {
    "お問い合わせ",
    "アラートについて",
    "VPN 接続の不具合",
    "ファイアウォール設定変更",
    "月次レポートの件",
    "ログ保存期間の延長",
    "1. CSPM 検知ポリシー変更",
    "5. CSPM コンプライアンスレポート作成",
    "証明書更新のご相談",
    "Alert investigation",
    "Firewall rule request",
    "Login failures",
    "Malware detected",
    "正常性確認依頼",
    "ご利用クレジット数超過",
};

static const char *const categories[] = {
    "service", "product",        "alert", "fault",        "report_question", "other",
    "work",    "monthly_report", "alarm", "health_check", "overage"};
static const unsigned category_weights[] = {14, 8, 20, 8, 5, 10, 15, 12, 5, 2, 1};

static const char *const family[] = {"佐藤", "鈴木", "高橋", "田中", "伊藤",  "渡辺",
                                     "山本", "中村", "小林", "加藤", "Smith", "Garcia"};
static const char *const given[] = {"太郎", "花子", "一郎", "美咲", "健太",
                                    "真理", "翔",   "陽菜", "Alex", "Maria"};

/* A comment: 1 to 3 phrases, Japanese mostly, with numbers here and there. */
static void
comment_text(char *out, size_t n, bool firewall)
{
	size_t len = 0;
	int k = 1 + (int)rnd_below(3);
	for (int i = 0; i < k && len + 1 < n; i++) {
		const char *p;
		if (firewall && i == 0)
			p = ja_phrases[2];
		else if (rnd_below(4) == 0)
			p = en_phrases[rnd_below(sizeof(en_phrases) / sizeof(en_phrases[0]))];
		else
			do
				p = ja_phrases[rnd_below(sizeof(ja_phrases) /
				                         sizeof(ja_phrases[0]))];
			while (!firewall && p == ja_phrases[2]);
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? " " : "", p);
	}
	if (len + 1 < n && rnd_below(3) == 0)
		snprintf(out + len, n - len, " (ref %u-%04u, 10.%u.%u.%u)",
		         rnd_below(90000) + 10000, rnd_below(10000), rnd_below(256), rnd_below(256),
		         rnd_below(256));
}

/* Cases still to make and their comments, of customer 1 or of the others. */
struct pool {
	long cases, comments;
};

/*
 * The comments of the next case of a pool: 0 to twice the pool's average,
 * so that the pool's total comes out exact; all that is left on its last.
 */
static long
pool_take(struct pool *p)
{
	long ncom = p->cases == 1 ? p->comments
	                          : (long)rnd_below((unsigned)(2 * p->comments / p->cases) + 1);
	if (ncom > p->comments)
		ncom = p->comments;
	p->cases--;
	p->comments -= ncom;
	return ncom;
}

/* ---- Statements ---- */

/* case_search's rows, as migrations 0008 and 0010 fill it (rowids in order). */
static const char search_fill[] =
    "INSERT INTO case_search (rowid, body) SELECT id * 65536, fts_scope_token(customer_id) || "
    "number || char(10) || subject || char(10) || description FROM cases ORDER BY id;"
    "INSERT INTO case_search (rowid, body) SELECT case_id * 65536 + n, body FROM (SELECT "
    "v.case_id, ROW_NUMBER() OVER (PARTITION BY v.case_id ORDER BY v.at, v.id) AS n, "
    "fts_scope_token(k.customer_id) || v.body AS body FROM case_activity v JOIN cases k "
    "ON k.id = v.case_id WHERE v.kind = 'comment') WHERE n < 65536;";

static struct dbq *
must_prepare(struct db *db, const char *sql)
{
	struct dbq *q = db_prepare(db, sql);
	if (!q) {
		fprintf(stderr, "cases_gen: cannot prepare: %s\n", sql);
		exit(1);
	}
	return q;
}

static void
must_step(struct dbq *q, const char *what)
{
	if (q_step(q) != DB_DONE) {
		fprintf(stderr, "cases_gen: insert into %s failed\n", what);
		exit(1);
	}
	q_end(q);
}

static void
must_exec(struct db *db, const char *sql)
{
	if (db_exec(db, sql) != 0) {
		fprintf(stderr, "cases_gen: %s failed\n", sql);
		exit(1);
	}
}

static double
now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int
main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s DATA_DIR [SCALE]\n", argv[0]);
		return 2;
	}
	double scale = argc == 3 ? atof(argv[2]) : 0.05;
	if (!(scale > 0 && scale <= 1.0)) {
		fprintf(stderr, "cases_gen: SCALE must be in (0, 1]\n");
		return 2;
	}
	const char *dir = argv[1];
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	static char path[4096];
	snprintf(path, sizeof(path), "%s/madoguchi.db", dir);
	struct stat st;
	if (stat(path, &st) == 0) {
		fprintf(stderr, "cases_gen: %s exists: give a fresh directory\n", path);
		return 1;
	}
	long ncustomers = (long)(5000 * scale + 0.5), ncases = (long)(2000000 * scale + 0.5);
	if (ncustomers < 10)
		ncustomers = 10;
	/* Customer 1's cases (pool 0) and everybody else's (pool 1). */
	struct pool pools[2] = {{.cases = ncases / 100}, {.cases = ncases - ncases / 100}};
	const char *big_env = getenv("BIG_CUSTOMER_CASES");
	if (big_env && *big_env) {
		char *end;
		long v = strtol(big_env, &end, 10);
		if (*end || v < 0 || v > 9000000) {
			fprintf(stderr, "cases_gen: BIG_CUSTOMER_CASES must be 0 to 9000000\n");
			return 2;
		}
		pools[0].cases = v;
	}
	for (int p = 0; p < 2; p++)
		pools[p].comments = pools[p].cases * COMMENTS_PER_CASE;
	ncases = pools[0].cases + pools[1].cases;
	double t0 = now_s();

	db_configure(path);
	struct db *db = db_thread();
	if (!db || migrate_run(db) < 0) {
		fprintf(stderr, "cases_gen: cannot create the schema\n");
		return 1;
	}
	must_exec(db,
	          "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; "
	          "PRAGMA cache_size=-1000000; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF");
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(BENCH_PASSWORD, hash) != 0)
		return 1;
	int64_t now = (int64_t)time(NULL), span = 3LL * 365 * 86400;

	/* Provider, services, staff, customers with contracts and users. */
	must_exec(db, "BEGIN");
	if (settings_put(db, "provider.name", "ベンチマーク セキュリティ株式会社") != 0 ||
	    settings_put(db, "provider.short_name", "MSOC") != 0 ||
	    /* the benchmark's staff sign in with the password alone */
	    settings_put(db, STAFF_MFA_SETTING, STAFF_MFA_OPTIONAL) != 0)
		return 1;
	static const char *const svc[][3] = {{"cspm", "マネージドCSPM", "Managed CSPM"},
	                                     {"soar", "マネージドSOAR", "Managed SOAR"},
	                                     {"edr", "マネージドEDR", "Managed EDR"},
	                                     {"waf", "マネージドWAF", "Managed WAF"},
	                                     {"siem", "マネージドSIEM", "Managed SIEM"}};
	struct dbq *qs =
	    must_prepare(db, "INSERT INTO services (code, name_ja, name_en, has_points) "
	                     "VALUES (?, ?, ?, 0)");
	for (int i = 0; i < 5; i++) {
		q_bind_text(qs, 1, svc[i][0]);
		q_bind_text(qs, 2, svc[i][1]);
		q_bind_text(qs, 3, svc[i][2]);
		must_step(qs, "services");
	}
	q_finalize(qs);
	struct dbq *qu = must_prepare(
	    db, "INSERT INTO users (login, customer_id, is_staff, is_admin, name, email, lang, "
	        "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'ja', ?, ?, ?)");
	int nstaff = 20;
	for (int i = 0; i < nstaff; i++) {
		char login[64], name[64];
		if (i == 0)
			snprintf(login, sizeof(login), "agent@bench.example.cs");
		else
			snprintf(login, sizeof(login), "agent%d@bench.example.cs", i);
		snprintf(name, sizeof(name), "見晴 %s%d", given[i % 10], i);
		q_bind_text(qu, 1, login);
		q_bind_null(qu, 2);
		q_bind_int(qu, 3, 1);
		q_bind_int(qu, 4, i == 0);
		q_bind_text(qu, 5, name);
		q_bind_text(qu, 6, login);
		q_bind_text(qu, 7, hash);
		q_bind_int(qu, 8, now);
		q_bind_int(qu, 9, now);
		must_step(qu, "users");
	}
	struct dbq *qc = must_prepare(db, "INSERT INTO customers (id, number, name, created_at) "
	                                  "VALUES (?, ?, ?, ?)");
	struct dbq *qk =
	    must_prepare(db, "INSERT INTO contracts (customer_id, service_id, kind, plan, "
	                     "start_date, created_at) VALUES (?, ?, 'マネージドサービス', "
	                     "'スタンダード', '2024-04-01', ?)");
	/* Users of customer c: ids first_user + 2(c-1) (admin) and + 1 (user). */
	int64_t first_user = nstaff + 1;
	for (long c = 1; c <= ncustomers; c++) {
		char number[32], name[64];
		snprintf(number, sizeof(number), "N3%08ld", c);
		snprintf(name, sizeof(name), "ベンチ商事%ld 株式会社", c);
		q_bind_int(qc, 1, c);
		q_bind_text(qc, 2, number);
		q_bind_text(qc, 3, name);
		q_bind_int(qc, 4, now - span);
		must_step(qc, "customers");
		for (int k = 0; k < 2; k++) {
			q_bind_int(qk, 1, c);
			q_bind_int(qk, 2, 1 + (c + k * 2) % 5);
			q_bind_int(qk, 3, now - span);
			must_step(qk, "contracts");
			char login[64], uname[64];
			snprintf(login, sizeof(login), "%s@c%ld.example.cs", k ? "bench" : "admin",
			         c);
			snprintf(uname, sizeof(uname), "%s %s", family[(c + k) % 12],
			         given[(c * 3 + k) % 10]);
			q_bind_text(qu, 1, login);
			q_bind_int(qu, 2, c);
			q_bind_int(qu, 3, 0);
			q_bind_int(qu, 4, k == 0);
			q_bind_text(qu, 5, uname);
			q_bind_text(qu, 6, login);
			q_bind_text(qu, 7, hash);
			q_bind_int(qu, 8, now);
			q_bind_int(qu, 9, now);
			must_step(qu, "users");
		}
	}
	q_finalize(qc);
	q_finalize(qk);
	q_finalize(qu);
	must_exec(db, "COMMIT");

	/*
	 * The secondary indexes of cases and case_activity are built once at
	 * the end (a sort) rather than row by row: their definitions are read
	 * from the schema, dropped, and created again as they were.
	 */
	char *indexes[32];
	int nindexes = 0;
	struct arena *ar = arena_new();
	struct dbq *qi =
	    must_prepare(db, "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
	                     "AND tbl_name IN ('cases', 'case_activity') AND sql IS NOT NULL");
	char *names[32];
	while (nindexes < 32 && q_step(qi) == DB_ROW) {
		names[nindexes] = q_text(qi, 0, ar);
		indexes[nindexes++] = q_text(qi, 1, ar);
	}
	q_finalize(qi);
	for (int i = 0; i < nindexes; i++) {
		char drop[200];
		snprintf(drop, sizeof(drop), "DROP INDEX \"%s\"", names[i]);
		must_exec(db, drop);
	}

	/* Cases in the order of their creation, each followed by its activity. */
	struct dbq *qcase = must_prepare(
	    db,
	    "INSERT INTO cases (id, number, customer_id, service_id, contact_id, category, state, "
	    "subject, description, assignee_id, created_at, updated_at, closed_at) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
	struct dbq *qact =
	    must_prepare(db, "INSERT INTO case_activity (id, case_id, at, author_id, "
	                     "kind, body) VALUES (?, ?, ?, ?, ?, ?)");
	unsigned wsum = 0;
	for (size_t i = 0; i < sizeof(category_weights) / sizeof(category_weights[0]); i++)
		wsum += category_weights[i];
	int64_t act_id = 0, comments_done = 0;
	long big = pools[0].cases;
	double tcases = now_s();
	must_exec(db, "BEGIN");
	for (long id = 1; id <= ncases; id++) {
		/* Customer 1's cases evenly among the others' (in steps of ncases / big). */
		bool is_big = id * big / ncases > (id - 1) * big / ncases;
		long cust = is_big ? 1 : 2 + (long)rnd_below((unsigned)ncustomers - 1);
		int64_t created =
		    now - span + (int64_t)((double)span * (double)(id - 1) / (double)ncases);
		long ncom = pool_take(&pools[is_big ? 0 : 1]);
		unsigned w = rnd_below(wsum), ci = 0;
		while (w >= category_weights[ci])
			w -= category_weights[ci++];
		/* Old cases are closed; recent ones in every state. */
		const char *state;
		if (created < now - 60 * 86400 && rnd_below(20) != 0)
			state = "closed";
		else
			state = (const char *[]){"new", "working", "awaiting", "resolved",
			                         "closed"}[rnd_below(5)];
		char number[32], subject[200], desc[600];
		snprintf(number, sizeof(number), "CS%07ld", id);
		snprintf(subject, sizeof(subject), "%s %ld",
		         subjects[rnd_below(sizeof(subjects) / sizeof(subjects[0]))], id % 1000);
		comment_text(desc, sizeof(desc), rnd_below(40) == 0);
		int64_t contact = first_user + 2 * (cust - 1) + (int64_t)rnd_below(2);
		int64_t at = created;
		q_bind_int(qcase, 1, id);
		q_bind_text(qcase, 2, number);
		q_bind_int(qcase, 3, cust);
		q_bind_int(qcase, 4, 1 + (cust + (long)rnd_below(2) * 2) % 5);
		q_bind_int(qcase, 5, contact);
		q_bind_text(qcase, 6, categories[ci]);
		q_bind_text(qcase, 7, state);
		q_bind_text(qcase, 8, subject);
		q_bind_text(qcase, 9, desc);
		if (rnd_below(3))
			q_bind_int(qcase, 10, 1 + (int64_t)rnd_below((unsigned)nstaff));
		else
			q_bind_null(qcase, 10);
		q_bind_int(qcase, 11, created);
		/* updated_at is the time of the last comment: set after them. */
		int64_t last = created + (int64_t)ncom * 3600 + 60;
		int64_t updated = last > now ? now : last;
		q_bind_int(qcase, 12, updated);
		if (strcmp(state, "closed") == 0)
			q_bind_int(qcase, 13, updated);
		else
			q_bind_null(qcase, 13);
		must_step(qcase, "cases");
		char body[900];
		q_bind_int(qact, 1, ++act_id);
		q_bind_int(qact, 2, id);
		q_bind_int(qact, 3, at);
		q_bind_int(qact, 4, contact);
		q_bind_text(qact, 5, "created");
		q_bind_text(qact, 6, "");
		must_step(qact, "case_activity");
		for (long k = 0; k < ncom; k++) {
			at = created + (k + 1) * 3600;
			if (at > now)
				at = now;
			comment_text(body, sizeof(body), rnd_below(33) == 0);
			q_bind_int(qact, 1, ++act_id);
			q_bind_int(qact, 2, id);
			q_bind_int(qact, 3, at);
			q_bind_int(qact, 4,
			           k % 2 ? contact : 1 + (int64_t)rnd_below((unsigned)nstaff));
			q_bind_text(qact, 5, "comment");
			q_bind_text(qact, 6, body);
			must_step(qact, "case_activity");
		}
		comments_done += ncom;
		if (id % BATCH_CASES == 0) {
			must_exec(db, "COMMIT");
			double el = now_s() - tcases;
			fprintf(stderr, "\rcases_gen: %ld/%ld cases, %lld comments, %.0f s", id,
			        ncases, (long long)comments_done, el);
			must_exec(db, "BEGIN");
		}
	}
	must_exec(db, "COMMIT");
	q_finalize(qcase);
	q_finalize(qact);
	char sql[128];
	snprintf(sql, sizeof(sql), "UPDATE counters SET value = %ld WHERE name = 'case'", ncases);
	must_exec(db, sql);
	double tindex = now_s();
	fprintf(stderr, "\ncases_gen: rows in %.0f s; building %d indexes\n", tindex - t0,
	        nindexes);
	for (int i = 0; i < nindexes; i++)
		must_exec(db, indexes[i]);
	arena_free(ar);
	double tload = now_s();
	fprintf(stderr, "cases_gen: indexes in %.0f s; building the search index\n",
	        tload - tindex);
	must_exec(db, "BEGIN");
	must_exec(db, search_fill);
	must_exec(db, "COMMIT");
	/* One b-tree per term instead of dozens of segments. */
	if (!getenv("NO_OPTIMIZE"))
		must_exec(db, "INSERT INTO case_search (case_search) VALUES ('optimize')");
	must_exec(db, "PRAGMA journal_mode=WAL");
	db_thread_close();
	double t1 = now_s();
	printf("customers %ld, cases %ld, comments %lld (+%ld 'created' activities), staff %d\n",
	       ncustomers, ncases, (long long)comments_done, ncases, nstaff);
	printf("customer N300000001 has about %ld cases; sign in as bench@c1.example.cs / %s\n",
	       big, BENCH_PASSWORD);
	printf("staff: agent@bench.example.cs / %s\n", BENCH_PASSWORD);
	printf("generation: %.1f s (rows %.1f s, indexes %.1f s, search index %.1f s)\n", t1 - t0,
	       tindex - t0, tload - tindex, t1 - tload);
	return 0;
}
