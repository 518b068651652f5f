/*
 * Unit tests of the webhooks (src/webhooks, src/core/netscope.c): the
 * signature against a value computed with openssl, sealed secrets, the
 * internal ranges of IPv4 and IPv6 (embedded IPv4 included), the URLs
 * refused at registration, the backoff and its 24-hour end, and the
 * outbox rows a case operation queues in its own transaction (none for a
 * refused operation, internal notes only where asked for), on a real
 * SQLite database.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>

#include "app.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "core/netscope.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/users.h"
#include "store/webhooks.h"
#include "webhooks/internal.h"
#include "webhooks/sender.h"
#include "webhooks/signature.h"
#include "webhooks/webhooks.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-webhooks-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, provider_admin, agent, aoba_user;

static int64_t
user(const char *login, int64_t customer, bool admin)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = email,
	                                           .customer_id = customer,
	                                           .is_admin = admin,
	                                           .lang = LANG_JA});
}

static int
group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	fixture_app(&app);
	randombytes_buf(app.seal_key, sizeof(app.seal_key));
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	int64_t s = services_insert(db, &(struct new_service){.code = "aoba-cspm",
	                                                      .name_ja = "サービス",
	                                                      .name_en = "Service",
	                                                      .portal_url = ""});
	contracts_insert(db, &(struct new_contract){.customer_id = aoba,
	                                            .service_id = s,
	                                            .kind = "subscription",
	                                            .plan = "standard",
	                                            .start_date = "2026-01-01",
	                                            .renewal_date = ""});
	provider_admin = user("padmin", 0, true);
	agent = user("agent", 0, false);
	aoba_user = user("aoba-user", aoba, false);
	return aoba > 0 && s > 0 && aoba_user > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static void
as(struct dom *d, struct arena *a, int64_t id)
{
	fixture_as(d, a, &app, db, id);
}

static void
test_signature(void **state)
{
	(void)state;
	char sig[WEBHOOK_SIGNATURE_MAX];
	const char *body = "{\"a\":1}";
	webhook_sign("whsec_test", 1700000000, body, strlen(body), sig);
	/* echo -n '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test */
	assert_string_equal(
	    sig,
	    "t=1700000000,v1=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789");
	webhook_sign("whsec_tesu", 1700000000, body, strlen(body), sig);
	assert_null(strstr(sig, "38877139"));
}

static void
test_sealed_secret(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *s = webhook_secret_new(a);
	assert_int_equal(strlen(s), 6 + 43);
	assert_memory_equal(s, "whsec_", 6);
	char *sealed = webhook_secret_seal(app.seal_key, s, a);
	assert_null(strstr(sealed, s + 6));
	assert_string_equal(webhook_secret_unseal(app.seal_key, sealed, a), s);
	unsigned char other[32] = {1};
	assert_null(webhook_secret_unseal(other, sealed, a));
	assert_null(webhook_secret_unseal(app.seal_key, "AAAA", a));
	arena_free(a);
}

static bool
internal(const char *text)
{
	struct netaddr a;
	assert_int_equal(netaddr_parse(text, strlen(text), &a), 0);
	return netscope_internal(&a);
}

static void
test_ranges(void **state)
{
	(void)state;
	static const char *const inside[] = {
	    "127.0.0.1",
	    "127.255.0.9",
	    "10.0.0.1",
	    "172.16.0.1",
	    "172.31.255.255",
	    "192.168.1.1",
	    "169.254.169.254",
	    "100.64.0.1",
	    "0.0.0.0",
	    "224.0.0.1",
	    "255.255.255.255",
	    "192.0.2.10",
	    "::1",
	    "::",
	    "fe80::1",
	    "fc00::1",
	    "fd12:3456::1",
	    "ff02::1",
	    "::ffff:10.0.0.1",
	    "64:ff9b::a00:1",
	    "2002:c0a8:0101::1",
	    "2001:db8::1",
	    "::127.0.0.1",
	};
	static const char *const outside[] = {
	    "8.8.8.8",      "1.1.1.1",          "172.32.0.1",
	    "100.128.0.1",  "192.169.0.1",      "2606:4700::1111",
	    "2a00:1450::1", "64:ff9b::808:808", "2002:0808:0808::1"};
	for (size_t i = 0; i < sizeof(inside) / sizeof(inside[0]); i++)
		if (!internal(inside[i]))
			fail_msg("%s is internal", inside[i]);
	for (size_t i = 0; i < sizeof(outside) / sizeof(outside[0]); i++)
		if (internal(outside[i]))
			fail_msg("%s is public", outside[i]);
	/* What libcurl hands the socket callback: a mapped address is IPv4. */
	struct sockaddr_in6 s6 = {.sin6_family = AF_INET6};
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &s6.sin6_addr);
	struct netaddr a;
	assert_int_equal(netscope_from_sockaddr((struct sockaddr *)&s6, &a), 0);
	assert_int_equal(a.family, AF_INET);
	assert_true(netscope_internal(&a));
	struct sockaddr_in s4 = {.sin_family = AF_INET};
	inet_pton(AF_INET, "93.184.216.34", &s4.sin_addr);
	assert_int_equal(netscope_from_sockaddr((struct sockaddr *)&s4, &a), 0);
	assert_false(netscope_internal(&a));
}

