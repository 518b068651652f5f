/*
 * The handlers of the provider staff's console, one file per page family in
 * src/agent/. Each returns the HTTP status; its route row (agent/routes_*.c)
 * says who may call it.
 */
#ifndef MADOGUCHI_AGENT_CONSOLE_H
#define MADOGUCHI_AGENT_CONSOLE_H

struct req;

int page_console_case_new_form(struct req *r);
int page_console_case_new(struct req *r);
int page_console_case_update(struct req *r);
int page_console_case_view(struct req *r);
int page_console_case_comment(struct req *r);
int page_console_case_file(struct req *r);
int page_console_customers(struct req *r);
int page_console_settings(struct req *r);
int page_console_audit(struct req *r);
/* monthly reports (reports.c) */
int page_console_reports(struct req *r);
int page_console_customer_report(struct req *r);
int page_console_customer_report_pdf(struct req *r);
/* satisfaction results (ratings.c) */
int page_console_ratings(struct req *r);
/* a new service (service_new.c) */
int page_console_service_new_form(struct req *r);
int page_console_service_create(struct req *r);
/* a customer's contacts (customer_contacts.c) */
int page_console_customer_contacts(struct req *r);
int page_console_customer_contact_create(struct req *r);
/* staff management (staff.c) */
int page_console_staff(struct req *r);
int page_console_staff_new_form(struct req *r);
int page_console_staff_invite(struct req *r);
int page_console_staff_mfa_policy(struct req *r);
int page_console_staff_member(struct req *r);
int page_console_staff_role(struct req *r);
int page_console_staff_disable(struct req *r);
int page_console_staff_enable(struct req *r);
int page_console_staff_mfa_reset(struct req *r);
int page_console_audit_export(struct req *r);
int page_console_settings_save(struct req *r);
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
/* Console: service-level targets of a service and of a contract (provider admins). */
int page_console_service_levels(struct req *r);
int page_console_service_levels_save(struct req *r);
int page_console_contract_levels(struct req *r);
int page_console_contract_levels_save(struct req *r);
int page_console_cases(struct req *r);
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
int page_console_requests(struct req *r);
int page_console_request(struct req *r);
int page_console_request_file(struct req *r);
int page_console_request_accept(struct req *r);
int page_console_request_reject(struct req *r);
int page_console_points(struct req *r);
int page_console_period_create(struct req *r);
int page_console_period_update(struct req *r);
int page_console_correction(struct req *r);
/* API tokens */
int page_console_api_tokens(struct req *r);
int page_console_api_token_issue(struct req *r);
int page_console_api_token_revoke(struct req *r);
/* end API tokens */
/* webhooks */
int page_console_webhooks(struct req *r);
int page_console_webhook_create(struct req *r);
int page_console_webhook_private(struct req *r);
int page_console_webhook(struct req *r);
int page_console_webhook_enable(struct req *r);
int page_console_webhook_disable(struct req *r);
int page_console_webhook_delete(struct req *r);
int page_console_webhook_redeliver(struct req *r);
/* end webhooks */

#endif
