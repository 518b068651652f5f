/*
 * Sign-in and its second step, password reset, the home page and account
 * menu, the profile, the language switch and the privacy notice.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/", page_home, ROLE_USER, 0, 0},
    {HTTP_GET, "/account", page_account_menu, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/login", page_login_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login", page_login_submit, ROLE_PUBLIC, ROUTE_CSRF | ROUTE_SLOW,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/login/mfa", page_mfa_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/login/mfa", page_mfa_verify, ROLE_PUBLIC, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/login/mfa/method", page_mfa_method, ROLE_PUBLIC, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/login/mfa/resend", page_mfa_resend, ROLE_PUBLIC, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/password/reset", page_reset_identify_form, ROLE_PUBLIC, 0, 0},
    {HTTP_POST, "/password/reset", page_reset_identify, ROLE_PUBLIC, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/password/reset/verify", page_reset_verify, ROLE_PUBLIC, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/password/reset/:token", page_reset_set_form, ROLE_PUBLIC, ROUTE_SECRET_PATH, 0},
    {HTTP_POST, "/password/reset/:token", page_reset_set, ROLE_PUBLIC,
     ROUTE_CSRF | ROUTE_SLOW | ROUTE_SECRET_PATH, ROUTE_FORM_SMALL},
    {HTTP_POST, "/logout", page_logout, ROLE_USER, ROUTE_CSRF | ROUTE_MFA_SETUP, ROUTE_FORM_SMALL},
    {HTTP_GET, "/lang", page_lang, ROLE_PUBLIC, 0, 0},
    {HTTP_GET, "/profile", page_profile, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile", page_profile_save, ROLE_USER, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/profile/email/:token", page_profile_email_confirm, ROLE_USER, ROUTE_SECRET_PATH,
     0},
    {HTTP_GET, "/profile/password", page_profile_password_form, ROLE_USER, 0, 0},
    {HTTP_POST, "/profile/password", page_profile_password, ROLE_USER, ROUTE_CSRF | ROUTE_SLOW,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/profile/mfa", page_profile_mfa, ROLE_USER, ROUTE_MFA_SETUP, 0},
    {HTTP_POST, "/profile/mfa/start", page_profile_mfa_start, ROLE_USER,
     ROUTE_CSRF | ROUTE_MFA_SETUP, ROUTE_FORM_SMALL},
    {HTTP_POST, "/profile/mfa/confirm", page_profile_mfa_confirm, ROLE_USER,
     ROUTE_CSRF | ROUTE_MFA_SETUP, ROUTE_FORM_SMALL},
    {HTTP_POST, "/profile/mfa/remove", page_profile_mfa_remove, ROLE_USER, ROUTE_CSRF | ROUTE_SLOW,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/privacy", page_privacy, ROLE_PUBLIC, 0, 0},
    /* the satisfaction link of a closed case's mail (rating.c): the link is the credential */
    {HTTP_GET, "/rate/:token", page_rating_form, ROLE_PUBLIC, ROUTE_SECRET_PATH, 0},
    {HTTP_POST, "/rate/:token", page_rating_submit, ROLE_PUBLIC, ROUTE_CSRF | ROUTE_SECRET_PATH,
     ROUTE_FORM_SMALL},
};

const struct route_group pages_routes_account = {rows, sizeof(rows) / sizeof(rows[0])};
