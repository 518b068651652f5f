/*
 * Wall-clock time for rules that depend on it (session timeouts, lockouts,
 * expiring tokens). Test builds (-DMADOGUCHI_TEST_HOOKS) add the number of
 * seconds written in the file named by MADOGUCHI_TEST_CLOCK_FILE, so that
 * tests move time forward instead of sleeping.
 */
#ifndef MADOGUCHI_CORE_CLOCK_H
#define MADOGUCHI_CORE_CLOCK_H

#include <stdint.h>

/* Seconds since the Unix epoch. */
int64_t clock_now(void);

#endif
