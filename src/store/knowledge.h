/*
 * Knowledge (ナレッジ): knowledge bases, categories, articles (KB + 7 digits)
 * with their attachments, announcements (articles of an announcements
 * knowledge base, with a display window and targets) and the banners each
 * user closed. The full-text index (trigrams) answers the search.
 *
 * What a customer may see is decided here, in SQL, by one rule used by every
 * customer-side function: the article is published (and its publication
 * time has come), its knowledge base is common to every service or belongs
 * to a service the customer has a contract for, and its target is everyone,
 * one of the customer's services, or the customer itself. Each such function
 * takes the customer id and answers "not found" for anything else.
 */
#ifndef MADOGUCHI_STORE_KNOWLEDGE_H
#define MADOGUCHI_STORE_KNOWLEDGE_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

/* The markers highlight()/snippet() put around matches: control characters
 * that the article forms refuse, so they never occur in stored text. */
#define KB_MARK_OPEN  "\x01"
#define KB_MARK_CLOSE "\x02"

enum kb_sort { KB_SORT_RELEVANCE, KB_SORT_VIEWS, KB_SORT_NEWEST, KB_SORT_ALPHA, KB_SORT__MAX };
enum kb_target { KB_TARGET_ALL, KB_TARGET_SERVICES, KB_TARGET_CUSTOMERS };

struct kb_base {
	int64_t id, service_id; /* service 0: every service */
	const char *name_ja, *name_en;
	const char *service_ja, *service_en; /* "" when common */
	bool is_announcements;
};

struct kb_category {
	int64_t id, kb_id;
	const char *name_ja, *name_en;
	int64_t position;
};

struct kb_author {
	int64_t id;
	const char *name;
};

/*
 * A search: keywords is what the customer typed, as typed (NULL, or no
 * word at all: browse everything visible). Words are separated by white
 * space (U+3000 included); the store turns them into its index's query.
 */
struct kb_query {
	int64_t customer_id, now;
	const char *keywords;
	const char *lang;                      /* "" any, "ja", "en" */
	int64_t kb_id, category_id, author_id; /* 0: any */
	enum kb_sort sort;
	int64_t limit, offset;
};

/*
 * A search or a list counts its articles up to this cap and pages through
 * at most this many: beyond, it says "more than", and a search sorts the
 * cap's worth of its matches most recently added (mature search products
 * bound a broad search the same way), so its cost does not grow with the
 * number of articles it matches.
 */
#define KB_COUNT_CAP 1000

/*
 * The trigram index finds words of this many characters or more: a search
 * needs every such word; when some word is shorter, it looks for the whole
 * text as typed instead.
 */
#define KB_KEYWORD_MIN 3

/* What kb_base_names_taken() and kb_category_names_taken() return. */
#define KB_NAME_JA 1
#define KB_NAME_EN 2

struct kb_hit {
	int64_t id;
	const char *number, *title, *lang;
	const char *kb_ja, *kb_en, *cat_ja, *cat_en, *author;
	int64_t views, published_at;
	const char *title_marked, *snippet_marked; /* with KB_MARK_*; NULL when browsing */
	const char *excerpt;                       /* start of the text when browsing */
};

struct kb_article {
	int64_t id, kb_id, category_id, author_id;
	const char *number, *lang, *title, *body, *state, *author;
	const char *kb_ja, *kb_en, *cat_ja, *cat_en;
	bool is_announcements;
	int64_t published_at, views, show_from, show_until; /* 0: none */
	enum kb_target target;
	int64_t created_at, updated_at;
};

struct kb_attachment {
	int64_t id, article_id;
	const char *filename, *sha256, *mime;
	int64_t size;
};

/* A banner or a line of the announcements list. */
struct kb_announcement {
	int64_t id;
	const char *number, *title;
	int64_t published_at, show_from, show_until;
};

/* What the console's form saves. */
struct kb_edit {
	int64_t kb_id, category_id; /* category 0: none */
	const char *lang, *title, *body, *plain;
	int64_t show_from, show_until; /* 0: none */
	enum kb_target target;
	const int64_t *service_ids;
	int nservices;
	const int64_t *customer_ids;
	int ncustomers;
};

/* A row of the console's article list. */
struct kb_admin_row {
	int64_t id;
	const char *number, *title, *lang, *state, *author, *kb_ja, *kb_en;
	int64_t views, updated_at;
};

/* --- customer side (every function scoped to customer_id) --- */

/* The knowledge bases, categories and authors the customer may see. Count or -1. */
int kb_bases_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_base **out);
int kb_categories_visible(struct db *db, int64_t customer_id, struct arena *a,
                          struct kb_category **out);
int kb_authors_visible(struct db *db, int64_t customer_id, int64_t now, struct arena *a,
                       struct kb_author **out);
/*
 * One page of a search (keywords set) or of the list (keywords NULL), and in
 * *total how many articles there are: exact, or -1 for more than
 * KB_COUNT_CAP. A search beyond the cap is sorted among its KB_COUNT_CAP
 * matches most recently added. Relevance is bm25 when the whole index holds
 * no more matches than the cap, else "the words in the title first, then
 * newest" (bm25 would read every match). Returns the number of hits, or -1.
 */
