/*
 * Form widgets shared by the pages: alerts, labelled fields with their
 * error next to them (aria-invalid and aria-describedby set), check boxes,
 * selects, the CSRF field, and the live password checklist. Values are
 * escaped like all data.
 */
#ifndef MADOGUCHI_WEB_FORM_H
#define MADOGUCHI_WEB_FORM_H

#include <stdbool.h>

#include "auth/policy.h"

struct req;

enum alert_kind { ALERT_ERROR, ALERT_INFO, ALERT_SUCCESS };

struct field {
	const char *name;  /* also the id */
	const char *label; /* translated */
	const char *value; /* NULL: empty */
	const char *error; /* translated, NULL: none */
	const char *type;  /* "text" when NULL */
	const char *autocomplete;
	const char *hint; /* translated help under the field, NULL: none */
	const char *extra_class;
	const char *described_by; /* id of an element that explains an error shown elsewhere */
	bool invalid;             /* mark invalid without an error text under the field */
	int maxlength;            /* 0: none */
	bool required;
	bool autofocus;
};

/* An alert box; a dismissible one gets a × button. */
void form_alert(struct req *r, enum alert_kind kind, const char *msg, bool dismissible);
/* The same with an id, for fields that point to it (aria-describedby). */
void form_alert_id(struct req *r, enum alert_kind kind, const char *msg, bool dismissible,
                   const char *id);
void form_csrf(struct req *r);
/*
 * A form of one button that posts to action (a state change: the CSRF
 * token included); confirm: the question asked first, NULL for none.
 */
void form_action_button(struct req *r, const char *action, const char *label, const char *confirm,
                        bool primary);
void form_hidden(struct req *r, const char *name, const char *value);
void form_field(struct req *r, const struct field *f);
void form_checkbox(struct req *r, const char *name, const char *label, bool checked);
/* A select of (value, translated label) pairs. */
void form_select(struct req *r, const char *name, const char *label, const char *const *values,
                 const char *const *labels, int n, const char *selected);
/* The same with an error under it (aria-invalid, aria-describedby "<name>-error"). */
void form_select_error(struct req *r, const char *name, const char *label,
                       const char *const *values, const char *const *labels, int n,
                       const char *selected, const char *error);
/* <p class="field-error" id=…> for a control that cannot carry its own (NULL: nothing). */
void form_error(struct req *r, const char *id, const char *error);
/*
 * The rules of the profile as a checklist under a new-password field; the
 * script marks them as the user types. failed (may be NULL) marks the rules
 * the server found broken.
 */
void form_password_rules(struct req *r, enum policy_profile p, bool has_mfa, const bool *failed,
                         const char *for_field, const char *confirm_field);
/*
 * The end of an upload form: the files field (up to 2 GB each), the
 * progress bar static/forms.js drives, and the form's submit button
 * (label translated); closes the form.
 */
void form_files_and_submit(struct req *r, const char *label);
/* The same with the operation's error on the files (translated; NULL: none) under the field. */
void form_files_error_and_submit(struct req *r, const char *label, const char *error);
/*
 * The files input alone (id and name "files"), with the message for files
 * the request left out (size or count) under it; hint_id (may be NULL)
 * names the help text it is described by as well.
 */
void form_files_input(struct req *r, const char *hint_id);
/* That message, translated, or NULL when the request left no file out. */
const char *form_upload_refusal(struct req *r);
/* The row of the form's primary submit button (label translated); closes the form. */
void form_submit(struct req *r, const char *label);
/* The note that the new user is mailed a link valid 72 hours, then form_submit. */
void form_invitation_submit(struct req *r, const char *label);
/* "* required" legend shown above forms with required fields. */
void form_required_legend(struct req *r);

#endif
