/*
 * `madoguchi demo`: a provider, three customers with contracts for different
 * services, an admin and a user for each customer, and provider staff (an
 * agent and an admin). Fictional companies under .example. Idempotent: a
 * second run changes nothing and prints the accounts again.
 */
#include "accounts/staff.h"
#include "app.h"
#include "auth/password.h"
#include "cli/cli.h"
#include "cli/demo_catalog.h"
#include "cli/demo_knowledge.h"
#include "cli/demo_points.h"
#include "core/i18n.h"
#include "core/log.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

#define DEMO_PASSWORD "Madoguchi#Demo2026"

static const struct new_service demo_services[] = {
    {"cspm", "マネージドCSPM", "Managed CSPM", "https://cspm.miharashi.example/", true},
    {"soar", "マネージドSOAR", "Managed SOAR", "https://soar.miharashi.example/", false},
    {"edr", "マネージドEDR", "Managed EDR", "https://edr.miharashi.example/", false},
};

struct demo_contract {
	const char *service, *kind, *plan, *start, *renewal;
};

struct demo_customer {
	const char *number, *name;
	struct demo_contract contracts[2];
	const char *admin_login, *admin_name, *user_login, *user_name;
};

static const struct demo_customer demo_customers[] = {
    {"N200000001",
     "あおば商事株式会社",
     {{"cspm", "マネージドサービス", "プロフェッショナル", "2025-04-01", "2027-04-01"},
      {"soar", "マネージドサービス", "スタンダード", "2025-10-01", "2026-10-01"}},
     "admin@aoba.example.cs",
     "青葉 花子",
     "user@aoba.example.cs",
     "青葉 一郎"},
    {"N200000002",
     "かもめ物流株式会社",
     {{"soar", "マネージドサービス", "プロフェッショナル", "2024-07-01", "2027-07-01"},
      {"edr", "マネージドサービス", "スタンダード", "2026-01-15", "2027-01-15"}},
     "admin@kamome.example.cs",
     "鴎 真理",
     "user@kamome.example.cs",
     "鴎 健太"},
    {"N200000003",
     "さくら精工株式会社",
     {{"cspm", "マネージドサービス", "スタンダード", "2026-02-01", "2027-02-01"},
      {"edr", "トライアル", "エントリー", "2026-09-01", ""}},
     "admin@sakura.example.cs",
     "桜井 美咲",
     "user@sakura.example.cs",
     "桜井 翔"},
};

struct demo_staff {
	const char *login, *name;
	bool admin;
};

static const struct demo_staff demo_staff[] = {
    {"agent@miharashi.example.cs", "見晴 太郎", false},
    {"admin@miharashi.example.cs", "見晴 管理者", true},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* The e-mail address is the user ID without its ".cs" suffix. */
static const char *
email_of(const char *login, char *out, size_t n)
{
	snprintf(out, n, "%.*s", (int)(strlen(login) - 3), login);
	return out;
}

static int
add_user(struct db *db, const char *login, const char *name, int64_t customer_id, bool admin,
         const char *hash)
{
	char email[64];
	struct new_user nu = {.login = login,
	                      .name = name,
	                      .email = email_of(login, email, sizeof(email)),
	                      .customer_id = customer_id,
	                      .is_admin = admin,
	                      .lang = LANG_JA,
	                      .password_hash = hash};
	return users_insert(db, &nu) > 0 ? 0 : -1;
}

static int
add_customer(struct db *db, const struct demo_customer *c, const char *hash)
{
	int64_t id = customers_insert(db, c->number, c->name);
	if (id <= 0)
		return -1;
	for (size_t k = 0; k < COUNT(c->contracts); k++) {
		const struct demo_contract *dc = &c->contracts[k];
		struct new_contract nc = {.customer_id = id,
		                          .service_id = services_id_by_code(db, dc->service),
		                          .kind = dc->kind,
		                          .plan = dc->plan,
		                          .start_date = dc->start,
		                          .renewal_date = *dc->renewal ? dc->renewal : NULL};
		if (nc.service_id <= 0 || contracts_insert(db, &nc) <= 0)
			return -1;
	}
	if (add_user(db, c->admin_login, c->admin_name, id, true, hash) != 0 ||
	    add_user(db, c->user_login, c->user_name, id, false, hash) != 0)
		return -1;
	return 0;
}

static int
create_all(struct db *db)
{
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(DEMO_PASSWORD, hash) != 0)
		return -1;
	if (db_begin(db) != 0)
		return -1;
	if (settings_put(db, "provider.name", "みはらしセキュリティ株式会社") != 0 ||
	    settings_put(db, "provider.short_name", "MSOC") != 0 ||
	    settings_put(db, "password.context_words", "Miharashi") != 0 ||
	    /* demo staff sign in with the password alone; a real portal keeps MFA on */
	    settings_put(db, STAFF_MFA_SETTING, STAFF_MFA_OPTIONAL) != 0)
		goto fail;
	for (size_t i = 0; i < COUNT(demo_services); i++)
		if (services_insert(db, &demo_services[i]) <= 0)
			goto fail;
	for (size_t i = 0; i < COUNT(demo_customers); i++)
		if (add_customer(db, &demo_customers[i], hash) != 0)
			goto fail;
	for (size_t i = 0; i < COUNT(demo_staff); i++)
		if (add_user(db, demo_staff[i].login, demo_staff[i].name, 0, demo_staff[i].admin,
		             hash) != 0)
			goto fail;
	if (demo_knowledge(db) != 0) /* knowledge bases, articles, announcements */
		goto fail;
	if (demo_catalog(db) != 0) /* work items and their forms */
		goto fail;
	if (demo_points(db) != 0) /* point periods of the customers with points */
		goto fail;
	return db_commit(db);
fail:
	db_rollback(db);
	return -1;
}

static void
print_accounts(const struct app *app)
{
	printf("\nDemo accounts (password for all: %s)\n\n", DEMO_PASSWORD);
	printf("  %-30s %-10s %s\n", "user ID", "customer", "role");
	for (size_t i = 0; i < COUNT(demo_customers); i++) {
		printf("  %-30s %-10s %s\n", demo_customers[i].admin_login,
		       demo_customers[i].number, "customer admin");
		printf("  %-30s %-10s %s\n", demo_customers[i].user_login, demo_customers[i].number,
		       "customer user");
	}
	for (size_t i = 0; i < COUNT(demo_staff); i++)
		printf("  %-30s %-10s %s\n", demo_staff[i].login, "-",
		       demo_staff[i].admin ? "provider admin" : "agent");
	printf("\nSign in at %s/login\n", app->cfg.base_url);
}

int
cli_demo(struct app *app)
{
	struct db *db = db_thread();
	int rc = 1;
	if (!db)
		goto out;
	int64_t existing = customers_id_by_number(db, demo_customers[0].number);
	if (existing < 0)
		goto out;
	if (existing == 0) {
		if (create_all(db) != 0) {
			log_error("demo data could not be created; nothing was kept");
			goto out;
		}
		printf("Demo data created in %s\n", app->cfg.database);
	} else {
		printf("Demo data already present in %s\n", app->cfg.database);
	}
	print_accounts(app);
	rc = 0;
out:
	db_thread_close();
	return rc;
}
