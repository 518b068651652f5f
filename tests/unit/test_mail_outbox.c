/*
 * Unit tests of the outbox and the sender (src/mail/outbox.c, sender.c,
 * filedrop.c, smtp.c) on a real SQLite database in a temporary directory:
 * input checks, the caller's transaction, claims, the back-off schedule,
 * delivery to files end to end, an unreachable SMTP server that leaves the
 * mail queued until another transport delivers it, and delivery to a small
 * SMTP server of the test's own.
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
#include <dirent.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "mail/message.h"
#include "mail/outbox.h"
#include "mail/sender.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/settings.h"
#include "tmpdir.h"

#define WAIT_SECONDS 20

static char tmpdir[] = "/tmp/madoguchi-mail-test-XXXXXX";
static char dbpath[256], datadir[256], maildir[256];
static struct db *db;

static int
group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !mkdtemp(tmpdir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/madoguchi.db", tmpdir);
	snprintf(datadir, sizeof(datadir), "%s/data", tmpdir);
	snprintf(maildir, sizeof(maildir), "%s/data/mail/outbox", tmpdir);
	db_configure(dbpath);
	db = db_thread();
	if (!db || migrate_run(db) < 0)
		return -1;
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	mail_sender_stop();
	db_thread_close();
	tmpdir_remove(tmpdir);
	return 0;
}

static struct mail
sample(void)
{
	return (struct mail){
	    .to_addr = "taro@aoba.example.jp",
	    .to_name = "青葉 太郎",
	    .lang = LANG_JA,
	    .subject = "【窓口】ご依頼が更新されました",
	    .body = "青葉様\n\nご依頼 #12 が更新されました。\n",
	};
}

/* Adds m in its own committed transaction; returns its id. */
static int64_t
add_committed(const struct mail *m)
{
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(outbox_add(db, m), 0);
	int64_t id = db_last_id(db);
	assert_int_equal(db_commit(db), 0);
	return id;
}

static struct outbox_item
get(int64_t id, struct arena *a)
{
	struct outbox_item it;
	assert_int_equal(outbox_get(db, id, a, &it), 0);
	return it;
}

static bool
due_has(int64_t id, int64_t now)
{
	int64_t ids[256];
	int n = outbox_due(db, now, ids, 256);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

static void
sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	nanosleep(&ts, NULL);
}

static void
test_outbox_add_refuses_bad_input(void **state)
{
	(void)state;
	int64_t before = outbox_pending(db);
	assert_true(before >= 0);
	struct mail bad[10];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		bad[i] = sample();
	bad[0].to_addr = "not an address";
	bad[1].to_addr = "taro@aoba.example.jp\r\nBcc: victim@example.jp";
	bad[2].subject = "Hello\r\nBcc: victim@example.jp";
	bad[3].subject = "Hello\n";
	bad[4].to_name = "Taro\rX";
	bad[5].body = "\xc3\x28";
	bad[6].lang = (enum lang)7;
	bad[7].subject = NULL;
	bad[8].to_addr = NULL;
	char *big = malloc(OUTBOX_BODY_MAX + 2);
	memset(big, 'a', OUTBOX_BODY_MAX + 1);
	big[OUTBOX_BODY_MAX + 1] = '\0';
	bad[9].body = big;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(db_begin(db), 0);
		assert_int_equal(outbox_add(db, &bad[i]), -1);
		assert_int_equal(db_commit(db), 0);
		assert_int_equal(outbox_pending(db), before);
	}
	free(big);

	/* A NULL name is no name. */
	struct mail ok = sample();
	ok.to_name = NULL;
	struct arena *a = arena_new();
	struct outbox_item it = get(add_committed(&ok), a);
	assert_string_equal(it.to_name, "");
	assert_int_equal(outbox_pending(db), before + 1);
	assert_int_equal(outbox_mark_sent(db, it.id, clock_now()), 0);
	arena_free(a);
}

