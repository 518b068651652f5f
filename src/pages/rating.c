/*
 * The satisfaction page a closed case's mail links to (cases/rating.h): the
 * link only shows the form, with the rating chosen in the mail preselected;
 * sending the form records it, once. No sign-in: the link is the
 * credential, and it names one case of one contact.
 */
#include "cases/rating.h"
#include "core/arena.h"
#include "http/request.h"
#include "pages/pages.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

static const char *const scores[] = {"1", "2", "3", "4", "5", NULL};
static const char *const levels[] = {N_("Very dissatisfied"), N_("Dissatisfied"), N_("Neither"),
                                     N_("Satisfied"), N_("Very satisfied")};

static const struct field_decl rating_fields[] = {
    {.name = "score",
     .kind = FIELD_CHOICE,
     .required = true,
     .choices = scores,
     .msgid = N_("Choose a rating from 1 to 5.")},
    {.name = "comment", .kind = FIELD_TEXT, .max_chars = RATING_COMMENT_MAX},
};

static void
begin(struct req *r, const char *title)
{
	struct page p = {.title = title, .bare = r->user == NULL};
	layout_begin(r, &p);
	html_lit(&r->out, "<h1 class=\"page-title\">");
	html_text(&r->out, title);
	html_lit(&r->out, "</h1>");
}

static void
case_line(struct req *r, const struct rating *v)
{
	html_lit(&r->out, "<p class=\"muted\">");
	html_text(&r->out, v->case_number);
	html_lit(&r->out, " ");
	html_text(&r->out, v->case_subject);
	html_lit(&r->out, "</p>");
}

/* The rating's form; chosen: 1..5 preselected, 0 none. */
static int
render_form(struct req *r, int status, const struct rating *v, int chosen, const char *comment,
            const struct dom *err)
{
	begin(r, T(r, "How did we do?"));
	struct buf *b = &r->out;
	if (err)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	case_line(r, v);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "/rate/%s", r->pp[0]));
	html_lit(b, ">");
	form_csrf(r);
	const char *e_score = err ? web_error(r, err, "score") : NULL;
	html_lit(b, "<fieldset class=\"rating\"");
	if (e_score)
		html_lit(b, " aria-describedby=\"score-error\"");
	html_lit(b, "><legend>");
	html_text(b, T(r, "How satisfied are you with how we handled the case?"));
	html_lit(b, "</legend>");
	for (int s = 5; s >= 1; s--) {
		html_lit(b, "<label><input type=\"radio\" name=\"score\" required");
		html_attr(b, "value", scores[s - 1]);
		if (s == chosen)
			html_lit(b, " checked");
		html_lit(b, "> ");
		html_text(b, arena_printf(r->a, "%d %s", s, T(r, levels[s - 1])));
		html_lit(b, "</label><br>");
	}
	html_lit(b, "</fieldset>");
	form_error(r, "score-error", e_score);
	form_field(r, &(struct field){.name = "comment",
	                              .label = T(r, "Comment (optional)"),
	                              .type = "textarea",
	                              .value = comment,
	                              .error = err ? web_error(r, err, "comment") : NULL,
	                              .maxlength = RATING_COMMENT_MAX});
	form_submit(r, T(r, "Send"));
	layout_end(r);
	return status;
}

/* What a link that records nothing more shows: the answer given, or a dead link. */
static int
render_done(struct req *r, int st, const struct rating *v, bool just_now)
{
	if (st == DOM_NOT_FOUND) {
		begin(r, T(r, "This link is not valid"));
		html_lit(&r->out, "<p>");
		html_text(&r->out, T(r, "The link has expired or is not complete. Please copy the "
		                        "whole address from the mail."));
		html_lit(&r->out, "</p>");
		layout_end(r);
		return 404;
	}
	begin(r, T(r, "Thank you for your answer"));
	if (!just_now)
		form_alert(r, ALERT_INFO, T(r, "This case has been rated already."), false);
	case_line(r, v);
	html_lit(&r->out, "<p>");
	html_text(&r->out, arena_printf(r->a, "%s: %d %s", T(r, "Your rating"), v->score,
	                                T(r, levels[v->score - 1])));
	html_lit(&r->out, "</p>");
	layout_end(r);
	return just_now ? 200 : 409;
}

/* GET /rate/:token?score=N: shows the form, records nothing. */
int
page_rating_form(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct rating v;
	int st = rating_open(&d, r->pp[0], &v);
	if (st == DOM_ERROR)
		return 500;
	if (st != DOM_OK)
		return render_done(r, st, &v, false);
	struct field_value s;
	int chosen = fields_read(r, FROM_QUERY, rating_fields, 1, NULL, &s) == 0 && s.choice >= 0
	                 ? s.choice + 1
	                 : 0; /* the rating the mail's link chose */
	return render_form(r, 200, &v, chosen, "", NULL);
}

/* POST /rate/:token */
int
page_rating_submit(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(rating_fields)];
	fields_read(r, FROM_FORM, rating_fields, FIELDS_N(rating_fields), &d, v);
	int score = v[0].choice >= 0 ? v[0].choice + 1 : 0;
	int st = d.nerrors ? DOM_INVALID : rating_submit(&d, r->pp[0], score, v[1].text);
	struct rating shown;
	int now = rating_open(&(struct dom){.app = d.app, .a = d.a}, r->pp[0], &shown);
	if (now == DOM_ERROR || st == DOM_ERROR)
		return 500;
	if (st == DOM_INVALID && now == DOM_OK)
		return render_form(r, 422, &shown, score, v[1].text, &d);
	return render_done(r, now, &shown, st == DOM_OK);
}
