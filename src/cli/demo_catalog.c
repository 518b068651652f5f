/*
 * Demo work catalog (作業依頼): two or three work items per service, each
 * with the fields of its form, named as in the guide and SPEC §5 (e.g.
 * "1. CSPM 検知ポリシー変更"), with English names too. The numbers come from
 * the order here.
 */
#include "cli/demo_catalog.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "work/catalog.h"

#include <stddef.h>

#define FIELDS_MAX 4

struct demo_field {
	enum work_field_kind kind;
	const char *ja, *en, *choices_ja, *choices_en;
	bool required;
};

struct demo_item {
	const char *service, *ja, *en, *desc_ja, *desc_en;
	int points;
	struct demo_field fields[FIELDS_MAX];
};

static const struct demo_item items[] = {
    {"cspm",
     "CSPM 検知ポリシー変更",
     "CSPM detection policy change",
     "検知ポリシーの有効化・無効化や重要度の変更を承ります。",
     "We enable, disable or change the severity of detection policies.",
     10,
     {{WF_TEXT, "対象アカウント", "Target account", "", "", true},
      {WF_TEXTAREA, "変更内容", "Change wanted", "", "", true},
      {WF_DATE, "希望日", "Preferred date", "", "", false},
      {WF_CHECKBOX, "緊急", "Urgent", "", "", false}}},
    {"cspm",
     "CSPM 監視対象アカウント追加",
     "CSPM monitored account addition",
     "クラウドアカウントを監視対象に追加します。クラウドアカウント情報記入シートもご用意ください。",
     "We add a cloud account to the monitoring. Please have the cloud account information sheet "
     "ready.",
     8,
     {{WF_CHOICE, "クラウド", "Cloud", "AWS\nAzure\nGoogle Cloud", "AWS\nAzure\nGoogle Cloud",
       true},
      {WF_TEXT, "アカウント ID", "Account ID", "", "", true},
      {WF_TEXTAREA, "備考", "Notes", "", "", false}}},
    {"cspm",
     "CSPM コンプライアンスレポート作成",
     "CSPM compliance report",
     "選択したフレームワークに沿ったコンプライアンスレポートを作成します。",
     "We write a compliance report against the framework you choose.",
     5,
     {{WF_CHOICE, "フレームワーク", "Framework", "CIS\nNIST\nISO27001", "CIS\nNIST\nISO27001",
       true},
      {WF_TEXTAREA, "備考", "Notes", "", "", false}}},
    {"soar",
     "SOAR プレイブック作成",
     "SOAR playbook creation",
     "ご要件に合わせたプレイブックを作成します。",
     "We write a playbook for your needs.",
     20,
     {{WF_TEXTAREA, "目的", "Purpose", "", "", true},
      {WF_TEXT, "連携製品", "Products involved", "", "", false},
      {WF_DATE, "希望完了日", "Wanted by", "", "", false}}},
    {"soar",
     "SOAR 連携先追加",
     "SOAR integration addition",
     "SOAR に新しい連携先を追加します。",
     "We connect a new product to SOAR.",
     8,
     {{WF_TEXT, "製品名", "Product", "", "", true},
      {WF_CHOICE, "接続方式", "Connection", "API\nSyslog\nWebhook", "API\nSyslog\nWebhook", true}}},
    {"edr",
     "EDR 除外ルール追加",
     "EDR exclusion rule",
     "誤検知となるファイルやフォルダを検知対象から除外します。",
     "We exclude files or folders that cause false positives.",
     5,
     {{WF_TEXT, "対象ファイルパス", "File path", "", "", true},
      {WF_TEXTAREA, "除外の理由", "Why exclude it", "", "", true},
      {WF_CHOICE, "対象端末", "Endpoints", "全端末\n指定端末", "All endpoints\nChosen endpoints",
       true}}},
    {"edr",
     "EDR 端末隔離解除",
     "EDR endpoint release from isolation",
     "隔離した端末をネットワークに戻します。",
     "We bring an isolated endpoint back onto the network.",
     3,
     {{WF_TEXT, "端末名", "Endpoint name", "", "", true},
      {WF_CHECKBOX, "隔離の原因が取り除かれたことを確認しました",
       "I have checked that the cause of the isolation is gone", "", "", true}}},
};

/* Through the catalog operations, as a provider admin would, with their checks and audit. */
static int
add_item(struct dom *d, struct db *db, const struct demo_item *di)
{
	struct work_item_input in = {.service_id = services_id_by_code(db, di->service),
	                             .name_ja = di->ja,
	                             .name_en = di->en,
	                             .description_ja = di->desc_ja,
	                             .description_en = di->desc_en,
	                             .points = di->points};
	int64_t id;
	if (in.service_id <= 0 || catalog_item_create_in_tx(d, &in, &id) != DOM_OK)
		return -1;
	for (size_t i = 0; i < FIELDS_MAX && di->fields[i].ja; i++) {
		const struct demo_field *f = &di->fields[i];
		struct work_field_input fi = {.label_ja = f->ja,
		                              .label_en = f->en,
		                              .choices_ja = f->choices_ja,
		                              .choices_en = f->choices_en,
		                              .required = f->required};
		if (catalog_field_create_in_tx(d, id, (int)f->kind, &fi, NULL) != DOM_OK)
			return -1;
	}
	return 0;
}

int
demo_catalog(struct db *db)
{
	struct dom d = {.a = arena_new(), .who = {.staff = true, .admin = true, .login = "demo"}};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(items) / sizeof(items[0]); i++)
		rc = add_item(&d, db, &items[i]);
	arena_free(d.a);
	return rc;
}
