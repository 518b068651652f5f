/*
 * Knowledge operations: what provider staff change in the knowledge bases
 * (knowledge bases, categories, articles and their attachments), for every
 * channel (the console, the demo data, later the API). Each operation
 * takes the context of domain/domain.h and typed input, checks that the
 * actor is provider staff (an agent or a provider admin; the system may
 * too), checks the rules, runs its own transaction, writes the audit event
 * and answers a DOM_* status. On DOM_INVALID the context holds an error per
 * field, named as below; on DOM_CONFLICT or DOM_FORBIDDEN its message.
 *
 * A customer user is refused with DOM_FORBIDDEN (which the pages show as
 * absent). Reads stay in store/knowledge.h: they have no rule beyond the
 * customer's scope, which the store applies.
 */
#ifndef MADOGUCHI_KNOWLEDGE_KNOWLEDGE_H
#define MADOGUCHI_KNOWLEDGE_KNOWLEDGE_H

#include <stdbool.h>
#include <stdint.h>

#include "store/knowledge.h"

struct dom;

#define KB_NAME_MAX_CHARS  100
#define KB_POSITION_MAX    9999
#define KB_TITLE_MAX_CHARS 200
#define KB_BODY_MAX_BYTES  (256 * 1024) /* what the Markdown renderer takes */
#define KB_CUSTOMERS_MAX   500          /* customers an announcement targets */

/* Whether the actor may author knowledge: a signed-in member of provider staff. */
bool knowledge_may_author(const struct dom *d);

/* --- knowledge bases and categories (knowledge/bases.c) --- */

/*
 * Fields: "service" (0: every service, else a service of the list),
 * "name_ja", "name_en" (required, KB_NAME_MAX_CHARS at most, one line, not
 * the name of another knowledge base, case aside). *id gets the new id.
 */
struct kb_base_input {
	int64_t service_id;
	const char *name_ja, *name_en;
	bool is_announcements;
};
int knowledge_base_create(struct dom *d, const struct kb_base_input *in, int64_t *id);
/* Renames knowledge base id (its service and kind stay). Fields "name_ja", "name_en". */
int knowledge_base_rename(struct dom *d, int64_t id, const char *name_ja, const char *name_en);
/*
 * Deletes knowledge base id, which must hold no article and no category:
 * else DOM_CONFLICT, nothing changed, and *usage says what it holds (its
 * message is a format taking the articles, then the categories).
 */
struct kb_usage {
	int64_t articles, categories;
};
int knowledge_base_delete(struct dom *d, int64_t id, struct kb_usage *usage);

/*
 * Fields: "kb" (a knowledge base), "name_ja", "name_en" (as for a knowledge
 * base, unique within it), "position" (0 to KB_POSITION_MAX).
 */
struct kb_category_input {
	int64_t kb_id;
	const char *name_ja, *name_en;
	int64_t position;
};
int knowledge_category_create(struct dom *d, const struct kb_category_input *in, int64_t *id);
/* Renames category id and sets its position (in->kb_id is ignored: it stays). */
int knowledge_category_save(struct dom *d, int64_t id, const struct kb_category_input *in);
/*
 * Deletes category id. One that holds articles needs a destination: move
 * set, move_to another category of the same knowledge base or 0 (none);
 * the articles move in the same transaction. Without one: DOM_CONFLICT,
 * *articles says how many it holds (its message is a format taking that
 * count). A destination that is not such a category: DOM_INVALID, field
 * "move_to".
 */
int knowledge_category_delete(struct dom *d, int64_t id, bool move, int64_t move_to,
                              int64_t *articles);

/* --- articles and attachments (knowledge/articles.c) --- */

/* An attachment already in the file store (files/filestore.h). */
struct kb_file_input {
	const char *filename, *sha256, *mime;
	int64_t size;
};

/*
 * What an article's form says, typed. Fields: "kb", "category" (0: none;
 * else one of the knowledge base), "lang" ("ja" or "en"), "title"
 * (required, KB_TITLE_MAX_CHARS, one line), "body" (required Markdown,
 * MARKDOWN_MAX bytes, no control character but line breaks and tabs) with
 * plain, its text for the index (the channel renders it), "show_from",
 * "show_until" (0: none; -1: what was typed is no time; the end after the
 * start), "target" (-1: not one of the kinds), "svc" (services of the
 * list: at least one when the target is services; bad_service: a value
 * that is not one), "customers" (the customer numbers: at least one when
 * the target is customers).
 */
struct kb_article_input {
	int64_t kb_id, category_id;
	const char *lang, *title, *body, *plain;
	int64_t show_from, show_until;
	int target; /* enum kb_target, or -1 */
	const int64_t *service_ids;
	int nservices;
	bool bad_service;
	const char *const *customer_numbers;
	int ncustomers;
	const struct kb_file_input *files; /* attached in the same transaction */
	int nfiles;
};

/* What an article's operation answers besides its status. */
struct kb_article_result {
	int64_t id;
	char number[12];              /* KB + 7 digits */
	const char *unknown_customer; /* the number "customers" names that no customer has */
};

/* Checks in as the operations below do, writing nothing (a preview). */
int knowledge_article_check(struct dom *d, const struct kb_article_input *in,
                            struct kb_article_result *res);
/*
 * Creates a draft (author: the actor) and attaches the files; with
 * publish, publishes it in the same transaction. res gets the new
 * article's id and number.
 */
int knowledge_article_create(struct dom *d, const struct kb_article_input *in, bool publish,
                             struct kb_article_result *res);
/* Saves article id (any state) and attaches the files; with publish, publishes it. */
int knowledge_article_save(struct dom *d, int64_t id, const struct kb_article_input *in,
                           bool publish, struct kb_article_result *res);
/* Publishes (keeping the first publication time) or retires article id. */
int knowledge_article_publish(struct dom *d, int64_t id);
int knowledge_article_retire(struct dom *d, int64_t id);
/* Attaches one file to article id; *file_id gets its id. */
int knowledge_attachment_add(struct dom *d, int64_t article_id, const struct kb_file_input *f,
                             int64_t *file_id);
/* Removes attachment file_id of article article_id (its bytes stay in the file store). */
int knowledge_attachment_delete(struct dom *d, int64_t article_id, int64_t file_id);

/* --- announcements (knowledge/banners.c) --- */

/*
 * Closes the banner of announcement number for the actor, for good
 * (idempotent). Only an announcement the actor's customer may see now can
 * be closed: any other answers DOM_NOT_FOUND, like a missing one. Needs a
 * signed-in user (DOM_FORBIDDEN for the system). Not audited: it changes
 * what one user sees, nothing of the customer's.
 */
int knowledge_banner_dismiss(struct dom *d, const char *number);

#endif
