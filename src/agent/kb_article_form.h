/*
 * The console's article form (agent/kb_articles.c): what it offers, reading
 * it into the operation's typed input (knowledge/knowledge.h), and writing
 * its fields, buttons and preview. Defined in agent/kb_article_form.c.
 */
#ifndef MADOGUCHI_AGENT_KB_ARTICLE_FORM_H
#define MADOGUCHI_AGENT_KB_ARTICLE_FORM_H

#include <stdbool.h>
#include <stdint.h>

#include "knowledge/knowledge.h"

struct cadm_service;
struct db;
struct dom;
struct req;

/* What a form holds: what was typed, the typed input, the errors shown by the fields. */
struct kb_form {
	/* as typed */
	const char *kb, *category, *lang, *title, *body, *show_from, *show_until, *target;
	const char *customers;
	bool *svc_on; /* per service of the list */
	/* typed, for the operation */
	struct kb_article_input in;
	/* errors */
	const char *e_kb, *e_category, *e_lang, *e_title, *e_body, *e_from, *e_until;
	const char *e_target, *e_customers;
};

/* What the form offers: knowledge bases, categories, services. */
struct kb_form_choices {
	struct kb_base *bases;
	int nbases;
	struct kb_category *cats;
	int ncats;
	struct cadm_service *svcs;
	int nsvcs;
};

/* Loads what the form offers: 0 or -1. */
int kbform_load_choices(struct req *r, struct db *db, struct kb_form_choices *c);
/* The form of a saved article (its targets included). */
void kbform_of_article(struct req *r, struct db *db, const struct kb_article *x,
                       const struct kb_form_choices *c, struct kb_form *f);
/* The fields, with their values and errors. */
void kbform_write_fields(struct req *r, const struct kb_form *f, const struct kb_form_choices *c);
/* プレビュー, 下書き保存 and 公開 (公開中 when published). */
void kbform_write_buttons(struct req *r, bool published);
/* What the form holds as a customer will see it (saved: the article, or NULL). */
void kbform_write_preview(struct req *r, const struct kb_form *f, const struct kb_form_choices *c,
                          const struct kb_article *saved);
/* The button pressed: "preview", "publish" or "save". */
const char *kbform_action(struct req *r);
/*
 * Reads the form and checks it with the operation's check (writing
 * nothing). On DOM_OK, unless previewing, the uploads are moved into the
 * file store as f->in's files. Returns the check's status, f's errors set.
 */
int kbform_read(struct req *r, struct dom *d, const struct kb_form_choices *c, struct kb_form *f,
                struct kb_article_result *res);
/* Copies the errors in d into f's fields. */
void kbform_take_errors(struct req *r, const struct dom *d, const struct kb_article_result *res,
                        struct kb_form *f);

#endif
