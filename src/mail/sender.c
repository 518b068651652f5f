/*
 * The sender thread (see sender.h). Each round lists the due mail, then per
 * mail: claim, build, deliver, record. The claim is taken one mail at a time
 * just before delivery, so a crash leaves at most one mail claimed, and that
 * claim simply expires. Delivery is at-least-once: a mail handed to the
 * server but not recorded (the process dies in between) is sent again.
 */
#include "mail/sender.h"
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/poller.h"
#include "mail/message.h"
#include "mail/outbox.h"
#include "mail/transport.h"
#include "store/db.h"

#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define BATCH 16

static struct poller P = POLLER_INIT;

/* Hands env to the configured transport. 0 or -1; info says where or why. */
static int
transport_deliver(const struct app *app, const struct mail_envelope *env, char *info,
                  size_t infolen)
{
	if (app->cfg.smtp_url && *app->cfg.smtp_url)
		return mail_smtp_deliver(app->cfg.smtp_url, env, info, infolen);
	return mail_file_deliver(app->cfg.data_dir, env, info, infolen);
}

/*
 * Claims, builds, delivers and records mail id. Returns 1 when it was
 * attempted (delivered or not), 0 when another sender has it or it is no
 * longer due, -1 on a database error.
 */
static int
deliver_one(const struct app *app, struct db *db, int64_t id)
{
	int claimed = outbox_claim(db, id, clock_now());
	if (claimed != 1)
		return claimed;
	struct arena *a = arena_new();
	struct outbox_item it;
	if (outbox_get(db, id, a, &it) != 0) {
		arena_free(a); /* the claim expires by itself */
		return -1;
	}
	char info[512] = "";
	struct buf msg = {0};
	const char *from_name, *from_addr;
	int rc = -1;
	if (mail_parse_from(mail_from_resolve(app, db, a), a, &from_name, &from_addr) != 0) {
		snprintf(info, sizeof(info),
		         "the sender address (--mail-from or the setting "
		         "mail.from) is not valid");
	} else {
		struct mail_msg mm = {
		    .id = id,
		    .date = it.created_at,
		    .from_name = from_name,
		    .from_addr = from_addr,
		    .to_name = it.to_name,
		    .to_addr = it.to_addr,
		    .lang = it.lang,
		    .subject = it.subject,
		    .body = it.body,
		    .reply_to = it.reply_to,
		};
		if (mail_message_build(&mm, &msg) != 0) {
			snprintf(info, sizeof(info), "the message cannot be built");
		} else {
			struct mail_envelope env = {
			    .id = id,
			    .now = clock_now(),
			    .from_addr = from_addr,
			    .to_addr = it.to_addr,
			    .data = msg.p,
			    .len = msg.len,
			};
			rc = transport_deliver(app, &env, info, sizeof(info));
		}
	}
	buf_free(&msg);
	long long attempt = (long long)it.attempts + 1;
	if (rc == 0) {
		log_info("mail id=%lld to=%s delivered to %s (attempt %lld)", (long long)id,
		         it.to_addr, info, attempt);
		if (outbox_mark_sent(db, id, clock_now()) != 0)
			log_error("mail id=%lld delivered but not recorded: it may be sent again",
			          (long long)id);
	} else {
		log_error("mail id=%lld to=%s attempt %lld failed, next in %llds: %s",
		          (long long)id, it.to_addr, attempt,
		          (long long)outbox_backoff(it.attempts + 1), info);
		if (outbox_mark_failed(db, id, it.attempts, info, clock_now()) != 0)
			log_error("mail id=%lld: the failure was not recorded", (long long)id);
	}
	arena_free(a);
	return 1;
}

/* Delivers what is due, stopping between mails when asked to. */
static void
deliver_due(const struct app *app)
{
	struct db *db = db_thread();
	if (!db)
		return; /* logged; tried again at the next poll */
	for (;;) {
		int64_t ids[BATCH];
		int n = outbox_due(db, clock_now(), ids, BATCH);
		for (int i = 0; i < n; i++) {
			if (poller_stopping(&P))
				return;
			if (deliver_one(app, db, ids[i]) < 0)
				return;
		}
		/* A full batch may hide more due mail behind it. */
		if (n < BATCH)
			return;
	}
}

static void
sender_round(void *ctx)
{
	deliver_due(ctx);
}

static void
done(void *ctx)
{
	(void)ctx;
	db_thread_close();
}

int
mail_sender_start(const struct app *app)
{
	char info[256];
	if (app->cfg.smtp_url && *app->cfg.smtp_url) {
		if (mail_smtp_check(app->cfg.smtp_url, info, sizeof(info)) != 0) {
			log_error("--smtp-url: %s", info);
			return -1;
		}
	} else {
		snprintf(info, sizeof(info), "files in %s/mail/outbox", app->cfg.data_dir);
	}
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("mail: cannot initialise libsodium or libcurl");
		return -1;
	}
	int err = poller_start(&P, sender_round, done, (void *)app);
	if (err != 0) {
		curl_global_cleanup();
		log_error("mail: cannot start the sender thread: %s",
		          err == EALREADY ? "it is already running" : strerror(err));
		return -1;
	}
	log_info("mail: sending through %s", info);
	return 0;
}

void
mail_sender_kick(void)
{
	poller_kick(&P);
}

void
mail_sender_stop(void)
{
	if (poller_stop(&P))
		curl_global_cleanup();
}
