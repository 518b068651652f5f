/* Labels of audit event kinds; see event_labels.h. */
#include "views/event_labels.h"
#include "core/i18n.h"

#include <string.h>

static const struct {
	const char *event, *label;
} labels[] = {
    /* signing in and the account */
    {"auth.login", N_("Sign-in")},
    {"auth.login_failed", N_("Failed sign-in")},
    {"auth.locked", N_("Locked")},
    {"auth.login_locked", N_("Sign-in while locked")},
    {"auth.logout", N_("Sign-out")},
    {"auth.mfa_failed", N_("Failed multi-factor authentication")},
    {"auth.mfa_code_sent", N_("Verification code sent")},
    {"auth.password_ok", N_("Password confirmed")},
    {"auth.login_trusted_browser", N_("Sign-in (trusted browser)")},
    {"auth.password_reset", N_("Password reset")},
    {"auth.reset_requested", N_("Password reset requested")},
    {"auth.reset_failed", N_("Failed reset verification")},
    {"auth.reset_paused", N_("Password reset refused (paused)")},
    {"auth.password_changed", N_("Password changed")},
    {"auth.password_change_failed", N_("Failed password change")},
    {"auth.login_disabled", N_("Sign-in of a disabled user")},
    {"auth.mfa_enabled", N_("Authenticator app set up")},
    {"auth.mfa_removed", N_("Authenticator app removed")},
    {"account.created", N_("Account created")},
    {"account.updated", N_("Account updated")},
    {"account.disabled", N_("Login disabled")},
    {"account.enabled", N_("Login enabled")},
    {"account.mfa_removed", N_("Authenticator app removed by an administrator")},
    {"account.email_changed", N_("E-mail address changed")},
    {"account.role_changed", N_("Role changed")},
    /* cases */
    {"case.created", N_("Case raised")},
    {"case.commented", N_("Case commented")},
    {"case.note_added", N_("Internal note added")},
    {"case.assigned", N_("Case assigned")},
    {"case.state_changed", N_("Case state changed")},
    {"case.rated", N_("Satisfaction rated")},
    {"case.mail_reply", N_("Case commented via e-mail")},
    {"case.mail_refused", N_("Reply by e-mail refused")},
    /* work requests and the catalog */
    {"work_request.submitted", N_("Work request submitted")},
    {"work_request.accept", N_("Work request accepted")},
    {"work_request.accept_overage", N_("Work request accepted beyond the points")},
    {"work_request.reject", N_("Work request declined")},
    {"catalog.item_created", N_("Catalog item created")},
    {"catalog.item_updated", N_("Catalog item updated")},
    {"catalog.item_moved", N_("Catalog item moved")},
    {"catalog.item_retired", N_("Catalog item retired")},
    {"catalog.item_restored", N_("Catalog item restored")},
    {"catalog.field_created", N_("Catalog field created")},
    {"catalog.field_updated", N_("Catalog field updated")},
    {"catalog.field_moved", N_("Catalog field moved")},
    {"catalog.field_retired", N_("Catalog field retired")},
    {"catalog.field_restored", N_("Catalog field restored")},
    /* points */
    {"points.period_create", N_("Points period added")},
    {"points.period_update", N_("Points period changed")},
    {"points.correction", N_("Points corrected")},
    /* knowledge */
    {"kb.article_created", N_("Article created")},
    {"kb.article_updated", N_("Article updated")},
    {"kb.article_published", N_("Article published")},
    {"kb.article_retired", N_("Article retired")},
    {"kb.attachment_added", N_("Article attachment added")},
    {"kb.attachment_removed", N_("Article attachment removed")},
    {"kb.base_created", N_("Knowledge base created")},
    {"kb.base_renamed", N_("Knowledge base renamed")},
    {"kb.base_deleted", N_("Knowledge base deleted")},
    {"kb.category_created", N_("Category created")},
    {"kb.category_updated", N_("Category updated")},
    {"kb.category_deleted", N_("Category deleted")},
    /* customers and the provider */
    {"customer.created", N_("Customer created")},
    {"customer.updated", N_("Customer updated")},
    {"contract.created", N_("Contract created")},
    {"contract.updated", N_("Contract updated")},
    {"contract.levels_updated", N_("Contract service levels changed")},
    {"service.created", N_("Service created")},
    {"service.portal_updated", N_("Service portal link changed")},
    {"service.levels_updated", N_("Service levels changed")},
    {"settings.updated", N_("Portal settings changed")},
    {"settings.monthly_reports", N_("Monthly report delivery turned on or off")},
    {"api_token.created", N_("API token issued")},
    {"api_token.revoked", N_("API token revoked")},
    {"webhook.created", N_("Webhook endpoint registered")},
    {"webhook.enabled", N_("Webhook endpoint enabled")},
    {"webhook.disabled", N_("Webhook endpoint disabled")},
    {"webhook.deleted", N_("Webhook endpoint deleted")},
    {"webhook.redelivered", N_("Webhook delivery queued again")},
    {"webhook.private_targets", N_("Webhook targets in private ranges allowed or refused")},
};

const char *
event_label_msgid(const char *event)
{
	for (size_t i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (event && strcmp(labels[i].event, event) == 0)
			return labels[i].label;
	return N_("Other event");
}

size_t
event_kinds_count(void)
{
	return sizeof(labels) / sizeof(labels[0]);
}

const char *
event_kind(size_t i)
{
	return i < event_kinds_count() ? labels[i].event : NULL;
}
