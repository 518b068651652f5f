/*
 * The SQL of every statement, indexed by enum stmt_id. Portable SQL only:
 * no SQLite-only functions or syntax, so that the PostgreSQL backend can use
 * the same texts with its own placeholders.
 */
#include "store/stmt.h"

#define USER_COLUMNS                                                                               \
	"u.id, u.login, u.customer_id, u.is_staff, u.is_admin, u.name, u.email, u.lang, "          \
	"u.time_zone, u.disabled, c.number, c.name"

const char *const stmt_sql[STMT__MAX] = {
    [STMT_MIGRATION_MAX] = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations",
    [STMT_MIGRATION_ADD] =
        "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",

    [STMT_SETTING_GET] = "SELECT value FROM settings WHERE key = ?",
    [STMT_SETTING_PUT] = "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
                         "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
                         "updated_at = excluded.updated_at",

    [STMT_CUSTOMER_INSERT] = "INSERT INTO customers (number, name, created_at) VALUES (?, ?, ?)",
    [STMT_CUSTOMER_BY_NUMBER] = "SELECT id, name FROM customers WHERE number = ?",
    [STMT_CUSTOMER_COUNT] = "SELECT COUNT(*) FROM customers",
    [STMT_CUSTOMER_PAGE] = "SELECT c.id, c.number, c.name, "
                           "(SELECT COUNT(*) FROM contracts k WHERE k.customer_id = c.id), "
                           "(SELECT COUNT(*) FROM users u WHERE u.customer_id = c.id) "
                           "FROM customers c ORDER BY c.number LIMIT ? OFFSET ?",

    [STMT_SERVICE_INSERT] = "INSERT INTO services (code, name_ja, name_en, portal_url, has_points) "
                            "VALUES (?, ?, ?, ?, ?)",
    [STMT_SERVICE_BY_CODE] = "SELECT id FROM services WHERE code = ?",

    [STMT_CONTRACT_INSERT] =
        "INSERT INTO contracts (customer_id, service_id, kind, plan, start_date, renewal_date, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [STMT_CONTRACTS_OF_CUSTOMER] =
        "SELECT k.id, s.name_ja, s.name_en, s.portal_url, k.kind, k.plan, k.start_date, "
        "k.renewal_date FROM contracts k JOIN services s ON s.id = k.service_id "
        "WHERE k.customer_id = ? ORDER BY s.id",
    [STMT_CONTRACT_OF_CUSTOMER] =
        "SELECT k.id, s.name_ja, s.name_en, s.portal_url, k.kind, k.plan, k.start_date, "
        "k.renewal_date FROM contracts k JOIN services s ON s.id = k.service_id "
        "WHERE k.id = ? AND k.customer_id = ?",

    [STMT_USER_INSERT] =
        "INSERT INTO users (login, customer_id, is_staff, is_admin, name, email, lang, "
        "password_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [STMT_USER_AUTH_BY_LOGIN] =
        "SELECT id, password_hash, disabled, customer_id FROM users WHERE login = ?",
    [STMT_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?, updated_at = ? WHERE id = ?",

    [STMT_SESSION_INSERT] = "INSERT INTO sessions (id_hash, user_id, created_at, seen_at, ip, "
                            "user_agent) VALUES (?, ?, ?, ?, ?, ?)",
    [STMT_SESSION_GET] = "SELECT s.created_at, s.seen_at, " USER_COLUMNS
                         " FROM sessions s JOIN users u ON u.id = s.user_id "
                         "LEFT JOIN customers c ON c.id = u.customer_id WHERE s.id_hash = ?",
    [STMT_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ? WHERE id_hash = ?",
    [STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE id_hash = ?",
    [STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
    [STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",

    [STMT_AUDIT_INSERT] = "INSERT INTO audit_events (at, event, actor_id, customer_id, login, ip, "
                          "user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
};