static void
test_registration_urls(void **state)
{
	(void)state;
	static const char *const refused[] = {
	    "",
	    "ftp://example.com/",
	    "example.com/hook",
	    "https://user:pw@example.com/",
	    "http://127.0.0.1:8080/",
	    "http://[::1]/",
	    "http://10.0.0.1/",
	    "http://localhost/",
	    "http://api.localhost/",
	    "http://[fe80::1%25eth0]/",
	    "https://exa mple.com/",
	    "http://169.254.169.254/latest/meta-data",
	    "http://[::ffff:192.168.0.1]/",
	};
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		if (!webhook_target_refusal(refused[i], false))
			fail_msg("%s is refused", refused[i]);
	assert_null(webhook_target_refusal("https://hooks.example.com/madoguchi?x=1", false));
	assert_null(webhook_target_refusal("http://203.0.114.5:8443/", false));
	/* A name is judged when it is resolved, at delivery. */
	assert_null(webhook_target_refusal("https://intranet.example/", false));
	/* Allowed by the setting. */
	assert_null(webhook_target_refusal("http://127.0.0.1:8080/", true));
	assert_non_null(webhook_target_refusal("ftp://127.0.0.1/", true));
}

static void
test_backoff(void **state)
{
	(void)state;
	int64_t t0 = 1000000;
	assert_int_equal(webhook_next_attempt(t0, 1, t0), t0 + 30);
	assert_int_equal(webhook_next_attempt(t0, 2, t0 + 30), t0 + 30 + 60);
	assert_int_equal(webhook_next_attempt(t0, 3, t0 + 90), t0 + 90 + 120);
	assert_int_equal(webhook_next_attempt(t0, 20, t0 + 7200), t0 + 7200 + 3600);
	/* The last try falls on the end of the 24 hours, then it is given up. */
	assert_int_equal(webhook_next_attempt(t0, 30, t0 + 86000), t0 + 86400);
	assert_int_equal(webhook_next_attempt(t0, 31, t0 + 86400), 0);
}

static int
deliveries(int64_t endpoint_id, struct arena *a, struct webhook_delivery_row **v)
{
	return webhook_delivery_log(db, endpoint_id, 50, a, v);
}

