/* Form widgets; see form.h. */
#include "web/form.h"
#include "http/csrf.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/upload.h"
#include "http/upload_parts.h"
#include "web/html.h"

#include <string.h>

void
form_alert(struct req *r, enum alert_kind kind, const char *msg, bool dismissible)
{
	form_alert_id(r, kind, msg, dismissible, NULL);
}

void
form_alert_id(struct req *r, enum alert_kind kind, const char *msg, bool dismissible,
              const char *id)
{
	static const char *const cls[] = {"alert alert-error", "alert alert-info",
	                                  "alert alert-success"};
	struct buf *b = &r->out;
	html_lit(b, "<div");
	html_attr(b, "class", cls[kind]);
	html_attr(b, "role", kind == ALERT_ERROR ? "alert" : "status");
	if (id)
		html_attr(b, "id", id);
	html_lit(b, "><p>");
	html_text(b, msg);
	html_lit(b, "</p>");
	if (dismissible) {
		html_lit(b,
		         "<button type=\"button\" class=\"alert-close\" data-dismiss=\".alert\"");
		html_attr(b, "aria-label", T(r, "Close"));
		html_lit(b, ">×</button>");
	}
	html_lit(b, "</div>");
}

void
form_csrf(struct req *r)
{
	form_hidden(r, "csrf", csrf_token(r));
}

void
form_hidden(struct req *r, const char *name, const char *value)
{
	html_lit(&r->out, "<input type=\"hidden\"");
	html_attr(&r->out, "name", name);
	html_attr(&r->out, "value", value ? value : "");
	html_lit(&r->out, ">");
}

static void
label(struct req *r, const char *for_id, const char *text, bool required)
{
	struct buf *b = &r->out;
	html_lit(b, "<label");
	html_attr(b, "for", for_id);
	html_lit(b, ">");
	html_text(b, text);
	if (required) {
		html_lit(b, " <span class=\"required\" aria-hidden=\"true\">*</span>");
	}
	html_lit(b, "</label>");
}

/* Whether an input of type (NULL: text) takes maxlength. */
static bool
text_like(const char *type)
{
	static const char *const kinds[] = {"text",   "textarea", "email", "password",
	                                    "search", "tel",      "url"};
	if (!type)
		return true;
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(type, kinds[i]) == 0)
			return true;
	return false;
}

void
form_field(struct req *r, const struct field *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<div");
	html_attr(b, "class",
	          f->extra_class ? arena_printf(r->a, "field %s", f->extra_class) : "field");
	html_lit(b, ">");
	label(r, f->name, f->label, f->required);
	bool area = f->type && strcmp(f->type, "textarea") == 0;
	if (area)
		html_lit(b, "<textarea");
	else
		html_lit(b, "<input");
	html_attr(b, "id", f->name);
	html_attr(b, "name", f->name);
	if (!area)
		html_attr(b, "type", f->type ? f->type : "text");
	if (f->autocomplete)
		html_attr(b, "autocomplete", f->autocomplete);
	/* HTML allows maxlength on text-like inputs only (not date, number, ...). */
	if (f->maxlength > 0 && text_like(f->type))
		buf_printf(b, " maxlength=\"%d\"", f->maxlength);
	if (f->required)
		html_lit(b, " required aria-required=\"true\"");
	if (f->autofocus)
		html_lit(b, " autofocus");
	const char *desc = f->described_by;
	if (f->error || f->hint)
		desc = arena_printf(r->a, "%s-%s", f->name, f->error ? "error" : "hint");
	if (f->error || f->invalid)
		html_lit(b, " aria-invalid=\"true\"");
	if (desc)
		html_attr(b, "aria-describedby", desc);
	if (area) {
		html_lit(b, ">");
		html_text(b, f->value);
		html_lit(b, "</textarea>");
	} else {
		if (!f->type || strcmp(f->type, "password") != 0)
			html_attr(b, "value", f->value ? f->value : "");
		html_lit(b, ">");
	}
	if (f->error) {
		html_lit(b, "<p class=\"field-error\"");
		html_attr(b, "id", desc);
		html_lit(b, ">");
		html_text(b, f->error);
		html_lit(b, "</p>");
	} else if (f->hint) {
		html_lit(b, "<p class=\"muted field-hint\"");
		html_attr(b, "id", desc);
		html_lit(b, ">");
		html_text(b, f->hint);
		html_lit(b, "</p>");
	}
	html_lit(b, "</div>");
}

void
form_checkbox(struct req *r, const char *name, const char *text, bool checked)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"field field-check\"><input type=\"checkbox\" value=\"1\"");
	html_attr(b, "id", name);
	html_attr(b, "name", name);
	if (checked)
		html_lit(b, " checked");
	html_lit(b, ">");
	label(r, name, text, false);
	html_lit(b, "</div>");
}

void
form_select(struct req *r, const char *name, const char *text, const char *const *values,
            const char *const *labels, int n, const char *selected)
{
	form_select_error(r, name, text, values, labels, n, selected, NULL);
}