static void
test_outbox_add_follows_transaction(void **state)
{
	(void)state;
	int64_t before = outbox_pending(db);
	struct mail m = sample();

	/* Rolled back with the change that caused it: nothing is left. */
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(settings_put(db, "test.cause", "rolled back"), 0);
	assert_int_equal(outbox_add(db, &m), 0);
	int64_t id = db_last_id(db);
	assert_int_equal(outbox_pending(db), before + 1); /* visible inside */
	assert_int_equal(db_rollback(db), 0);
	assert_int_equal(outbox_pending(db), before);
	struct arena *a = arena_new();
	struct outbox_item it;
	assert_int_equal(outbox_get(db, id, a, &it), -1);

	/* Committed: the mail is there, due at once, unsent. */
	id = add_committed(&m);
	it = get(id, a);
	assert_int_equal(outbox_pending(db), before + 1);
	assert_string_equal(it.to_addr, m.to_addr);
	assert_string_equal(it.to_name, m.to_name);
	assert_int_equal(it.lang, LANG_JA);
	assert_string_equal(it.subject, m.subject);
	assert_string_equal(it.body, m.body);
	assert_int_equal(it.attempts, 0);
	assert_int_equal(it.sent_at, 0);
	assert_int_equal(it.claimed_until, 0);
	assert_string_equal(it.last_error, "");
	assert_true(it.next_attempt_at <= clock_now());
	assert_int_equal(outbox_mark_sent(db, id, clock_now()), 0);
	arena_free(a);
}

struct other_sender {
	int64_t id, now;
	int result;
};

/* Another connection, as a second portal instance would have. */
static void *
claim_elsewhere(void *p)
{
	struct other_sender *o = p;
	struct db *mine = db_thread();
	o->result = mine ? outbox_claim(mine, o->id, o->now) : -1;
	db_thread_close();
	return NULL;
}

static int
claim_from_other_connection(int64_t id, int64_t now)
{
	struct other_sender o = {id, now, -2};
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, claim_elsewhere, &o), 0);
	pthread_join(t, NULL);
	return o.result;
}

static void
test_outbox_claim(void **state)
{
	(void)state;
	int64_t id = add_committed(
	    &(struct mail){"claim@aoba.example.jp", "", LANG_EN, "Claim", "body", NULL});
	int64_t now = clock_now();
	assert_true(due_has(id, now));
	assert_int_equal(outbox_claim(db, id, now), 1);

	/* Claimed: not listed, and nobody claims it again before claimed_until. */
	struct arena *a = arena_new();
	assert_int_equal(get(id, a).claimed_until, now + OUTBOX_CLAIM_SECONDS);
	assert_false(due_has(id, now));
	assert_int_equal(outbox_claim(db, id, now), 0);
	assert_int_equal(claim_from_other_connection(id, now), 0);
	assert_int_equal(claim_from_other_connection(id, now + OUTBOX_CLAIM_SECONDS - 1), 0);
	assert_int_equal(claim_from_other_connection(id, now + OUTBOX_CLAIM_SECONDS), 0);
	assert_false(due_has(id, now + OUTBOX_CLAIM_SECONDS));

	/* An expired claim (its sender died) is taken over by exactly one. */
	int64_t later = now + OUTBOX_CLAIM_SECONDS + 1;
	assert_true(due_has(id, later));
	assert_int_equal(claim_from_other_connection(id, later), 1);
	assert_int_equal(outbox_claim(db, id, later), 0);

	/* Sent: never listed or claimed again. */
	assert_int_equal(outbox_mark_sent(db, id, later), 0);
	struct outbox_item it = get(id, a);
	assert_int_equal(it.sent_at, later);
	assert_int_equal(it.claimed_until, 0);
	assert_int_equal(it.attempts, 1);
	int64_t far = later + 10 * OUTBOX_CLAIM_SECONDS;
	assert_false(due_has(id, far));
	assert_int_equal(outbox_claim(db, id, far), 0);

	/* Nor is a mail that does not exist. */
	assert_int_equal(outbox_claim(db, 999999999, now), 0);
	arena_free(a);
}

