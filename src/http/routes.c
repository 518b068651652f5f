/*
 * The route table: every URL of the portal, who may use it, whether it
 * changes state (CSRF token required) and the largest body it takes.
 * Requests that need a role the user lacks get 404, as if the page did not
 * exist; visitors are sent to sign in first.
 */
#include "http/router.h"
#include "pages/pages.h"

#define FORM_SMALL 4096

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
    {HTTP_GET, "/console", page_console_customers, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/settings", page_console_settings, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/settings", page_console_settings_save, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     FORM_SMALL},
    {HTTP_GET, "/healthz", page_health, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
    {HTTP_GET, "/static/*", page_static, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
