/*
 * What the console's catalog pages share (agent/work_catalog*.c): the
 * values of the item and field forms as typed, the row buttons, and the
 * item page, which also lists the item's fields and the form adding one.
 */
#ifndef MADOGUCHI_AGENT_WORK_CATALOG_H
#define MADOGUCHI_AGENT_WORK_CATALOG_H

#include <stdbool.h>

#include "store/work_requests.h"

struct dom;
struct req;

/* An item form's values as typed. */
struct iform {
	const char *service, *name_ja, *name_en, *desc_ja, *desc_en, *points;
};

/* A field form's values as typed. */
struct fform {
	const char *kind, *label_ja, *label_en, *choices_ja, *choices_en;
	bool required;
};

extern const struct fform catalog_empty_field;

/* The text of the user's language. */
const char *catalog_pick(struct req *r, const char *ja, const char *en);
/* The alert of a refused change (status >= 400) or of one saved (?saved). */
void catalog_saved_or_error(struct req *r, int status);
/* ▲ ▼ and retire/restore of one row; base is the row's path. */
void catalog_row_actions(struct req *r, const char *base, bool first, bool last, bool retired);
/* 提供中 / 廃止. */
const char *catalog_state_text(struct req *r, bool retired);
/* The form's move direction (dir=up|down): 0, or -1 when it is neither. */
int catalog_dir_up(struct req *r, bool *up);
/* The id of path parameter i: 0, or -1 when it is not one. */
int catalog_path_id(struct req *r, int i, int64_t *id);

/* The field inputs with the errors of d (NULL: none). */
void catalog_field_inputs(struct req *r, const struct fform *f, const struct dom *d);
/* The labels of the field kinds (msgids), by enum work_field_kind. */
extern const char *const catalog_kind_labels[WF__MAX];

/*
 * The item page: its form (f, errors of fd), its fields, and a form to add
 * one (ff, errors of ffd). Returns status, or 500.
 */
int catalog_render_item(struct req *r, int status, const struct work_item *it,
                        const struct iform *f, const struct dom *fd, const struct fform *ff,
                        const struct dom *ffd);
/* The values of an item as its form shows them. */
struct iform catalog_iform_of(struct req *r, const struct work_item *it);

#endif
