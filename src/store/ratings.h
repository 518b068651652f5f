/*
 * Satisfaction ratings of closed cases (case_ratings): asked once per case
 * when it closes, answered once, and summed up for the console by month,
 * customer and agent.
 */
#ifndef MADOGUCHI_STORE_RATINGS_H
#define MADOGUCHI_STORE_RATINGS_H

#include <stdint.h>

struct arena;
struct db;

struct new_rating {
	int64_t case_id, customer_id, contact_id, agent_id; /* contact/agent 0: none */
};

/* Records that the case's contact is asked: the new id, 0 when asked already, -1 on error. */
int64_t rating_ask(struct db *db, const struct new_rating *r);

struct rating {
	int64_t id, customer_id, contact_id, rated_at; /* rated_at 0: not answered yet */
	int score;                                     /* 1 to 5; 0 until answered */
	const char *comment, *case_number, *case_subject;
};

/* 1 found, 0 not, -1 error. */
int rating_get(struct db *db, int64_t id, struct arena *a, struct rating *out);
/* The answer: 1 recorded, 0 answered already, -1 error. */
int rating_record(struct db *db, int64_t id, int score, const char *comment);

/* A line of a summary: who (a month, a customer, an agent), how many asked and answered. */
struct rating_sum {
	const char *key, *label; /* customer: number and name; agent: "" and name */
	int64_t asked, answered, score_total;
};

/* Asked within [from, to): one total. 0 or -1. */
int rating_total(struct db *db, int64_t from, int64_t to, struct rating_sum *out);
/* Asked within [from, to), per customer (by number) or per agent (by name). Count or -1. */
int rating_by_customer(struct db *db, int64_t from, int64_t to, struct arena *a,
                       struct rating_sum **out);
int rating_by_agent(struct db *db, int64_t from, int64_t to, struct arena *a,
                    struct rating_sum **out);

/* The latest answers with a comment, newest first. Count or -1. */
struct rating_comment {
	const char *case_number, *customer_name, *comment;
	int score;
	int64_t rated_at;
};
int rating_comments(struct db *db, int64_t from, int64_t to, int limit, struct arena *a,
                    struct rating_comment **out);

#endif
