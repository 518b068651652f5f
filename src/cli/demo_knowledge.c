/*
 * Demo knowledge: a documents knowledge base per service, announcements of
 * SOAR and common to every service, categories as in the guide (4.9),
 * articles in 日本語 and English published at various times, one draft, and
 * three announcements: one for everyone, one for the customers of SOAR,
 * one for さくら精工 only.
 */
#include "cli/demo_knowledge.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "store/users.h"
#include "web/markdown.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

struct demo_article {
	int kb;       /* index in bases */
	int category; /* index in categories, -1: none */
	const char *lang, *title, *body, *author;
	int days_ago;  /* -1: draft */
	int show_days; /* announcements: shown from a day ago for this many days; 0: not */
	const char *target_customer; /* announcements for one customer only */
};

static const struct {
	const char *service, *ja, *en;
	bool announcements;
} bases[] = {
    {"cspm", "お客様向けドキュメント (マネージドCSPM)", "Customer documents (Managed CSPM)", false},
    {"soar", "お客様向けドキュメント (マネージドSOAR)", "Customer documents (Managed SOAR)", false},
    {"edr", "お客様向けドキュメント (マネージドEDR)", "Customer documents (Managed EDR)", false},
    {"soar", "お知らせ (マネージドSOAR)", "Announcements (Managed SOAR)", true},
    {NULL, "お知らせ (サービス共通)", "Announcements (all services)", true},
};

static const struct {
	int kb;
	const char *ja, *en;
} categories[] = {
    {0, "1. サービス仕様書", "1. Service specifications"},
    {0, "2. カスタマーポータルご利用ガイド", "2. Customer portal guide"},
    {0, "3. Prisma Cloudご利用ガイド", "3. Prisma Cloud guide"},
    {0, "4. クラウドアカウント情報記入シート", "4. Cloud account information sheet"},
    {1, "1. サービス仕様書", "1. Service specifications"},
    {2, "1. サービス仕様書", "1. Service specifications"},
};

