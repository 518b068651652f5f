/* The declared inputs of a person's fields; see person_fields.h. */
#include "views/person_fields.h"
#include "accounts/person.h"
#include "core/i18n.h"

#define TIME_ZONE_MAX 64 /* characters of a time zone's name (Area/Location) */
#define LANG_MAX      8

static const char phone_msg[] = N_("Enter a telephone number with digits, spaces and "
                                   "+ - ( ) only, 30 characters at most.");

const struct field_decl person_decl[PERSON_F__MAX] = {
    [PERSON_F_NAME] = {.name = "name",
                       .kind = FIELD_LINE,
                       .required = true,
                       .max_chars = PERSON_NAME_MAX,
                       .msgid = N_("Enter a name of 100 characters at most."),
                       .missing = N_("Enter the name.")},
    [PERSON_F_EMAIL] = {.name = "email",
                        .kind = FIELD_LINE,
                        .required = true,
                        .max_chars = PERSON_EMAIL_MAX,
                        .msgid = N_("Enter a valid e-mail address."),
                        .missing = N_("Enter the e-mail address.")},
    [PERSON_F_TITLE] = {.name = "title",
                        .kind = FIELD_LINE,
                        .max_chars = PERSON_NAME_MAX,
                        .msgid = N_("Enter a title of 100 characters at most.")},
    [PERSON_F_PHONE_WORK] = {.name = "phone_work",
                             .kind = FIELD_LINE,
                             .max_chars = PERSON_PHONE_MAX,
                             .msgid = phone_msg},
    [PERSON_F_PHONE_MOBILE] = {.name = "phone_mobile",
                               .kind = FIELD_LINE,
                               .max_chars = PERSON_PHONE_MAX,
                               .msgid = phone_msg},
    [PERSON_F_TIME_ZONE] = {.name = "time_zone",
                            .kind = FIELD_LINE,
                            .max_chars = TIME_ZONE_MAX,
                            .msgid = N_("Choose a time zone from the list.")},
    [PERSON_F_LANG] = {.name = "lang",
                       .kind = FIELD_LINE,
                       .max_chars = LANG_MAX,
                       .msgid = N_("Choose a language from the list.")},
};

static const char *
sent(const struct field_value *v)
{
	return v->present ? v->text : NULL;
}

void
person_input_from(const struct field_value *v, struct person_input *out)
{
	*out = (struct person_input){.name = v[PERSON_F_NAME].text,
	                             .email = v[PERSON_F_EMAIL].text,
	                             .title = v[PERSON_F_TITLE].text,
	                             .phone_work = v[PERSON_F_PHONE_WORK].text,
	                             .phone_mobile = v[PERSON_F_PHONE_MOBILE].text,
	                             .time_zone = sent(&v[PERSON_F_TIME_ZONE]),
	                             .lang = sent(&v[PERSON_F_LANG])};
}
