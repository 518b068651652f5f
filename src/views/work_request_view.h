/* How a work request reads to the user, on the customer's pages and the console. */
#ifndef MADOGUCHI_VIEWS_WORK_REQUEST_VIEW_H
#define MADOGUCHI_VIEWS_WORK_REQUEST_VIEW_H

struct req;

/* The label of a request's state code: 受付中, 受理, 不受理 (translated). */
const char *work_request_state_label(struct req *r, const char *state);

#endif