static const struct demo_article articles[] = {
    {0, 1, "ja", "よくあるご質問",
     "# よくあるご質問\n\nカスタマーポータルについて、よくいただくご質問をまとめました。\n\n"
     "## ログインできないときは\n\n"
     "1. ユーザーIDを確認してください(メールアドレスに **.cs** を付けたものです)。\n"
     "2. パスワードを 5 回続けて間違えると、20 分間ロックされます。\n"
     "3. [パスワードのリセット](/password/reset)をお試しください。\n\n"
     "## 検知ポリシーの変更\n\n作業依頼から「CSPM 検知ポリシー変更」をお選びください。\n",
     "agent@miharashi.example.cs", 3, 0, NULL},
    {0, 0, "ja", "マネージドCSPM サービス仕様書",
     "マネージドCSPM のサービス仕様です。\n\n| 項目 | 内容 |\n|---|---|\n"
     "| 監視対象 | AWS, Azure, Google Cloud |\n| レポート | 月次レポートを毎月送付 |\n"
     "| 受付時間 | 24時間365日 |\n\nクラウドセキュリティの設定不備を継続的に検知します。\n",
     "admin@miharashi.example.cs", 12, 0, NULL},
    {0, 0, "en", "Managed CSPM service specification",
     "# Managed CSPM\n\nContinuous detection of **misconfigurations** in your cloud accounts "
     "(AWS, Azure, Google Cloud).\n\n- Monthly compliance report\n- Alert triage by our "
     "security operations center\n- Policy tuning on request\n",
     "admin@miharashi.example.cs", 40, 0, NULL},
    {0, 2, "ja", "Prisma Cloud ご利用ガイド",
     "Prisma Cloud コンソールへのログイン方法と、アラートの確認方法を説明します。\n\n"
     "> アラートの詳細はケースでもご確認いただけます。\n",
     "agent@miharashi.example.cs", 400, 0, NULL},
    {0, 3, "ja", "クラウドアカウント情報記入",
     "クラウドアカウント情報記入シートの記入例です。アカウント ID とリージョンをご記入ください。\n",
     "agent@miharashi.example.cs", 0, 0, NULL},
    {0, 1, "en", "Customer portal guide: searching the knowledge base",
     "Type **at least three characters** in the search box. Filters narrow the results by "
     "language, knowledge base, category and author.\n",
     "agent@miharashi.example.cs", 5, 0, NULL},
    {1, 4, "ja", "マネージドSOAR プレイブック運用ガイド",
     "SOAR のプレイブックで自動化されるインシデント対応の流れを説明します。\n\n"
     "- インシデントの起票\n- エンリッチメント\n- 封じ込め\n",
     "admin@miharashi.example.cs", 20, 0, NULL},
    {1, 4, "en", "Managed SOAR playbook operations",
     "How our SOAR playbooks automate incident response: ticketing, enrichment and "
     "containment.\n",
     "admin@miharashi.example.cs", 25, 0, NULL},
    {2, 5, "en", "Managed EDR: isolating a host",
     "When an endpoint is compromised, our analysts **isolate the host** from the network "
     "and open a case.\n",
     "agent@miharashi.example.cs", 2, 0, NULL},
    {0, 1, "ja", "下書き: 未公開の記事", "まだ公開されていない記事です。\n",
     "agent@miharashi.example.cs", -1, 0, NULL},
    {4, -1, "ja", "カスタマーポータルメンテナンスのお知らせ",
     "平素よりご利用いただきまして、誠にありがとうございます。\n\n"
     "カスタマーポータルに対するメンテナンス作業を実施いたしますため、お知らせいたします。\n\n"
     "- 予定日時: 来週土曜日 01:45 - 05:45\n- 影響範囲: サービス共通\n",
     "agent@miharashi.example.cs", 1, 30, NULL},
    {3, -1, "ja", "お知らせSOAR_20260214_1",
     "マネージドSOAR をご利用のお客様へのお知らせです。Microsoft Sentinel 連携の改善を"
     "行いました。\n",
     "admin@miharashi.example.cs", 1, 30, NULL},
    {4, -1, "ja", "さくら精工様向け: 定期メンテナンスのご案内",
     "さくら精工株式会社様向けの定期メンテナンスのご案内です。\n", "admin@miharashi.example.cs", 1,
     30, "N200000003"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

int
demo_knowledge(struct db *db)
{
	int64_t kb_ids[COUNT(bases)], cat_ids[COUNT(categories)];
	for (size_t i = 0; i < COUNT(bases); i++) {
		int64_t sid = bases[i].service ? services_id_by_code(db, bases[i].service) : 0;
		if (sid < 0)
			return -1;
		kb_ids[i] =
		    kb_base_create(db, sid, bases[i].ja, bases[i].en, bases[i].announcements);
		if (kb_ids[i] <= 0)
			return -1;
	}
	for (size_t i = 0; i < COUNT(categories); i++) {
		cat_ids[i] = kb_category_create(db, kb_ids[categories[i].kb], categories[i].ja,
		                                categories[i].en, (int64_t)i);
		if (cat_ids[i] <= 0)
			return -1;
	}
	int64_t now = clock_now();
	for (size_t i = 0; i < COUNT(articles); i++) {
		const struct demo_article *d = &articles[i];
		int64_t author = users_id_by_login(db, d->author);
		if (author <= 0)
			return -1;
		struct buf plain = {0};
		if (markdown_text(&plain, d->body, strlen(d->body)) != 0)
			return -1;
		buf_putc(&plain, '\0');
		int64_t customer = 0;
		if (d->target_customer &&
		    (customer = customers_id_by_number(db, d->target_customer)) <= 0) {
			buf_free(&plain);
			return -1;
		}
		struct kb_edit e = {.kb_id = kb_ids[d->kb],
		                    .category_id = d->category >= 0 ? cat_ids[d->category] : 0,
		                    .lang = d->lang,
		                    .title = d->title,
		                    .body = d->body,
		                    .plain = plain.p,
		                    .show_from = d->show_days ? now - DAY : 0,
		                    .show_until =
		                        d->show_days ? now + (int64_t)d->show_days * DAY : 0,
		                    .target = customer ? KB_TARGET_CUSTOMERS : KB_TARGET_ALL,
		                    .customer_ids = &customer,
		                    .ncustomers = customer ? 1 : 0};
		char number[12];
		int64_t id = kb_article_create(db, &e, author, number);
		buf_free(&plain);
		if (id <= 0)
			return -1;
		if (d->days_ago >= 0 && kb_article_set_state(db, id, "published",
		                                             now - (int64_t)d->days_ago * DAY) != 0)
			return -1;
	}
	return 0;
}
