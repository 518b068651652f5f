/* Texts of the work request mails; see request_mails.h. */
#include "mail/request_mails.h"
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *tr(const struct recipient *to, const char *msgid) __attribute__((format_arg(2)));

static const char *
tr(const struct recipient *to, const char *msgid)
{
	return i18n_tr(to->lang, msgid);
}

static const char *
item_name(const struct recipient *to, const struct work_request *req)
{
	return to->lang == LANG_EN ? req->item_name_en : req->item_name_ja;
}

/* The request's number, item and page under the text, in the subject "[WR…] what: item". */
static int
send(struct db *db, const struct app *app, const struct recipient *to,
     const struct work_request *req, const char *what, struct buf *body)
{
	char *subject = NULL;
	if (asprintf(&subject, "[%s] %s: %s", req->number, what, item_name(to, req)) < 0)
		subject = NULL;
	buf_printf(body, "\n\n%s: %s\n%s: %s\n%s/requests/%s", tr(to, "Request number"),
	           req->number, tr(to, "Work item"), item_name(to, req), app->cfg.base_url,
	           req->number);
	int rc = subject ? mail_letter(db, app, to, subject, body) : (buf_free(body), -1);
	free(subject);
	return rc;
}

/* One question and its answer; a multi-line answer is indented under it. */
static void
answer_lines(struct buf *b, const struct recipient *to, const struct work_answer *v)
{
	const char *label = to->lang == LANG_EN ? v->label_en : v->label_ja;
	const char *value = v->value;
	if (strcmp(v->kind, "checkbox") == 0)
		value = strcmp(v->value, "1") == 0 ? tr(to, "Yes") : tr(to, "No");
	else if (!*value)
		value = "—";
	buf_printf(b, "■ %s\n", label);
	for (const char *p = value; *p;) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len && p[len - 1] == '\r')
			len--;
		buf_puts(b, "  ");
		buf_append(b, p, len);
		buf_puts(b, "\n");
		p = nl ? nl + 1 : p + strlen(p);
	}
}

int
mail_request_submitted(struct db *db, const struct app *app, const struct recipient *to,
                       const struct work_request *req, const struct work_answer *answers, int n)
{
	struct arena *a = arena_new();
	struct attachment_row *files;
	int nf = work_request_attachments(db, req->id, a, &files);
	if (nf < 0) {
		arena_free(a);
		return -1;
	}
	struct buf b = {0};
	buf_puts(&b, tr(to, "We have received your work request. We will check it and let you "
	                    "know whether we accept it."));
	buf_puts(&b, "\n\n");
	buf_printf(&b, "%s: %d\n\n", tr(to, "Points"), req->points);
	for (int i = 0; i < n; i++)
		answer_lines(&b, to, &answers[i]);
	buf_printf(&b, "\n%s:\n", tr(to, "Attachments"));
	if (nf == 0)
		buf_printf(&b, "  %s\n", tr(to, "There are no attachments."));
	for (int i = 0; i < nf; i++)
		buf_printf(&b, "  %s (%.1f KB)\n", files[i].filename,
		           (double)files[i].size / 1024.0);
	arena_free(a);
	return send(db, app, to, req, tr(to, "Work request received"), &b);
}

int
mail_request_accepted(struct db *db, const struct app *app, const struct recipient *to,
                      const struct work_request *req, const char *case_number)
{
	struct buf b = {0};
	buf_puts(&b, tr(to, "Your work request has been accepted, and a case has been raised "
	                    "for it. Please follow the work on the case page."));
	buf_printf(&b, "\n\n%s: %s\n%s/cases/%s", tr(to, "Case number"), case_number,
	           app->cfg.base_url, case_number);
	return send(db, app, to, req, tr(to, "Work request accepted"), &b);
}

int
mail_request_rejected(struct db *db, const struct app *app, const struct recipient *to,
                      const struct work_request *req, const char *reason)
{
	struct buf b = {0};
	buf_puts(&b, tr(to, "We are sorry, but we could not accept your work request. No case "
	                    "has been raised."));
	buf_printf(&b, "\n\n%s:\n%s", tr(to, "Reason"), reason && *reason ? reason : "—");
	return send(db, app, to, req, tr(to, "Work request not accepted"), &b);
}