void
form_select_error(struct req *r, const char *name, const char *text, const char *const *values,
                  const char *const *labels, int n, const char *selected, const char *error)
{
	struct buf *b = &r->out;
	const char *err_id = error ? arena_printf(r->a, "%s-error", name) : NULL;
	html_lit(b, "<div class=\"field\">");
	label(r, name, text, false);
	html_lit(b, "<select");
	html_attr(b, "id", name);
	html_attr(b, "name", name);
	if (err_id) {
		html_lit(b, " aria-invalid=\"true\"");
		html_attr(b, "aria-describedby", err_id);
	}
	html_lit(b, ">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<option");
		html_attr(b, "value", values[i]);
		if (selected && strcmp(selected, values[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, labels[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select>");
	form_error(r, err_id, error);
	html_lit(b, "</div>");
}

void
form_error(struct req *r, const char *id, const char *error)
{
	if (!error)
		return;
	html_lit(&r->out, "<p class=\"field-error\"");
	if (id)
		html_attr(&r->out, "id", id);
	html_lit(&r->out, ">");
	html_text(&r->out, error);
	html_lit(&r->out, "</p>");
}

void
form_password_rules(struct req *r, enum policy_profile p, bool has_mfa, const bool *failed,
                    const char *for_field, const char *confirm_field)
{
	struct buf *b = &r->out;
	int min, max;
	policy_length(p, has_mfa, &min, &max);
	html_lit(b, "<div class=\"pw-rules\"");
	html_attr(b, "data-for", for_field);
	if (confirm_field)
		html_attr(b, "data-confirm", confirm_field);
	html_attr(b, "data-profile", p == POLICY_NIST ? "nist" : "guide");
	buf_printf(b, " data-min=\"%d\" data-max=\"%d\"", min, max);
	html_lit(b, "><p class=\"pw-strength\" aria-live=\"polite\"");
	html_attr(b, "data-weak", T(r, "Strength: weak"));
	html_attr(b, "data-fair", T(r, "Strength: fair"));
	html_attr(b, "data-strong", T(r, "Strength: strong"));
	html_lit(b, "></p><ul class=\"pw-checklist\">");
	for (int rule = 0; rule < RULE__MAX; rule++) {
		if (!policy_rule_applies(p, (enum policy_rule)rule) ||
		    (rule == RULE_CONFIRM && !confirm_field))
			continue;
		static const char *const keys[RULE__MAX] = {
		    "length",  "lower",  "upper",    "digit", "symbol",
		    "charset", "repeat", "personal", "weak",  "confirm"};
		html_lit(b, "<li");
		html_attr(b, "data-rule", keys[rule]);
		if (failed && failed[rule])
			html_lit(b, " class=\"ng\"");
		html_lit(b, ">");
		if (rule == RULE_LENGTH)
			html_textf(b, T(r, "%d to %d characters"), min, max);
		else
			html_text(b, T(r, policy_rule_text((enum policy_rule)rule)));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></div>");
}

void
form_required_legend(struct req *r)
{
	html_lit(&r->out, "<p class=\"muted required-legend\"><span class=\"required\">*</span> ");
	html_text(&r->out, T(r, "Required"));
	html_lit(&r->out, "</p>");
}

const char *
form_upload_refusal(struct req *r)
{
	const char *name = "";
	switch (upload_refused(r, &name)) {
	case UPLOAD_TOO_LARGE:
		return arena_printf(r->a,
		                    T(r,
		                      "%s is larger than 2 GB, so nothing was saved. Choose files "
		                      "of up to 2 GB each."),
		                    name);
	case UPLOAD_TOO_MANY:
		return T(r, "Up to 10 files can be sent at once, so nothing was saved. Choose the "
		            "files again.");
	default:
		return NULL;
	}
}

/* The files input; what the request left out comes before the operation's error. */
static void
files_input(struct req *r, const char *hint_id, const char *error)
{
	struct buf *b = &r->out;
	const char *err = form_upload_refusal(r);
	if (!err)
		err = error;
	html_lit(b, "<input id=\"files\" name=\"files\" type=\"file\" multiple");
	if (err)
		html_lit(b, " aria-invalid=\"true\"");
	if (err || hint_id)
		html_attr(b, "aria-describedby",
		          err && hint_id ? arena_printf(r->a, "files-error %s", hint_id)
		          : err          ? "files-error"
		                         : hint_id);
	html_lit(b, ">");
	form_error(r, "files-error", err);
}

void
form_files_input(struct req *r, const char *hint_id)
{
	files_input(r, hint_id, NULL);
}

void
form_files_and_submit(struct req *r, const char *label)
{
	form_files_error_and_submit(r, label, NULL);
}

void
form_files_error_and_submit(struct req *r, const char *label, const char *error)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"field\"><label for=\"files\">");
	html_text(b, T(r, "Add attachments (up to 2 GB each)"));
	html_lit(b, "</label>");
	files_input(r, NULL, error);
	html_lit(b,
	         "</div>"
	         "<progress class=\"upload-progress\" max=\"100\" value=\"0\" hidden></progress>");
	form_submit(r, label);
}

void
form_submit(struct req *r, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, label);
	html_lit(b, "</button></div></form>");
}

void
form_invitation_submit(struct req *r, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"note\">");
	html_text(b, T(r, "An invitation with a link to set the password is sent to the e-mail "
	                  "address. The link is valid for 72 hours."));
	html_lit(b, "</p>");
	form_submit(r, label);
}

void
form_action_button(struct req *r, const char *action, const char *label, const char *confirm,
                   bool primary)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"action-form\" method=\"post\"");
	html_attr(b, "action", action);
	if (confirm)
		html_attr(b, "data-confirm", confirm);
	html_lit(b, ">");
	form_csrf(r);
	html_lit(b, "<button type=\"submit\"");
	html_attr(b, "class", primary ? "btn btn-primary" : "btn btn-secondary");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</button></form>");
}