static void
test_outbox_backoff_schedule(void **state)
{
	(void)state;
	static const int64_t want[] = {30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600};
	for (int i = 0; i < 10; i++)
		assert_int_equal(outbox_backoff(i + 1), want[i]);
	assert_int_equal(outbox_backoff(64), OUTBOX_BACKOFF_MAX);
	assert_int_equal(outbox_backoff(INT64_MAX), OUTBOX_BACKOFF_MAX);

	int64_t id = add_committed(
	    &(struct mail){"retry@aoba.example.jp", "Retry", LANG_EN, "Retry", "body", NULL});
	struct arena *a = arena_new();
	int64_t now = clock_now();
	for (int i = 0; i < 10; i++) {
		assert_int_equal(outbox_claim(db, id, now), 1);
		struct outbox_item it = get(id, a);
		assert_int_equal(it.attempts, i);
		char err[32];
		snprintf(err, sizeof(err), "failure %d", i + 1);
		assert_int_equal(outbox_mark_failed(db, id, it.attempts, err, now), 0);
		it = get(id, a);
		assert_int_equal(it.attempts, i + 1);
		assert_string_equal(it.last_error, err);
		assert_int_equal(it.claimed_until, 0); /* released at once */
		assert_int_equal(it.sent_at, 0);
		assert_int_equal(it.next_attempt_at, now + want[i]);
		/* Not before its time, then due again: never dropped. */
		assert_false(due_has(id, now + want[i] - 1));
		assert_int_equal(outbox_claim(db, id, now + want[i] - 1), 0);
		assert_true(due_has(id, now + want[i]));
		now += want[i];
	}
	assert_int_equal(outbox_claim(db, id, now), 1);
	assert_int_equal(outbox_mark_sent(db, id, now), 0);
	arena_free(a);
}

static void
test_outbox_from_setting(void **state)
{
	(void)state;
	struct app app = {0};
	app.provider_name = "Miharashi";
	struct arena *a = arena_new();
	assert_int_equal(settings_put(db, "mail.from", "Setting Desk <desk@setting.example.jp>"),
	                 0);
	assert_string_equal(mail_from_resolve(&app, db, a),
	                    "Setting Desk <desk@setting.example.jp>");
	app.cfg.mail_from = "Flag <flag@example.jp>";
	assert_string_equal(mail_from_resolve(&app, db, a), "Flag <flag@example.jp>");
	app.cfg.mail_from = NULL;
	assert_int_equal(settings_put(db, "mail.from", ""), 0);
	assert_string_equal(mail_from_resolve(&app, db, a), "Miharashi <noreply@localhost>");
	arena_free(a);
}

