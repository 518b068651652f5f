/* The JSON of a case; see case_json.h. */
#include "cases/case_json.h"
#include "store/cases.h"

#include <time.h>

json_t *
case_json_time(int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	char s[32];
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

json_t *
case_json(const struct case_row *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "number", json_string(c->number));
	json_object_set_new(o, "state", json_string(case_state_code(c->state)));
	json_object_set_new(o, "category", json_string(c->category));
	json_object_set_new(o, "subject", json_string(c->subject));
	json_object_set_new(o, "description", json_string(c->description));
	json_object_set_new(
	    o, "customer",
	    json_pack("{s:s,s:s}", "number", c->customer_number, "name", c->customer_name));
	json_object_set_new(o, "service",
	                    c->service_id
	                        ? json_pack("{s:I,s:s,s:s}", "id", (json_int_t)c->service_id,
	                                    "name_ja", c->service_ja, "name_en", c->service_en)
	                        : json_null());
	json_object_set_new(o, "contact",
	                    c->contact_id ? json_pack("{s:I,s:s}", "id", (json_int_t)c->contact_id,
	                                              "name", c->contact_name)
	                                  : json_null());
	json_object_set_new(
	    o, "assignee",
	    c->assignee_id
	        ? json_pack("{s:I,s:s}", "id", (json_int_t)c->assignee_id, "name", c->assignee_name)
	        : json_null());
	json_object_set_new(o, "created_at", case_json_time(c->created_at));
	json_object_set_new(o, "updated_at", case_json_time(c->updated_at));
	return o;
}
