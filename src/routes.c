/*
 * The route table: every URL of the portal, who may use it, whether it
 * changes state (CSRF token required) and the largest body it takes.
 * Requests that need a role the user lacks get 404, as if the page did not
 * exist; visitors are sent to sign in first.
 */
#include "http/router.h"
#include "http/upload.h"
#include "agent/console.h"
#include "api/api.h"
#include "http/static.h"
#include "pages/pages.h"
#include "web/error_page.h"

#include <string.h>

#define FORM_SMALL 4096
/* A case's description (64 K characters of up to 4 bytes) and the JSON around it. */
#define API_BODY_MAX (300 * 1024)
/* Files of up to 2 GB each, and the form around them. */
#define UPLOAD_BODY_MAX ((size_t)UPLOAD_FILES_MAX * UPLOAD_FILE_MAX + 1024 * 1024)

const struct route routes[] = {
    {HTTP_GET, "/", page_home, ROLE_USER, 0, 0},
    {HTTP_GET, "/account", page_account_menu, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/login", page_login_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login", page_login_submit, ROLE_PUBLIC, ROUTE_CSRF | ROUTE_SLOW, FORM_SMALL},
    {HTTP_GET, "/login/mfa", page_mfa_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login/mfa", page_mfa_verify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/login/mfa/method", page_mfa_method, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/login/mfa/resend", page_mfa_resend, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/password/reset", page_reset_identify_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/password/reset", page_reset_identify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/password/reset/verify", page_reset_verify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/password/reset/:token", page_reset_set_form, ROLE_PUBLIC, ROUTE_SECRET_PATH, 0},
    {HTTP_POST, "/password/reset/:token", page_reset_set, ROLE_PUBLIC,
     ROUTE_CSRF | ROUTE_SLOW | ROUTE_SECRET_PATH, FORM_SMALL},
    {HTTP_POST, "/logout", page_logout, ROLE_USER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/lang", page_lang, ROLE_PUBLIC, 0, 0},
    {HTTP_GET, "/profile", page_profile, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile", page_profile_save, ROLE_USER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/profile/email/:token", page_profile_email_confirm, ROLE_USER, ROUTE_SECRET_PATH,
     0},
    {HTTP_GET, "/profile/password", page_profile_password_form, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile/password", page_profile_password, ROLE_USER, ROUTE_CSRF | ROUTE_SLOW,
     FORM_SMALL},
    {HTTP_GET, "/profile/mfa", page_profile_mfa, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile/mfa/start", page_profile_mfa_start, ROLE_USER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/profile/mfa/confirm", page_profile_mfa_confirm, ROLE_USER, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/profile/mfa/remove", page_profile_mfa_remove, ROLE_USER, ROUTE_CSRF | ROUTE_SLOW,
     FORM_SMALL},
    {HTTP_GET, "/privacy", page_privacy, ROLE_PUBLIC, 0, 0},
    {HTTP_GET, "/services", page_services, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/services/:id", page_service_view, ROLE_CUSTOMER, 0, 0},
    /* cases */
    {HTTP_GET, "/inquiry", page_inquiry_form, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/inquiry", page_inquiry_submit, ROLE_CUSTOMER, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_GET, "/cases/:number", page_case_view, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/cases/:number/comments", page_case_comment, ROLE_CUSTOMER,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_POST, "/cases/:number/close", page_case_close, ROLE_CUSTOMER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/cases/:number/accept", page_case_accept, ROLE_CUSTOMER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/cases/:number/reject", page_case_reject, ROLE_CUSTOMER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/cases/:number/files/:id", page_case_file, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/console/cases/new", page_console_case_new_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/cases/new", page_console_case_new, ROLE_STAFF,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/cases/:number", page_console_case_view, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/cases/:number/update", page_console_case_update, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/cases/:number/comments", page_console_case_comment, ROLE_STAFF,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/cases/:number/files/:id", page_console_case_file, ROLE_STAFF, 0, 0},
    /* end cases */
    /* work requests (a catalog item or field form: two descriptions or choice lists, 64 KB) */
    {HTTP_GET, "/requests", page_requests, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/mine", page_requests_mine, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/items/:id", page_request_item_form, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/requests/items/:id", page_request_item_submit, ROLE_CUSTOMER,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/requests/:number", page_request_view, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/:number/files/:id", page_request_file, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/console/catalog", page_console_catalog, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/catalog/new", page_console_catalog_new_form, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/catalog/new", page_console_catalog_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, 64 * 1024},
    {HTTP_GET, "/console/catalog/:id", page_console_catalog_item, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/catalog/:id", page_console_catalog_item_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, 64 * 1024},
    {HTTP_POST, "/console/catalog/:id/move", page_console_catalog_item_move, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/retire", page_console_catalog_item_retire,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/restore", page_console_catalog_item_restore,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields", page_console_catalog_field_create,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, 64 * 1024},
    {HTTP_GET, "/console/catalog/:id/fields/:fid", page_console_catalog_field, ROLE_PROVIDER_ADMIN,
     0, 0},
    {HTTP_POST, "/console/catalog/:id/fields/:fid", page_console_catalog_field_save,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, 64 * 1024},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/move", page_console_catalog_field_move,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/retire", page_console_catalog_field_retire,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/restore", page_console_catalog_field_restore,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    /* end work requests */
    /* points and the review of work requests */
    {HTTP_GET, "/points", page_points, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/console/requests", page_console_requests, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/requests/:number", page_console_request, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/requests/:number/accept", page_console_request_accept, ROLE_STAFF,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/requests/:number/reject", page_console_request_reject, ROLE_STAFF,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/requests/:number/files/:id", page_request_file, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/points", page_console_points, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/points/periods", page_console_period_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/points/periods/:id", page_console_period_update, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/points/periods/:id/corrections", page_console_correction,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    /* end points and the review of work requests */
    {HTTP_GET, "/console", page_console_customers, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/settings", page_console_settings, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/audit", page_console_audit, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/audit/export", page_console_audit_export, ROLE_PROVIDER_ADMIN, ROUTE_SLOW,
     0},
    {HTTP_POST, "/console/settings", page_console_settings_save, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    /* contacts and history */
    {HTTP_GET, "/contacts", page_contacts, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_GET, "/contacts/new", page_contact_new_form, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/contacts/new", page_contact_create, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/contacts/:id", page_contact_edit_form, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/contacts/:id", page_contact_save, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/contacts/:id/disable", page_contact_disable, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/contacts/:id/enable", page_contact_enable, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/contacts/:id/mfa-reset", page_contact_mfa_reset, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/history", page_history, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/history/export", page_history_export, ROLE_CUSTOMER, ROUTE_SLOW, 0},
    {HTTP_GET, "/audit", page_audit, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_GET, "/audit/export", page_audit_export, ROLE_CUSTOMER_ADMIN, ROUTE_SLOW, 0},
    /* end contacts and history */
    /* knowledge */
    {HTTP_GET, "/knowledge", page_knowledge, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/knowledge/:number", page_knowledge_article, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/knowledge/:number/files/:id", page_knowledge_file, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/announcements", page_announcements, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/announcements/:number/dismiss", page_announcement_dismiss, ROLE_CUSTOMER,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/kb", page_console_kb, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/kb/new", page_console_kb_new_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/new", page_console_kb_create, ROLE_STAFF, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/kb/bases", page_console_kb_bases, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/bases", page_console_kb_base_create, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/kb/categories", page_console_kb_category_create, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/console/kb/bases/:id", page_console_kb_base, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/bases/:id", page_console_kb_base_rename, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/kb/bases/:id/delete", page_console_kb_base_delete, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/console/kb/categories/:id", page_console_kb_category, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/categories/:id", page_console_kb_category_save, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/kb/categories/:id/delete", page_console_kb_category_delete, ROLE_STAFF,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/kb/:id", page_console_kb_edit_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/:id", page_console_kb_save, ROLE_STAFF, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_POST, "/console/kb/:id/publish", page_console_kb_publish, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/kb/:id/retire", page_console_kb_retire, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/console/kb/:id/files/:fid", page_console_kb_file, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/:id/files/:fid/delete", page_console_kb_file_delete, ROLE_STAFF,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/customers", page_console_cadm_customers, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/customers/new", page_console_cadm_customer_new_form, ROLE_PROVIDER_ADMIN,
     0, 0},
    {HTTP_POST, "/console/customers/new", page_console_cadm_customer_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/customers/:id", page_console_cadm_customer, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/customers/:id", page_console_cadm_customer_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/customers/:id/contracts", page_console_cadm_contract_create,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/contracts/:id", page_console_cadm_contract, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/contracts/:id", page_console_cadm_contract_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/console/services", page_console_cadm_services, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/services/:id", page_console_cadm_service_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    /* end knowledge */
    /* case list */
    {HTTP_GET, "/cases", page_cases, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/case-filters", page_case_filter_save, ROLE_USER, ROUTE_CSRF, 16384},
    {HTTP_POST, "/case-filters/:id/delete", page_case_filter_delete, ROLE_USER, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/console/cases", page_console_cases, ROLE_STAFF, 0, 0},
    /* end case list */
    /* integration API (JSON, bearer tokens; docs/api.md) */
    {HTTP_GET, "/console/api-tokens", page_console_api_tokens, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/api-tokens", page_console_api_token_issue, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/console/api-tokens/:id/revoke", page_console_api_token_revoke,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/api-tokens", page_api_tokens, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/api-tokens", page_api_token_issue, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/api-tokens/:id/revoke", page_api_token_revoke, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/api/v1/openapi.json", api_openapi, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_GET, "/api/v1/cases", api_cases_list, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_POST, "/api/v1/cases", api_case_create, ROLE_PUBLIC, ROUTE_API, API_BODY_MAX},
    {HTTP_GET, "/api/v1/cases/:number", api_case_get, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_POST, "/api/v1/cases/:number/comments", api_case_comment, ROLE_PUBLIC, ROUTE_API,
     API_BODY_MAX},
    {HTTP_POST, "/api/v1/cases/:number/state", api_case_state, ROLE_PUBLIC, ROUTE_API, FORM_SMALL},
    {HTTP_GET, "/api/v1/customers", api_customers, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_GET, "/api/v1/customers/:number/contacts", api_customer_contacts, ROLE_PUBLIC, ROUTE_API,
     0},
    {HTTP_GET, "/api/v1/customers/:number/services", api_customer_services, ROLE_PUBLIC, ROUTE_API,
     0},
    /* end integration API */
    {HTTP_GET, "/healthz", page_health, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/readyz", page_ready, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/metrics", page_metrics, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/static/*", page_static, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);

/* API routes answer in problem documents, every other route with a page. */
static void
routes_error(struct req *r, int status)
{
	if ((r->route && (r->route->flags & ROUTE_API)) ||
	    (r->path && strncmp(r->path, "/api/", 5) == 0))
		api_error_page(r, status);
	else
		error_page(r, status);
}

void (*const routes_error_page)(struct req *r, int status) = routes_error;
