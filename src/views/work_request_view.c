/* Labels of work requests; see work_request_view.h. */
#include "views/work_request_view.h"
#include "http/request.h"

#include <string.h>

const char *
work_request_state_label(struct req *r, const char *state)
{
	if (strcmp(state, "accepted") == 0)
		return T(r, "Accepted");
	if (strcmp(state, "rejected") == 0)
		return T(r, "Not accepted");
	return T(r, "Received");
}
