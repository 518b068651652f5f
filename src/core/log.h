/*
 * Logging to standard error, one line per event, safe from any thread
 * (each line is written with a single write call).
 */
#ifndef MADOGUCHI_CORE_LOG_H
#define MADOGUCHI_CORE_LOG_H

void log_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
