/*
 * The handlers of the customers' and visitors' pages, one file per page or
 * page family (the console's are in agent/console.h). Each returns the HTTP
 * status; its route row (pages/routes_*.c) says who may call it.
 */
#ifndef MADOGUCHI_PAGES_PAGES_H
#define MADOGUCHI_PAGES_PAGES_H

struct req;

int page_login_form(struct req *r);
int page_login_submit(struct req *r);
int page_logout(struct req *r);
int page_mfa_form(struct req *r);
int page_mfa_verify(struct req *r);
int page_mfa_method(struct req *r);
int page_mfa_resend(struct req *r);
int page_lang(struct req *r);
int page_reset_identify_form(struct req *r);
int page_reset_identify(struct req *r);
int page_reset_verify(struct req *r);
int page_reset_set_form(struct req *r);
int page_reset_set(struct req *r);
int page_home(struct req *r);
int page_account_menu(struct req *r);
int page_profile(struct req *r);
int page_profile_save(struct req *r);
int page_profile_email_confirm(struct req *r);
int page_profile_password_form(struct req *r);
int page_profile_password(struct req *r);
int page_profile_mfa(struct req *r);
int page_profile_mfa_start(struct req *r);
int page_profile_mfa_confirm(struct req *r);
int page_profile_mfa_remove(struct req *r);
int page_services(struct req *r);
/* cases */
int page_inquiry_form(struct req *r);
int page_inquiry_submit(struct req *r);
int page_case_view(struct req *r);
int page_case_comment(struct req *r);
int page_case_close(struct req *r);
int page_case_accept(struct req *r);
int page_case_reject(struct req *r);
int page_case_file(struct req *r);
/* end cases */
int page_service_view(struct req *r);
int page_privacy(struct req *r);
int page_health(struct req *r);
int page_ready(struct req *r);
int page_metrics(struct req *r);
/* contacts */
int page_contacts(struct req *r);
int page_contact_new_form(struct req *r);
int page_contact_create(struct req *r);
int page_contact_edit_form(struct req *r);
int page_contact_save(struct req *r);
int page_contact_disable(struct req *r);
int page_contact_enable(struct req *r);
int page_contact_mfa_reset(struct req *r);
int page_history(struct req *r);
int page_history_export(struct req *r);
int page_audit(struct req *r);
int page_audit_export(struct req *r);
/* end contacts */

/* knowledge */
/* Customer side: search, articles, attachments, announcements. */
int page_knowledge(struct req *r);
int page_knowledge_article(struct req *r);
int page_knowledge_file(struct req *r);
int page_announcements(struct req *r);
int page_announcement_dismiss(struct req *r);
/* The banners and the current announcements at the top of home; 0 or -1. */
int announcements_home(struct req *r);
/* end knowledge */

/* case list */
int page_cases(struct req *r);
int page_case_filter_save(struct req *r);
int page_case_filter_delete(struct req *r);
/* end case list */

/* work requests */
/* Customer side: the catalog, an item's form, the customer's requests. */
int page_requests(struct req *r);
int page_request_item_form(struct req *r);
int page_request_item_submit(struct req *r);
int page_requests_mine(struct req *r);
int page_request_view(struct req *r);
int page_request_file(struct req *r);
/* end work requests */

/* points and the review of work requests */
int page_points(struct req *r);
/* end points and the review of work requests */
/* the monthly report (reports.c) */
int page_reports(struct req *r);
int page_report_pdf(struct req *r);
/* end the monthly report */
/* API tokens */
int page_api_tokens(struct req *r);
int page_api_token_issue(struct req *r);
int page_api_token_revoke(struct req *r);
/* end API tokens */

/* satisfaction (rating.c) */
int page_rating_form(struct req *r);
int page_rating_submit(struct req *r);

#endif
