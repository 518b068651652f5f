/*
 * The route table: every URL of the portal, who may use it, whether it
 * changes state (CSRF token required) and the largest body it takes.
 * Requests that need a role the user lacks get 404, as if the page did not
 * exist; visitors are sent to sign in first.
 */
#include "http/router.h"
#include "http/upload.h"
#include "pages/pages.h"

#define FORM_SMALL 4096
/* Files of up to 2 GB each, and the form around them. */
#define UPLOAD_BODY_MAX ((size_t)UPLOAD_FILES_MAX * UPLOAD_FILE_MAX + 1024 * 1024)

const struct route routes[] = {
    {HTTP_GET, "/", page_home, ROLE_USER, 0, 0},
    {HTTP_GET, "/login", page_login_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login", page_login_submit, ROLE_PUBLIC, ROUTE_CSRF | ROUTE_SLOW, FORM_SMALL},
    {HTTP_GET, "/login/mfa", page_mfa_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login/mfa", page_mfa_verify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/login/mfa/method", page_mfa_method, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/login/mfa/resend", page_mfa_resend, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/password/reset", page_reset_identify_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/password/reset", page_reset_identify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_POST, "/password/reset/verify", page_reset_verify, ROLE_PUBLIC, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/password/reset/:token", page_reset_set_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/password/reset/:token", page_reset_set, ROLE_PUBLIC, ROUTE_CSRF | ROUTE_SLOW,
     FORM_SMALL},
    {HTTP_POST, "/logout", page_logout, ROLE_USER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/lang", page_lang, ROLE_PUBLIC, 0, 0},
    {HTTP_GET, "/profile", page_profile, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile", page_profile_save, ROLE_USER, ROUTE_CSRF, FORM_SMALL},
    {HTTP_GET, "/profile/email/:token", page_profile_email_confirm, ROLE_USER, 0, 0},
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
    {HTTP_GET, "/console/cases/:number", page_case_view, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/cases/:number/update", page_console_case_update, ROLE_STAFF, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_POST, "/console/cases/:number/comments", page_case_comment, ROLE_STAFF,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/cases/:number/files/:id", page_case_file, ROLE_STAFF, 0, 0},
    /* end cases */
    {HTTP_GET, "/console", page_console_customers, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/settings", page_console_settings, ROLE_PROVIDER_ADMIN, 0, 0},
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
    /* end contacts and history */
    {HTTP_GET, "/healthz", page_health, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
    {HTTP_GET, "/static/*", page_static, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