/* The path of the .eml of mail id, or NULL; malloc'd. */
static char *
eml_of(int64_t id)
{
	DIR *d = opendir(maildir);
	if (!d)
		return NULL;
	char prefix[32];
	snprintf(prefix, sizeof(prefix), "%lld-", (long long)id);
	char *found = NULL;
	struct dirent *e;
	while (!found && (e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (strncmp(e->d_name, prefix, strlen(prefix)) == 0 && n > 4 &&
		    strcmp(e->d_name + n - 4, ".eml") == 0) {
			found = malloc(strlen(maildir) + n + 2);
			sprintf(found, "%s/%s", maildir, e->d_name);
		}
	}
	closedir(d);
	return found;
}

/* No temporary file was left behind in the mail directory. */
static void
assert_no_temp_files(void)
{
	DIR *d = opendir(maildir);
	assert_non_null(d);
	struct dirent *e;
	while ((e = readdir(d)))
		assert_false(strstr(e->d_name, ".tmp"));
	closedir(d);
}

static char *
wait_for_eml(int64_t id)
{
	for (int i = 0; i < WAIT_SECONDS * 20; i++) {
		char *p = eml_of(id);
		if (p)
			return p;
		sleep_ms(50);
	}
	return NULL;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	struct buf b = {0};
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	fclose(f);
	return buf_take(&b, len);
}

/* The delivered file holds the whole message, its body decoding back. */
static void
check_eml(const char *path)
{
	size_t len;
	char *msg = slurp(path, &len);
	assert_non_null(
	    strstr(msg, "\r\nFrom: \"Miharashi Desk\" <desk@miharashi.example.jp>\r\n"));
	assert_non_null(strstr(msg, "<taro@aoba.example.jp>\r\n"));
	assert_non_null(strstr(msg, "\r\nSubject: =?UTF-8?B?"));
	assert_non_null(strstr(msg, "@miharashi.example.jp>\r\nMIME-Version: 1.0\r\n"));
	assert_non_null(strstr(msg, "\r\nContent-Language: ja\r\n"));
	assert_non_null(strstr(msg, "\r\nAuto-Submitted: auto-generated\r\n\r\n"));
	const char *body = strstr(msg, "\r\n\r\n") + 4;
	struct buf b64 = {0};
	for (const char *p = body; *p; p++)
		if (*p != '\r' && *p != '\n')
			buf_putc(&b64, *p);
	unsigned char bin[1024];
	size_t blen = 0;
	assert_int_equal(sodium_base642bin(bin, sizeof(bin), b64.p, b64.len, NULL, &blen, NULL,
	                                   sodium_base64_VARIANT_ORIGINAL),
	                 0);
	assert_int_equal(blen, strlen("青葉様\r\n\r\nご依頼 #12 が更新されました。\r\n"));
	assert_memory_equal(bin, "青葉様\r\n\r\nご依頼 #12 が更新されました。\r\n", blen);
	buf_free(&b64);
	free(msg);
}

static struct app
test_app(const char *smtp_url)
{
	struct app app = {0};
	app.cfg.data_dir = datadir;
	app.cfg.mail_from = "Miharashi Desk <desk@miharashi.example.jp>";
	app.cfg.smtp_url = smtp_url;
	app.provider_name = "Miharashi";
	return app;
}

static void
test_sender_file_transport(void **state)
{
	(void)state;
	struct app app = test_app(NULL);
	assert_int_equal(mail_sender_start(&app), 0);
	assert_int_equal(mail_sender_start(&app), -1); /* one sender per process */

	struct mail m = sample();
	int64_t id = add_committed(&m);
	mail_sender_kick();
	char *path = wait_for_eml(id);
	assert_non_null(path);
	check_eml(path);

	/* The file appears before the row is marked: wait for the mark. */
	struct arena *a = arena_new();
	struct outbox_item it = get(id, a);
	for (int i = 0; it.sent_at == 0 && i < WAIT_SECONDS * 20; i++) {
		sleep_ms(50);
		it = get(id, a);
	}
	assert_true(it.sent_at > 0);
	assert_int_equal(it.attempts, 1);
	assert_int_equal(it.claimed_until, 0);
	mail_sender_stop();
	mail_sender_stop(); /* twice is harmless */
	mail_sender_kick(); /* and so is a kick with no sender */
	assert_no_temp_files();
	free(path);
	arena_free(a);
}

/* A TCP port on 127.0.0.1 that nothing listens on. */
static int
closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	socklen_t sl = sizeof(sa);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &sl), 0);
	close(fd); /* bound, never listened, now closed: connections are refused */
	return ntohs(sa.sin_port);
}