static void
test_queued_with_the_change(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, agent);
	struct webhook_endpoint_in in = {.url = "https://hooks.example.com/all"};
	for (int i = 0; i < WEBHOOK_EVENT__MAX; i++)
		in.events[i] = true;
	const char *secret = NULL;
	assert_int_equal(webhook_endpoint_create(&d, &in, &secret, NULL), DOM_FORBIDDEN);
	as(&d, a, provider_admin);
	int64_t all = 0, notes = 0;
	assert_int_equal(webhook_endpoint_create(&d, &in, &secret, &all), DOM_OK);
	assert_non_null(secret);
	struct webhook_endpoint_in only_notes = {.url = "https://hooks.example.com/notes",
	                                         .secret = "an-entered-secret-123",
	                                         .include_internal = true};
	only_notes.events[WEBHOOK_COMMENT_CREATED] = true;
	assert_int_equal(webhook_endpoint_create(&d, &only_notes, &secret, &notes), DOM_OK);
	assert_null(secret);
	assert_int_equal(fixture_audited(dbpath, "webhook.created"), 2);

	/* A refused operation queues nothing. */
	as(&d, a, aoba_user);
	struct case_row c;
	struct case_open_in bad = {.category = "fault", .subject = "", .description = "x"};
	assert_int_equal(case_open(&d, &bad, &c), DOM_INVALID);
	struct webhook_delivery_row *v;
	assert_int_equal(deliveries(all, a, &v), 0);

	as(&d, a, provider_admin);
	struct case_open_in ok = {.customer_number = "N200000001",
	                          .category = "alarm",
	                          .subject = "Alarm",
	                          .description = "Port open."};
	assert_int_equal(case_open(&d, &ok, &c), DOM_OK);
	assert_int_equal(deliveries(all, a, &v), 1);
	assert_string_equal(v[0].event, "case.created");
	assert_int_equal(v[0].next_attempt_at, v[0].created_at);
	assert_int_equal(deliveries(notes, a, &v), 0);

	struct case_comment_in note = {.number = c.number, .body = "work note", .internal = true};
	assert_int_equal(case_comment(&d, &note, &c), DOM_OK);
	assert_int_equal(deliveries(all, a, &v), 1);
	assert_int_equal(deliveries(notes, a, &v), 1);
	struct webhook_delivery_row full;
	assert_int_equal(webhook_delivery_get(db, v[0].id, a, &full), 1);
	assert_non_null(strstr(full.payload, "\"internal\":true"));
	assert_non_null(strstr(full.payload, "\"event\":\"comment.created\""));
	assert_non_null(strstr(full.payload, full.event_id));

	struct case_update_in up = {.number = c.number, .state = CASE_WORKING, .assignee_id = -1};
	assert_int_equal(case_update(&d, &up, &c), DOM_OK);
	assert_int_equal(deliveries(all, a, &v), 2);
	assert_string_equal(v[0].event, "case.state_changed");
	assert_int_equal(webhook_delivery_get(db, v[0].id, a, &full), 1);
	assert_non_null(strstr(full.payload, "\"state\":\"working\""));
	assert_non_null(strstr(full.payload, "\"previous_state\":\"new\""));

	/* Disabled: nothing due; redelivered: the same payload again. */
	assert_int_equal(webhook_endpoint_enable(&d, all, false), DOM_OK);
	int64_t ids[8];
	assert_int_equal(webhook_delivery_due(db, clock_now() + 1, ids, 8), 1);
	assert_int_equal(webhook_redeliver(&d, notes, v[0].id), DOM_NOT_FOUND);
	assert_int_equal(webhook_redeliver(&d, all, v[0].id), DOM_OK);
	struct webhook_delivery_row *w;
	assert_int_equal(deliveries(all, a, &w), 3);
	assert_string_equal(w[0].event_id, v[0].event_id);
	assert_int_equal(webhook_endpoint_remove(&d, all), DOM_OK);
	assert_int_equal(deliveries(all, a, &w), 0);
	assert_int_equal(webhook_endpoint_remove(&d, all), DOM_NOT_FOUND);
	arena_free(a);
}

static void
test_claim_and_lease(void **state)
{
	(void)state;
	int64_t ids[8];
	int64_t now = clock_now() + 1;
	int n = webhook_delivery_due(db, now, ids, 8);
	assert_int_equal(n, 1);
	assert_int_equal(webhook_delivery_claim(db, ids[0], "lease-a", now, now + 60), 1);
	assert_int_equal(webhook_delivery_claim(db, ids[0], "lease-b", now, now + 60), 0);
	assert_int_equal(webhook_delivery_due(db, now, ids + 1, 7), 0);
	struct webhook_attempt at = {.status_code = 500, .error = "HTTP 500", .next_at = now + 30};
	assert_int_equal(webhook_delivery_record(db, ids[0], "lease-b", &at), 0);
	/* The lease expired: another sender takes it, and the first one's record is refused. */
	assert_int_equal(webhook_delivery_claim(db, ids[0], "lease-b", now + 61, now + 121), 1);
	assert_int_equal(webhook_delivery_record(db, ids[0], "lease-a", &at), 0);
	struct webhook_attempt ok = {.status_code = 204, .finished_at = now + 62};
	assert_int_equal(webhook_delivery_record(db, ids[0], "lease-b", &ok), 1);
	assert_int_equal(webhook_delivery_due(db, now + 100000, ids, 8), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_signature),       cmocka_unit_test(test_sealed_secret),
	    cmocka_unit_test(test_ranges),          cmocka_unit_test(test_registration_urls),
	    cmocka_unit_test(test_backoff),         cmocka_unit_test(test_queued_with_the_change),
	    cmocka_unit_test(test_claim_and_lease),
	};
	return cmocka_run_group_tests_name("webhooks", tests, group_setup, group_teardown);
}
