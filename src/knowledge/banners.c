/* Announcements: a user closes a banner (see knowledge.h). */
#include "core/clock.h"
#include "domain/domain.h"
#include "knowledge/knowledge.h"
#include "store/db.h"

#include <string.h>

int
knowledge_banner_dismiss(struct dom *d, const char *number)
{
	if (!d->who.user_id)
		return DOM_FORBIDDEN;
	if (!number || strlen(number) != 9)
		return DOM_NOT_FOUND;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	struct kb_article x;
	int64_t now = clock_now();
	int found = kb_article_visible(db, number, d->who.customer_id, now, d->a, &x);
	if (found <= 0 || !x.is_announcements)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	return kb_dismiss(db, d->who.user_id, x.id, now) == 0 ? DOM_OK : DOM_ERROR;
}