static void
test_sender_smtp_unreachable_keeps_mail(void **state)
{
	(void)state;
	/* Unusable URLs are refused before any thread starts. */
	struct app bad = test_app("http://127.0.0.1:25");
	assert_int_equal(mail_sender_start(&bad), -1);
	bad.cfg.smtp_url = "smtp://127.0.0.1:25?starttls=sometimes";
	assert_int_equal(mail_sender_start(&bad), -1);

	char url[128];
	snprintf(url, sizeof(url), "smtp://user:secret@127.0.0.1:%d?starttls=required",
	         closed_port());
	struct app app = test_app(url);
	assert_int_equal(mail_sender_start(&app), 0);
	struct mail m = sample();
	int64_t id = add_committed(&m);
	int64_t t0 = clock_now();
	mail_sender_kick();

	struct arena *a = arena_new();
	struct outbox_item it = get(id, a);
	for (int i = 0; it.attempts < 1 && i < WAIT_SECONDS * 20; i++) {
		sleep_ms(50);
		it = get(id, a);
	}
	mail_sender_stop();
	it = get(id, a);
	assert_true(it.attempts >= 1);
	assert_int_equal(it.sent_at, 0);
	assert_non_null(strstr(it.last_error, "127.0.0.1"));
	assert_null(strstr(it.last_error, "secret")); /* credentials stay out */
	assert_int_equal(it.claimed_until, 0);
	assert_true(it.next_attempt_at >= t0 + OUTBOX_BACKOFF_FIRST);
	assert_true(outbox_pending(db) >= 1);
	assert_null(eml_of(id));

	/* Switched to the file transport once it is due again: delivered. */
	/* The test moves the schedule rather than wait for the back-off. */
	assert_int_equal(db_exec(db, "UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL"),
	                 0);
	app.cfg.smtp_url = NULL;
	assert_int_equal(mail_sender_start(&app), 0);
	mail_sender_kick();
	char *path = wait_for_eml(id);
	assert_non_null(path);
	check_eml(path);
	mail_sender_stop();
	it = get(id, a);
	assert_true(it.sent_at > 0);
	assert_int_equal(it.attempts, 2);
	free(path);
	arena_free(a);
}

/*
 * A minimal SMTP server for one test: answers EHLO without STARTTLS or AUTH,
 * records the envelope and the data of the last transaction.
 */
struct fake_smtp {
	int lfd, port;
	pthread_t thread;
	atomic_bool stop;
	pthread_mutex_t mu;
	int connections;
	char mail_from[1024], rcpt_to[1024];
	struct buf data;
};

/* A line without its CRLF into line; false at end of input or timeout. */
static bool
read_line(int fd, char *line, size_t cap)
{
	size_t n = 0;
	for (;;) {
		char c;
		ssize_t r = recv(fd, &c, 1, 0);
		if (r <= 0)
			return false;
		if (c == '\n')
			break;
		if (n + 1 < cap)
			line[n++] = c;
	}
	if (n && line[n - 1] == '\r')
		n--;
	line[n] = '\0';
	return true;
}

static void
say(int fd, const char *s)
{
	ssize_t w = send(fd, s, strlen(s), MSG_NOSIGNAL);
	(void)w;
}

static void
fake_session(struct fake_smtp *f, int fd)
{
	char line[1000]; /* within the buffers above, with room to spare */
	say(fd, "220 fake ESMTP\r\n");
	while (read_line(fd, line, sizeof(line))) {
		pthread_mutex_lock(&f->mu);
		if (strncasecmp(line, "EHLO", 4) == 0) {
			say(fd, "250-fake\r\n250 8BITMIME\r\n");
		} else if (strncasecmp(line, "MAIL FROM:", 10) == 0) {
			snprintf(f->mail_from, sizeof(f->mail_from), "%s", line + 10);
			say(fd, "250 ok\r\n");
		} else if (strncasecmp(line, "RCPT TO:", 8) == 0) {
			snprintf(f->rcpt_to, sizeof(f->rcpt_to), "%s", line + 8);
			say(fd, "250 ok\r\n");
		} else if (strcasecmp(line, "DATA") == 0) {
			say(fd, "354 go ahead\r\n");
			f->data.len = 0;
			while (read_line(fd, line, sizeof(line)) && strcmp(line, ".") != 0) {
				buf_puts(&f->data, line);
				buf_puts(&f->data, "\r\n");
			}
			say(fd, "250 queued\r\n");
		} else if (strcasecmp(line, "QUIT") == 0) {
			say(fd, "221 bye\r\n");
			pthread_mutex_unlock(&f->mu);
			break;
		} else {
			say(fd, "502 not here\r\n");
		}
		pthread_mutex_unlock(&f->mu);
	}
}

static void *
fake_run(void *p)
{
	struct fake_smtp *f = p;
	while (!atomic_load(&f->stop)) {
		struct pollfd pfd = {.fd = f->lfd, .events = POLLIN};
		if (poll(&pfd, 1, 100) != 1)
			continue;
		int fd = accept(f->lfd, NULL, NULL);
		if (fd < 0)
			continue;
		struct timeval tv = {5, 0};
		setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
		pthread_mutex_lock(&f->mu);
		f->connections++;
		pthread_mutex_unlock(&f->mu);
		fake_session(f, fd);
		close(fd);
	}
	return NULL;
}

