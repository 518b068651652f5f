/* A work request's attached file, sent to a customer or to staff. */
#ifndef MADOGUCHI_VIEWS_WORK_REQUEST_FILE_H
#define MADOGUCHI_VIEWS_WORK_REQUEST_FILE_H

#include <stdint.h>

struct req;

/*
 * Answers r, whose path parameters are the request's number and the file's
 * id, with that file: 404 when either is malformed or the file is not the
 * request's, or the request not customer_id's (0: staff, any customer's).
 */
int work_request_send_file(struct req *r, int64_t customer_id);

#endif