int kb_search(struct db *db, const struct kb_query *q, struct arena *a, struct kb_hit **out,
              int64_t *total);
/* The article if the customer may see it: 1 found, 0 not, -1 error. */
int kb_article_visible(struct db *db, const char *number, int64_t customer_id, int64_t now,
                       struct arena *a, struct kb_article *out);
/* Counts one view. */
int kb_article_viewed(struct db *db, int64_t id);
/* The current announcements of the customer that user_id has not closed. */
int kb_banners(struct db *db, int64_t customer_id, int64_t user_id, int64_t now, int64_t limit,
               struct arena *a, struct kb_announcement **out);
/* The announcements the customer may see whose window has begun: current ones first, then
 * newest. */
int64_t kb_announcements_count(struct db *db, int64_t customer_id, int64_t now);
int kb_announcements_page(struct db *db, int64_t customer_id, int64_t now, int64_t limit,
                          int64_t offset, struct arena *a, struct kb_announcement **out);
/* Closes a banner for good (idempotent). */
int kb_dismiss(struct db *db, int64_t user_id, int64_t article_id, int64_t now);

/* --- both sides --- */

int kb_attachments_of(struct db *db, int64_t article_id, struct arena *a,
                      struct kb_attachment **out);
/* The attachment id of article_id: 1 found, 0 not, -1 error. */
int kb_attachment_get(struct db *db, int64_t id, int64_t article_id, struct arena *a,
                      struct kb_attachment *out);

/* --- console (provider staff) --- */

int kb_bases_all(struct db *db, struct arena *a, struct kb_base **out);
int kb_categories_all(struct db *db, struct arena *a, struct kb_category **out);
int64_t kb_base_create(struct db *db, int64_t service_id, const char *name_ja, const char *name_en,
                       bool is_announcements);
int64_t kb_category_create(struct db *db, int64_t kb_id, const char *name_ja, const char *name_en,
                           int64_t position);
/* One knowledge base or category: 1 found, 0 not, -1 error. */
int kb_base_get(struct db *db, int64_t id, struct arena *a, struct kb_base *out);
int kb_category_get(struct db *db, int64_t id, struct arena *a, struct kb_category *out);
/*
 * Which of the two names another knowledge base already has, case aside
 * (KB_NAME_JA | KB_NAME_EN; 0 none), or -1. except_id: the one being
 * renamed (0 when creating). Categories: within knowledge base kb_id.
 */
int kb_base_names_taken(struct db *db, const char *name_ja, const char *name_en, int64_t except_id);
int kb_category_names_taken(struct db *db, int64_t kb_id, const char *name_ja, const char *name_en,
                            int64_t except_id);
int kb_base_rename(struct db *db, int64_t id, const char *name_ja, const char *name_en);
int kb_category_update(struct db *db, int64_t id, const char *name_ja, const char *name_en,
                       int64_t position);
/* The articles (any state) and categories of a knowledge base; 0 or -1. */
int kb_base_usage(struct db *db, int64_t id, int64_t *articles, int64_t *categories);
/* The articles (any state) of a category, or -1. */
int64_t kb_category_articles(struct db *db, int64_t id);
/*
 * Deletes a knowledge base that holds no article and no category: 1
 * deleted, 0 refused because it holds some (nothing changed), -1 error.
 */
int kb_base_delete(struct db *db, int64_t id);
/*
 * Deletes a category, first moving its articles to category move_to (0:
 * none) when move is set; the caller checks that move_to belongs to the
 * same knowledge base. 1 deleted, 0 refused because it still holds
 * articles (nothing changed), -1 error. Runs in the caller's transaction.
 */
int kb_category_delete(struct db *db, int64_t id, bool move, int64_t move_to);
int64_t kb_admin_count(struct db *db, const char *state);
int kb_admin_page(struct db *db, const char *state, int64_t limit, int64_t offset, struct arena *a,
                  struct kb_admin_row **out);
/* Any article, whatever its state: 1 found, 0 not, -1 error. */
int kb_article_get(struct db *db, int64_t id, struct arena *a, struct kb_article *out);
/* The targets of an announcement. */
int kb_targets_of(struct db *db, int64_t id, struct arena *a, int64_t **services, int *nservices,
                  int64_t **customers, int *ncustomers);
/*
 * Creates a draft and its targets; its number (KB + 7 digits) is taken from
 * the counter in the same transaction (the caller's), so numbers have no
 * gaps. Returns the new id and fills number (11 bytes), or -1.
 */
int64_t kb_article_create(struct db *db, const struct kb_edit *e, int64_t author_id,
                          char number[12]);
int kb_article_update(struct db *db, int64_t id, const struct kb_edit *e);
/* published (keeps the first publication time), retired, or draft. */
int kb_article_set_state(struct db *db, int64_t id, const char *state, int64_t now);
int64_t kb_attachment_add(struct db *db, int64_t article_id, const char *filename,
                          const char *sha256, int64_t size, const char *mime);
int kb_attachment_delete(struct db *db, int64_t id, int64_t article_id);

#endif
