/* The rules of a person's fields; see person.h. */
#include "accounts/person.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/tz.h"
#include "domain/domain.h"

#include <string.h>

bool
person_email_valid(const char *e)
{
	if (!e || strlen(e) > PERSON_EMAIL_MAX)
		return false;
	const char *at = strchr(e, '@');
	if (!at || at == e || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (const char *c = e; *c; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7f || strchr("<>()[],;:\\\"", *c))
			return false;
	return true;
}

bool
person_phone_valid(const char *s)
{
	if (!s)
		return true;
	if (text_chars(s) > PERSON_PHONE_MAX)
		return false;
	for (; *s; s++)
		if (!strchr("0123456789+-() .", *s))
			return false;
	return true;
}

static bool
line_ok(const char *s)
{
	return text_chars(s) <= PERSON_NAME_MAX && !text_has_control(s, false);
}

int
person_check(struct dom *d, struct person_input *p)
{
	p->name = text_trim(d->a, p->name);
	p->email = text_trim(d->a, p->email);
	p->title = text_trim(d->a, p->title);
	p->phone_work = text_trim(d->a, p->phone_work);
	p->phone_mobile = text_trim(d->a, p->phone_mobile);
	int before = d->nerrors;
	if (!*p->name)
		dom_invalid(d, "name", N_("Enter the name."));
	else if (!line_ok(p->name))
		dom_invalid(d, "name", N_("Enter a name of 100 characters at most."));
	if (!*p->email)
		dom_invalid(d, "email", N_("Enter the e-mail address."));
	else if (!person_email_valid(p->email))
		dom_invalid(d, "email", N_("Enter a valid e-mail address."));
	if (!line_ok(p->title))
		dom_invalid(d, "title", N_("Enter a title of 100 characters at most."));
	static const char phone_msg[] = N_("Enter a telephone number with digits, spaces and "
	                                   "+ - ( ) only, 30 characters at most.");
	if (!person_phone_valid(p->phone_work))
		dom_invalid(d, "phone_work", phone_msg);
	if (!person_phone_valid(p->phone_mobile))
		dom_invalid(d, "phone_mobile", phone_msg);
	enum lang l;
	if (!p->lang || lang_parse(p->lang, &l) != 0)
		dom_invalid(d, "lang", N_("Choose a language from the list."));
	if (!p->time_zone || !tz_valid(p->time_zone))
		dom_invalid(d, "time_zone", N_("Choose a time zone from the list."));
	return d->nerrors > before ? DOM_INVALID : DOM_OK;
}
