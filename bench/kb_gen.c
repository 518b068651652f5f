/*
 * bench/kb_gen: adds N published knowledge articles (half 日本語, half
 * English, words drawn from a Zipf-like vocabulary) to a database that
 * `madoguchi demo` created, through the same
 * store functions as the console (numbers from the counter, the full-text
 * index kept by its triggers), in transactions of 2,000.
 *
 *   kb_gen DATABASE [N=100000]
 *
 * Built by bench/kb against build/libmadoguchi.a. Deterministic (fixed seed).
 */
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "store/users.h"
#include "web/markdown.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BATCH 2000

static uint64_t seed = 0x9e3779b97f4a7c15ULL;

static uint32_t
rnd(uint32_t n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (uint32_t)(seed % n);
}

static const char *const ja_words[] = {"クラウド",
                                       "セキュリティ",
                                       "設定",
                                       "アラート",
                                       "検知",
                                       "ポリシー",
                                       "アカウント",
                                       "レポート",
                                       "月次",
                                       "インシデント",
                                       "対応",
                                       "手順",
                                       "確認",
                                       "変更",
                                       "申請",
                                       "ログイン",
                                       "パスワード",
                                       "多要素認証",
                                       "ネットワーク",
                                       "サーバー",
                                       "脆弱性",
                                       "パッチ",
                                       "更新",
                                       "監視",
                                       "通知",
                                       "ダッシュボード",
                                       "ユーザー",
                                       "権限",
                                       "ロール",
                                       "ストレージ",
                                       "暗号化",
                                       "バックアップ",
                                       "復旧",
                                       "運用",
                                       "プレイブック",
                                       "自動化",
                                       "エンドポイント",
                                       "隔離",
                                       "調査",
                                       "分析",
                                       "コンプライアンス",
                                       "監査",
                                       "ログ",
                                       "保管",
                                       "期間",
                                       "仕様",
                                       "ご利用ガイド",
                                       "よくあるご質問",
                                       "メンテナンス",
                                       "お知らせ"};
static const char *const ja_glue[] = {"の", "を", "に",       "は",   "と",
                                      "が", "で", "について", "から", "まで"};
