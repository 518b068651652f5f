/*
 * Every SQL statement of the program, named by an enum and kept in one table
 * (stmt.c): the one place to read, review and port the SQL. Parameters are
 * positional ('?'); a PostgreSQL backend rewrites them to $n.
 * Customer-scoped statements take the customer id as a parameter.
 */
#ifndef MADOGUCHI_STORE_STMT_H
#define MADOGUCHI_STORE_STMT_H

enum stmt_id {
	STMT_MIGRATION_MAX,
	STMT_MIGRATION_ADD,
	STMT_SETTING_GET,
	STMT_SETTING_PUT,
	STMT_CUSTOMER_INSERT,
	STMT_CUSTOMER_BY_NUMBER,
	STMT_CUSTOMER_COUNT,
	STMT_CUSTOMER_PAGE,
	STMT_SERVICE_INSERT,
	STMT_SERVICE_BY_CODE,
	STMT_CONTRACT_INSERT,
	STMT_CONTRACTS_OF_CUSTOMER,
	STMT_CONTRACT_OF_CUSTOMER,
	STMT_USER_INSERT,
	STMT_USER_AUTH_BY_LOGIN,
	STMT_USER_SET_PASSWORD,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DELETE,
	STMT_SESSION_DELETE_USER,
	STMT_SESSION_PURGE,
	STMT_AUDIT_INSERT,
	STMT__MAX
};

extern const char *const stmt_sql[STMT__MAX];

#endif
