/*
 * The work catalog's operations (provider admins, SPEC §5): the items of
 * each service (names and descriptions in both languages, point cost) and
 * each item's form fields, in their order. Nothing is deleted: items and
 * fields are retired and may be restored. Every change is audited; input
 * that breaks a rule changes nothing and answers DOM_INVALID with an error
 * per field: "service", "name_ja", "name_en", "description_ja",
 * "description_en", "points" for an item; "kind", "label_ja", "label_en",
 * "choices_ja", "choices_en" for a field.
 */
#ifndef MADOGUCHI_WORK_CATALOG_H
#define MADOGUCHI_WORK_CATALOG_H

#include <stdbool.h>
#include <stdint.h>

#include "store/work_requests.h"

struct dom;

#define CATALOG_NAME_MAX        100    /* characters */
#define CATALOG_DESC_MAX        4000   /* characters */
#define CATALOG_LABEL_MAX       200    /* characters */
#define CATALOG_CHOICE_MAX      100    /* characters of one choice */
#define CATALOG_CHOICES_MAX     50     /* choices of one field */
#define CATALOG_POINTS_MAX      100000 /* points of one item */
#define CATALOG_ITEM_FIELDS_MAX 30 /* so that a request's mail stays within the outbox's limit */

/*
 * The error of choices_en when the lists differ is the format
 * "Enter as many choices as in Japanese (%d)." that a channel fills with
 * the number of Japanese choices.
 */

/* Any item, retired too, for a provider admin: DOM_OK, DOM_NOT_FOUND, DOM_FORBIDDEN, DOM_ERROR. */
int catalog_item_find(struct dom *d, int64_t id, struct work_item *out);
/* A field of the item, retired too; the same answers. */
int catalog_field_find(struct dom *d, int64_t item_id, int64_t field_id, struct work_item *it,
                       struct work_field *out);

/* Appends an item to its service's list (points < 0: not a number). id_out: the new id. */
int catalog_item_create(struct dom *d, const struct work_item_input *in, int64_t *id_out);
int catalog_item_save(struct dom *d, int64_t id, const struct work_item_input *in);
/* Swaps with the neighbour above or below (at the end: nothing moves, DOM_OK). */
int catalog_item_move(struct dom *d, int64_t id, bool up);
/* Retires (hidden from customers) or restores. */
int catalog_item_retire(struct dom *d, int64_t id, bool retired);

/* kind: an enum work_field_kind, or -1 when unknown. */
int catalog_field_create(struct dom *d, int64_t item_id, int kind,
                         const struct work_field_input *in, int64_t *id_out);
int catalog_field_save(struct dom *d, int64_t item_id, int64_t field_id, int kind,
                       const struct work_field_input *in);
int catalog_field_move(struct dom *d, int64_t item_id, int64_t field_id, bool up);
int catalog_field_retire(struct dom *d, int64_t item_id, int64_t field_id, bool retired);

/*
 * For callers already inside a transaction (the demo data): the same
 * checks, store and audit, without beginning or committing.
 */
int catalog_item_create_in_tx(struct dom *d, const struct work_item_input *in, int64_t *id_out);
int catalog_field_create_in_tx(struct dom *d, int64_t item_id, int kind,
                               const struct work_field_input *in, int64_t *id_out);

#endif