static void
fake_start(struct fake_smtp *f)
{
	memset(f, 0, sizeof(*f));
	pthread_mutex_init(&f->mu, NULL);
	f->lfd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(f->lfd >= 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = 0};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(f->lfd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(f->lfd, 4), 0);
	socklen_t sl = sizeof(sa);
	assert_int_equal(getsockname(f->lfd, (struct sockaddr *)&sa, &sl), 0);
	f->port = ntohs(sa.sin_port);
	assert_int_equal(pthread_create(&f->thread, NULL, fake_run, f), 0);
}

static void
fake_stop(struct fake_smtp *f)
{
	atomic_store(&f->stop, true);
	pthread_join(f->thread, NULL);
	close(f->lfd);
	buf_free(&f->data);
	pthread_mutex_destroy(&f->mu);
}

static void
test_sender_smtp_delivers(void **state)
{
	(void)state;
	struct fake_smtp f;
	fake_start(&f);
	char url[128];

	/* starttls=required: a server without STARTTLS gets nothing. */
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d?starttls=required", f.port);
	struct app app = test_app(url);
	assert_int_equal(mail_sender_start(&app), 0);
	struct mail m = sample();
	int64_t id = add_committed(&m);
	mail_sender_kick();
	struct arena *a = arena_new();
	struct outbox_item it = get(id, a);
	for (int i = 0; it.attempts < 1 && i < WAIT_SECONDS * 20; i++) {
		sleep_ms(50);
		it = get(id, a);
	}
	mail_sender_stop();
	assert_int_equal(it.attempts, 1);
	assert_int_equal(it.sent_at, 0);
	assert_string_not_equal(it.last_error, "");
	pthread_mutex_lock(&f.mu);
	assert_int_equal(f.connections, 1);
	assert_int_equal(f.data.len, 0);
	pthread_mutex_unlock(&f.mu);

	/* Plain smtp:// tries STARTTLS, goes on without it, and delivers. */
	assert_int_equal(db_exec(db, "UPDATE outbox SET next_attempt_at = 0 WHERE sent_at IS NULL"),
	                 0);
	snprintf(url, sizeof(url), "smtp://127.0.0.1:%d", f.port);
	app.cfg.smtp_url = url;
	assert_int_equal(mail_sender_start(&app), 0);
	mail_sender_kick();
	it = get(id, a);
	for (int i = 0; it.sent_at == 0 && i < WAIT_SECONDS * 20; i++) {
		sleep_ms(50);
		it = get(id, a);
	}
	mail_sender_stop();
	assert_true(it.sent_at > 0);
	assert_int_equal(it.attempts, 2);
	pthread_mutex_lock(&f.mu);
	assert_string_equal(f.mail_from, "<desk@miharashi.example.jp>");
	assert_string_equal(f.rcpt_to, "<taro@aoba.example.jp>");
	assert_non_null(f.data.p);
	char *copy = strdup(f.data.p);
	pthread_mutex_unlock(&f.mu);
	assert_non_null(strstr(copy, "\r\nSubject: =?UTF-8?B?"));
	assert_non_null(strstr(copy, "\r\nContent-Transfer-Encoding: base64\r\n"));
	free(copy);
	fake_stop(&f);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outbox_add_refuses_bad_input),
	    cmocka_unit_test(test_outbox_add_follows_transaction),
	    cmocka_unit_test(test_outbox_claim),
	    cmocka_unit_test(test_outbox_backoff_schedule),
	    cmocka_unit_test(test_outbox_from_setting),
	    cmocka_unit_test(test_sender_file_transport),
	    cmocka_unit_test(test_sender_smtp_unreachable_keeps_mail),
	    cmocka_unit_test(test_sender_smtp_delivers),
	};
	return cmocka_run_group_tests_name("mail_outbox", tests, group_setup, group_teardown);
}