static const char *const en_words[] = {
    "cloud",        "security",  "configuration", "alert",         "detection",  "policy",
    "account",      "report",    "monthly",       "incident",      "response",   "procedure",
    "review",       "change",    "request",       "sign-in",       "password",   "authentication",
    "network",      "server",    "vulnerability", "patch",         "update",     "monitoring",
    "notification", "dashboard", "user",          "permission",    "role",       "storage",
    "encryption",   "backup",    "recovery",      "operations",    "playbook",   "automation",
    "endpoint",     "isolation", "investigation", "analysis",      "compliance", "audit",
    "log",          "retention", "period",        "specification", "guide",      "question",
    "maintenance",  "notice"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The vocabulary of each language: 5,000 made-up words (random kana or
 * letters) with the 50 real words above placed among the first 2,000
 * ranks, drawn with a Zipf-like law (weight 1 / (rank + 8)) as words of
 * real text are: a few terms are common, most are rare. A real word then
 * occurs in a fraction of a percent to a few tens of percent of the
 * articles, depending on its rank.
 */
#define VOCAB 5050
static char *vocab[2][VOCAB];
static double cumul[VOCAB];

static const char *const kana[] = {"ア", "イ", "ウ", "エ", "オ", "カ", "キ", "ク", "ケ", "コ",
                                   "サ", "シ", "ス", "セ", "ソ", "タ", "チ", "ツ", "テ", "ト",
                                   "ナ", "ニ", "ヌ", "ネ", "ノ", "ハ", "ヒ", "フ", "ヘ", "ホ",
                                   "マ", "ミ", "ム", "メ", "モ", "ラ", "リ", "ル", "レ", "ロ",
                                   "ン", "ー", "管", "理", "情", "報", "定", "義", "処", "置"};

static char *
made_up(int lang)
{
	char t[64] = "";
	int n = 3 + (int)rnd(4);
	for (int i = 0; i < n; i++) {
		if (lang)
			t[i] = (char)((i % 2 ? "aeiou" : "bcdfghklmnprstvz")[rnd(i % 2 ? 5 : 16)]);
		else
			strcat(t, kana[rnd(COUNT(kana))]);
	}
	return strdup(t);
}

static void
vocab_init(void)
{
	for (int l = 0; l < 2; l++) {
		const char *const *w = l ? en_words : ja_words;
		for (int i = 0; i < VOCAB; i++)
			vocab[l][i] = NULL;
		for (int i = 0; i < 50; i++) {
			int r;
			do
				r = (int)rnd(2000);
			while (vocab[l][r]);
			vocab[l][r] = strdup(w[i]);
		}
		for (int i = 0; i < VOCAB; i++)
			if (!vocab[l][i])
				vocab[l][i] = made_up(l);
	}
	double total = 0;
	for (int r = 0; r < VOCAB; r++)
		cumul[r] = total += 1.0 / (r + 8);
}

static const char *
word(int lang)
{
	double u = (double)rnd(1u << 30) / (double)(1u << 30) * cumul[VOCAB - 1];
	int lo = 0, hi = VOCAB - 1;
	while (lo < hi) {
		int mid = (lo + hi) / 2;
		if (cumul[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab[lang][lo];
}

static void
ja_sentence(struct buf *b, int words)
{
	for (int i = 0; i < words; i++) {
		buf_puts(b, word(0));
		buf_puts(b, i + 1 < words ? ja_glue[rnd(COUNT(ja_glue))] : "します。");
	}
}

static void
en_sentence(struct buf *b, int words)
{
	for (int i = 0; i < words; i++) {
		const char *w = word(1);
		if (i == 0) {
			buf_putc(b, (char)(w[0] - 'a' + 'A'));
			buf_puts(b, w + 1);
		} else {
			buf_putc(b, ' ');
			buf_puts(b, w);
		}
	}
	buf_puts(b, ". ");
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: kb_gen DATABASE [N]\n");
		return 2;
	}
	long n = argc > 2 ? atol(argv[2]) : 100000;
	db_configure(argv[1]);
	struct db *db = db_thread();
	/* A generator need not survive a power cut: no fsync per transaction. */
	if (!db || db_exec(db, "PRAGMA synchronous=OFF") != 0)
		return 1;
	/* The demo's knowledge bases (1-3: documents of CSPM, SOAR, EDR) and categories (1-6). */
	static const int64_t kbs[] = {1, 1, 1, 2, 2, 3};
	static const int64_t cats[] = {1, 2, 3, 4, 5, 6};
	int64_t authors[2] = {users_id_by_login(db, "agent@miharashi.example.cs"),
	                      users_id_by_login(db, "admin@miharashi.example.cs")};
	if (authors[0] <= 0 || authors[1] <= 0) {
		fprintf(stderr, "kb_gen: run `madoguchi demo` on this database first\n");
		return 1;
	}
	vocab_init();
	int64_t now = clock_now();
	struct buf title = {0}, body = {0}, plain = {0};
	for (long i = 0; i < n; i++) {
		if (i % BATCH == 0 && db_begin(db) != 0)
			return 1;
		bool ja = i % 2 == 0;
		title.len = body.len = plain.len = 0;
		if (ja)
			ja_sentence(&title, 2 + (int)rnd(3));
		else
			en_sentence(&title, 3 + (int)rnd(4));
		buf_printf(&title, " #%ld", i);
		buf_puts(&body, "# ");
		buf_append(&body, title.p, title.len);
		buf_puts(&body, "\n\n");
		int paras = 2 + (int)rnd(3);
		for (int p = 0; p < paras; p++) {
			int sentences = 2 + (int)rnd(4);
			for (int s = 0; s < sentences; s++) {
				if (ja)
					ja_sentence(&body, 4 + (int)rnd(6));
				else
					en_sentence(&body, 8 + (int)rnd(10));
			}
			buf_puts(&body, p == 0 ? "\n\n- **" : "\n\n");
			if (p == 0) {
				buf_puts(&body, word(ja ? 0 : 1));
				buf_puts(&body, "**\n\n");
			}
		}
		buf_putc(&title, '\0');
		buf_putc(&body, '\0');
		if (markdown_text(&plain, body.p, body.len - 1) != 0)
			return 1;
		buf_putc(&plain, '\0');
		int k = (int)rnd(COUNT(kbs));
		struct kb_edit e = {.kb_id = kbs[k],
		                    .category_id = cats[k],
		                    .lang = ja ? "ja" : "en",
		                    .title = title.p,
		                    .body = body.p,
		                    .plain = plain.p,
		                    .target = KB_TARGET_ALL};
		char number[12];
		int64_t id = kb_article_create(db, &e, authors[rnd(2)], number);
		if (id <= 0 || kb_article_set_state(db, id, "published",
		                                    now - (int64_t)rnd(730 * 86400)) != 0) {
			fprintf(stderr, "kb_gen: article %ld failed\n", i);
			db_rollback(db);
			return 1;
		}
		if ((i + 1) % BATCH == 0 || i + 1 == n) {
			if (db_commit(db) != 0)
				return 1;
			fprintf(stderr, "\rkb_gen: %ld articles", i + 1);
		}
	}
	fprintf(stderr, "\n");
	/* Views, so that sorting by views has something to sort. */
	if (db_exec(db, "UPDATE kb_articles SET views = abs(random()) % 500") != 0 ||
	    db_exec(db, "INSERT INTO kb_fts(kb_fts) VALUES ('optimize')") != 0 ||
	    db_exec(db, "ANALYZE") != 0)
		return 1;
	buf_free(&title);
	buf_free(&body);
	buf_free(&plain);
	db_thread_close();
	return 0;
}
