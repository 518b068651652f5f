/*
 * Service levels as the pages show them (cases/service_levels.h): durations
 * and targets in words, the queue's column, the clocks on the console's
 * case page and the targets in force on a customer's contract.
 */
#ifndef MADOGUCHI_VIEWS_SERVICE_LEVELS_H
#define MADOGUCHI_VIEWS_SERVICE_LEVELS_H

#include <stdint.h>

#include "store/cases.h"

struct req;

/* "2日4時間", "3時間20分", "45分" (to the minute, rounded down; "0分" under one). */
const char *sla_duration(struct req *r, int64_t secs);
/* A target of minutes ("4時間"), or "なし" for 0. */
const char *sla_target_text(struct req *r, int64_t minutes);
/* A target as its form field holds it: "4", "0:30"; "" for none. */
const char *sla_target_field(struct req *r, int64_t minutes);

/* The queue's header cell and a case's cell: what is due next, left or over. */
void sla_queue_th(struct req *r);
void sla_queue_cell(struct req *r, const struct case_row *c, int64_t now);
/* Rows of a <dl class="kv">: each target and where its clock stands. */
void sla_case_rows(struct req *r, const struct case_row *c, int64_t now);
/* Rows of a <dl class="kv">: the two targets in force. */
void sla_target_rows(struct req *r, int64_t response_min, int64_t resolution_min);

#endif
