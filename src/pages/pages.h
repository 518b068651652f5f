/*
 * The handlers of the portal's pages, one file per page or page family
 * (src/pages/ for customers and visitors, src/agent/ for provider staff).
 * Each returns the HTTP status; the route table (http/routes.c) says who may
 * call it.
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
int page_profile(struct req *r);
int page_profile_save(struct req *r);
int page_profile_email_confirm(struct req *r);
int page_profile_password_form(struct req *r);
int page_profile_password(struct req *r);
int page_profile_mfa(struct req *r);
int page_profile_mfa_start(struct req *r);
int page_profile_mfa_confirm(struct req *r);
int page_profile_mfa_remove(struct req *r);
/* A minimal address check shared by the forms that take e-mail addresses. */
#include <stdbool.h>
bool email_valid(const char *email);
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
int page_console_case_new_form(struct req *r);
int page_console_case_new(struct req *r);
int page_console_case_update(struct req *r);
/* end cases */
int page_service_view(struct req *r);
int page_privacy(struct req *r);
int page_health(struct req *r);
int page_static(struct req *r);
int page_console_customers(struct req *r);
int page_console_settings(struct req *r);
int page_console_settings_save(struct req *r);
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
/* Console: articles, knowledge bases and categories. */
int page_console_kb(struct req *r);
int page_console_kb_new_form(struct req *r);
int page_console_kb_create(struct req *r);
int page_console_kb_edit_form(struct req *r);
int page_console_kb_save(struct req *r);
int page_console_kb_publish(struct req *r);
int page_console_kb_retire(struct req *r);
int page_console_kb_file(struct req *r);
int page_console_kb_file_delete(struct req *r);
int page_console_kb_bases(struct req *r);
int page_console_kb_base_create(struct req *r);
int page_console_kb_category_create(struct req *r);
int page_console_kb_base(struct req *r);
int page_console_kb_base_rename(struct req *r);
int page_console_kb_base_delete(struct req *r);
int page_console_kb_category(struct req *r);
int page_console_kb_category_save(struct req *r);
int page_console_kb_category_delete(struct req *r);
/* Console: customers, contracts and the links to the services' portals. */
int page_console_cadm_customers(struct req *r);
int page_console_cadm_customer_new_form(struct req *r);
int page_console_cadm_customer_create(struct req *r);
int page_console_cadm_customer(struct req *r);
int page_console_cadm_customer_save(struct req *r);
int page_console_cadm_contract_create(struct req *r);
int page_console_cadm_contract(struct req *r);
int page_console_cadm_contract_save(struct req *r);
int page_console_cadm_services(struct req *r);
int page_console_cadm_service_save(struct req *r);
/* end knowledge */

/* case list */
/* A list of cases: the customer's (case_list.c) or the console's queue (case_queue.c). */
struct case_list_view {
	bool staff;           /* the console: every customer, and the staff's filters */
	const char *base;     /* "/cases", "/console/cases"; a case is base/<number> */
	const char *title;    /* msgid */
	const char *menu;     /* id of the menu item */
	unsigned quick_offer; /* the CQ_Q_* quick filters offered (store/case_query.h) */
};
extern const struct case_list_view case_queue_view;
/* GET of a list: quick filters, builder, saved filters, breadcrumb, table, pages. */
int case_list_serve(struct req *r, const struct case_list_view *v);
int page_cases(struct req *r);
int page_case_filter_save(struct req *r);
int page_case_filter_delete(struct req *r);
int page_console_cases(struct req *r);
/* end case list */

/* work requests */
/* Customer side: the catalog, an item's form, the customer's requests. */
int page_requests(struct req *r);
int page_request_item_form(struct req *r);
int page_request_item_submit(struct req *r);
int page_requests_mine(struct req *r);
int page_request_view(struct req *r);
int page_request_file(struct req *r);
/* The label of a request's state code: 受付中, 受理, 不受理 (translated). */
const char *work_request_state_label(struct req *r, const char *state);
/* Console: the catalog of work items and their form fields (provider admins). */
int page_console_catalog(struct req *r);
int page_console_catalog_new_form(struct req *r);
int page_console_catalog_create(struct req *r);
int page_console_catalog_item(struct req *r);
int page_console_catalog_item_save(struct req *r);
int page_console_catalog_item_move(struct req *r);
int page_console_catalog_item_retire(struct req *r);
int page_console_catalog_item_restore(struct req *r);
int page_console_catalog_field_create(struct req *r);
int page_console_catalog_field(struct req *r);
int page_console_catalog_field_save(struct req *r);
int page_console_catalog_field_move(struct req *r);
int page_console_catalog_field_retire(struct req *r);
int page_console_catalog_field_restore(struct req *r);
/* end work requests */

/* points and the review of work requests */
/* Whether the signed-in customer's contracts include points (the menu row). */
bool page_points_available(struct req *r);
int page_points(struct req *r);
int page_console_requests(struct req *r);
int page_console_request(struct req *r);
int page_console_request_accept(struct req *r);
int page_console_request_reject(struct req *r);
int page_console_points(struct req *r);
int page_console_period_create(struct req *r);
int page_console_period_update(struct req *r);
int page_console_correction(struct req *r);
/* end points and the review of work requests */

#endif
