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
        "SELECT id, password_hash, disabled, customer_id, mfa_required, "
        "totp_secret IS NOT NULL, email, lang, name FROM users WHERE login = ?",
    [STMT_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?, updated_at = ?, "
                               "password_changed_at = ? WHERE id = ?",

    [STMT_SESSION_INSERT] = "INSERT INTO sessions (id_hash, user_id, created_at, seen_at, ip, "
                            "user_agent) VALUES (?, ?, ?, ?, ?, ?)",
    [STMT_SESSION_GET] = "SELECT s.created_at, s.seen_at, " USER_COLUMNS
                         " FROM sessions s JOIN users u ON u.id = s.user_id "
                         "LEFT JOIN customers c ON c.id = u.customer_id WHERE s.id_hash = ? "
                         "AND s.stage = 'full'",
    [STMT_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ? WHERE id_hash = ?",
    [STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE id_hash = ?",
    [STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
    [STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",

    [STMT_AUDIT_INSERT] = "INSERT INTO audit_events (at, event, actor_id, customer_id, login, ip, "
                          "user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",

    /* identity */
    [STMT_USER_GET] = "SELECT " USER_COLUMNS ", u.title, u.phone_work, u.phone_mobile, "
                      "u.mfa_required, u.totp_secret IS NOT NULL, u.password_changed_at "
                      "FROM users u LEFT JOIN customers c ON c.id = u.customer_id WHERE u.id = ?",
    [STMT_USER_BY_LOGIN] = "SELECT id FROM users WHERE login = ?",
    [STMT_USER_LOGIN_TAKEN] = "SELECT COUNT(*) FROM users WHERE login = ? AND id <> ?",
    [STMT_USER_UPDATE_PROFILE] =
        "UPDATE users SET name = ?, title = ?, phone_work = ?, phone_mobile = ?, "
        "time_zone = ?, lang = ?, updated_at = ? WHERE id = ?",
    [STMT_USER_SET_EMAIL] = "UPDATE users SET email = ?, updated_at = ? WHERE id = ?",
    [STMT_USER_TOTP_GET] =
        "SELECT totp_secret, totp_pending, totp_last_step FROM users WHERE id = ?",
    [STMT_USER_TOTP_SET_PENDING] = "UPDATE users SET totp_pending = ? WHERE id = ?",
    [STMT_USER_TOTP_CONFIRM] = "UPDATE users SET totp_secret = totp_pending, totp_pending = NULL, "
                               "totp_last_step = ?, updated_at = ? WHERE id = ? "
                               "AND totp_pending IS NOT NULL",
    [STMT_USER_TOTP_USE_STEP] =
        "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?",
    [STMT_USER_TOTP_CLEAR] = "UPDATE users SET totp_secret = NULL, totp_pending = NULL, "
                             "totp_last_step = 0, updated_at = ? WHERE id = ?",

    [STMT_GUARD_GET] = "SELECT failures, locked_until, reset_failures, reset_blocked_until, "
                       "reset_done_at FROM login_guards WHERE login = ?",
    [STMT_GUARD_LOGIN_FAIL] =
        "INSERT INTO login_guards (login, failures, updated_at) VALUES (?, 1, ?) "
        "ON CONFLICT (login) DO UPDATE SET failures = login_guards.failures + 1, "
        "updated_at = excluded.updated_at",
    [STMT_GUARD_LOCK] = "UPDATE login_guards SET locked_until = ?, failures = 0 "
                        "WHERE login = ? AND failures >= ?",
    [STMT_GUARD_LOGIN_OK] = "UPDATE login_guards SET failures = 0, updated_at = ? WHERE login = ?",
    [STMT_GUARD_UNLOCK] = "UPDATE login_guards SET failures = 0, locked_until = 0, "
                          "updated_at = ? WHERE login = ?",
    [STMT_GUARD_RESET_FAIL] =
        "INSERT INTO login_guards (login, reset_failures, updated_at) VALUES (?, 1, ?) "
        "ON CONFLICT (login) DO UPDATE SET reset_failures = login_guards.reset_failures + 1, "
        "updated_at = excluded.updated_at",
    [STMT_GUARD_RESET_BLOCK] = "UPDATE login_guards SET reset_blocked_until = ?, "
                               "reset_failures = 0 WHERE login = ? AND reset_failures >= ?",
    [STMT_GUARD_RESET_OK] =
        "UPDATE login_guards SET reset_failures = 0, updated_at = ? WHERE login = ?",
    [STMT_GUARD_RESET_DONE] =
        "INSERT INTO login_guards (login, reset_done_at, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (login) DO UPDATE SET reset_done_at = excluded.reset_done_at, "
        "failures = 0, locked_until = 0, reset_failures = 0, reset_blocked_until = 0, "
        "updated_at = excluded.updated_at",
    [STMT_IP_FAILURES] = "SELECT COUNT(*) FROM audit_events WHERE ip = ? AND at >= ? "
                         "AND event = 'auth.login_failed'",

    [STMT_TOKEN_INSERT] = "INSERT INTO user_tokens (kind, token_hash, user_id, created_at, "
                          "expires_at, data) VALUES (?, ?, ?, ?, ?, ?)",
    [STMT_TOKEN_GET] = "SELECT id, user_id, expires_at, used_at IS NOT NULL, data "
                       "FROM user_tokens WHERE token_hash = ? AND kind = ?",
    [STMT_TOKEN_USE] =
        "UPDATE user_tokens SET used_at = ? WHERE id = ? AND used_at IS NULL AND expires_at > ?",
    [STMT_TOKEN_VOID] = "UPDATE user_tokens SET used_at = ? WHERE user_id = ? AND kind = ? "
                        "AND used_at IS NULL",
    [STMT_TOKEN_PURGE] = "DELETE FROM user_tokens WHERE expires_at < ?",

    [STMT_SESSION_INSERT_STAGE] =
        "INSERT INTO sessions (id_hash, user_id, created_at, seen_at, ip, user_agent, stage, "
        "mfa_method, mfa_trust, next_path) VALUES (?, ?, ?, ?, ?, ?, 'mfa', ?, ?, ?)",
    [STMT_SESSION_GET_MFA] =
        "SELECT user_id, created_at, mfa_method, mfa_failures, email_code_hash, "
        "email_code_expires, email_code_sent_at, mfa_trust, next_path FROM sessions "
        "WHERE id_hash = ? AND stage = 'mfa'",
    [STMT_SESSION_MFA_FAIL] =
        "UPDATE sessions SET mfa_failures = mfa_failures + 1 WHERE id_hash = ?",
    [STMT_SESSION_MFA_METHOD] =
        "UPDATE sessions SET mfa_method = ?, mfa_trust = ? WHERE id_hash = ?",
    [STMT_SESSION_EMAIL_CODE] = "UPDATE sessions SET email_code_hash = ?, email_code_expires = ?, "
                                "email_code_sent_at = ? WHERE id_hash = ?",
    [STMT_SESSION_DELETE_OTHERS] = "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?",

    [STMT_CONTACTS_COUNT] =
        "SELECT COUNT(*) FROM users WHERE customer_id = ? AND (? = '' OR name LIKE ? ESCAPE '\\' "
        "OR login LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')",
    [STMT_CONTACTS_PAGE] =
        "SELECT id, login, name, email, title, is_admin, disabled, mfa_required FROM users "
        "WHERE customer_id = ? AND (? = '' OR name LIKE ? ESCAPE '\\' OR login LIKE ? "
        "ESCAPE '\\' OR email LIKE ? ESCAPE '\\') ORDER BY name, id LIMIT ? OFFSET ?",
    [STMT_CONTACT_GET] = "SELECT " USER_COLUMNS ", u.title, u.phone_work, u.phone_mobile, "
                         "u.mfa_required, u.totp_secret IS NOT NULL, u.password_changed_at "
                         "FROM users u LEFT JOIN customers c ON c.id = u.customer_id "
                         "WHERE u.id = ? AND u.customer_id = ?",
    [STMT_CONTACT_UPDATE] =
        "UPDATE users SET login = ?, name = ?, email = ?, title = ?, phone_work = ?, "
        "phone_mobile = ?, lang = ?, time_zone = ?, is_admin = ?, mfa_required = ?, "
        "updated_at = ? WHERE id = ? AND customer_id = ?",
    [STMT_CONTACT_SET_DISABLED] =
        "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ? AND customer_id = ?",
    [STMT_CONTACT_ADMINS] = "SELECT COUNT(*) FROM users WHERE customer_id = ? AND is_admin = 1 "
                            "AND disabled = 0 AND id <> ?",
    [STMT_HISTORY_COUNT] = "SELECT COUNT(*) FROM audit_events a WHERE a.customer_id = ? "
                           "AND (? = 0 OR a.actor_id = ?) AND a.at >= ? AND a.at < ? "
                           "AND (a.event LIKE 'auth.%' OR a.event LIKE 'account.%')",
    [STMT_HISTORY_PAGE] =
        "SELECT a.at, a.event, a.login, COALESCE(u.name, ''), a.ip, a.user_agent "
        "FROM audit_events a LEFT JOIN users u ON u.id = a.actor_id WHERE a.customer_id = ? "
        "AND (? = 0 OR a.actor_id = ?) AND a.at >= ? AND a.at < ? "
        "AND (a.event LIKE 'auth.%' OR a.event LIKE 'account.%') "
        "ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
    /* end identity */
    /* mail */
    [STMT_OUTBOX_INSERT] = "INSERT INTO outbox (created_at, to_addr, to_name, lang, subject, "
                           "body_text, attempts, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
    [STMT_OUTBOX_DUE] = "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? "
                        "AND (claimed_until IS NULL OR claimed_until < ?) "
                        "ORDER BY next_attempt_at, id LIMIT ?",
    [STMT_OUTBOX_CLAIM] =
        "UPDATE outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL "
        "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)",
    [STMT_OUTBOX_GET] =
        "SELECT created_at, to_addr, to_name, lang, subject, body_text, attempts, "
        "next_attempt_at, claimed_until, sent_at, last_error FROM outbox WHERE id = ?",
    [STMT_OUTBOX_SENT] =
        "UPDATE outbox SET attempts = attempts + 1, sent_at = ?, claimed_until = NULL "
        "WHERE id = ? AND sent_at IS NULL",
    [STMT_OUTBOX_FAILED] =
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
        "next_attempt_at = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL",
    [STMT_OUTBOX_PENDING] = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
    /* end mail */
};
