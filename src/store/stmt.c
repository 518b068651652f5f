/*
 * The SQL of every statement, indexed by enum stmt_id. Portable SQL only:
 * no SQLite-only functions or syntax, so that the PostgreSQL backend can use
 * the same texts with its own placeholders.
 */
#include "store/stmt.h"
#include "store/cases.h"

#define USER_COLUMNS                                                                               \
	"u.id, u.login, u.customer_id, u.is_staff, u.is_admin, u.name, u.email, u.lang, "          \
	"u.time_zone, u.disabled, c.number, c.name"

/*
 * The target a new case is opened with: its customer's contract for the
 * service overrides the service (bound: customer id, service id).
 */
#define SLA_TARGET_OF(what)                                                                        \
	"(SELECT COALESCE(c." what "_target_min, s." what "_target_min) FROM services s "          \
	"LEFT JOIN contracts c ON c.service_id = s.id AND c.customer_id = ? WHERE s.id = ?)"

/* The targets of a contract "k" of a service "s": its own, else the service's. */
#define SLA_TARGETS_IN_FORCE                                                                       \
	"COALESCE(k.response_target_min, s.response_target_min), "                                 \
	"COALESCE(k.resolution_target_min, s.resolution_target_min)"

/* knowledge */
#define KB_BASE_VISIBLE                                                                            \
	"(b.service_id IS NULL OR EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = ? "      \
	"AND k.service_id = b.service_id))"
/*
 * The knowledge bases of the customer's services are found once per
 * statement (a small set), not through a join and a lookup of the contracts
 * for each article the statement reads. The unary + (on the knowledge
 * base and the publication time) keeps the planner from reading the
 * articles through those columns' indexes, in no useful order, then sorting
 * them all, when the index of the order wanted lets it stop early.
 */
#define KB_VISIBLE                                                                                 \
	"a.state = 'published' AND +a.published_at <= ? AND +a.kb_id IN (SELECT vb.id FROM "       \
	"kb_bases vb WHERE vb.service_id IS NULL OR vb.service_id IN (SELECT vk.service_id FROM "  \
	"contracts vk WHERE vk.customer_id = ?)) AND (a.target = 'all' OR (a.target = 'services' " \
	"AND EXISTS (SELECT 1 FROM kb_article_services ts JOIN contracts k2 ON k2.service_id = "   \
	"ts.service_id WHERE ts.article_id = a.id AND k2.customer_id = ?)) OR (a.target = "        \
	"'customers' AND EXISTS (SELECT 1 FROM kb_article_customers tc WHERE tc.article_id = "     \
	"a.id "                                                                                    \
	"AND tc.customer_id = ?)))"
#define KB_FILTER                                                                                  \
	"(? = '' OR a.lang = ?) AND (? = 0 OR a.kb_id = ?) AND (? = 0 OR a.category_id = ?) "      \
	"AND (? = 0 OR a.author_id = ?)"
#define KB_HIT_SELECT                                                                              \
	"SELECT a.id, a.number, a.title, a.lang, b.name_ja, b.name_en, COALESCE(c.name_ja, ''), "  \
	"COALESCE(c.name_en, ''), u.name, a.views, a.published_at, substr(t.plain, 1, 160) "
#define KB_JOINS                                                                                   \
	" JOIN kb_bases b ON b.id = a.kb_id LEFT JOIN kb_categories c ON c.id = a.category_id "    \
	"JOIN users u ON u.id = a.author_id"
#define KB_FTS_FROM "FROM kb_fts f CROSS JOIN kb_articles a ON a.id = f.rowid"
/*
 * A search's candidates, once the columns its order needs are selected:
 * the visible matches, walked in the index from the most recently added
 * and stopped at the limit (the parameter after the filters), so a search
 * that matches half the articles reads no more rows than one that matches
 * a thousand.
 */
#define KB_CANDIDATES                                                                              \
	KB_FTS_FROM " WHERE kb_fts MATCH ? AND " KB_VISIBLE " AND " KB_FILTER                      \
	            " ORDER BY f.rowid DESC LIMIT ?"
#define KB_ARTICLE_SELECT                                                                          \
	"SELECT a.id, a.kb_id, COALESCE(a.category_id, 0), a.author_id, a.number, a.lang, "        \
	"a.title, t.body, a.state, u.name, b.name_ja, b.name_en, COALESCE(c.name_ja, ''), "        \
	"COALESCE(c.name_en, ''), b.is_announcements, COALESCE(a.published_at, 0), a.views, "      \
	"COALESCE(a.show_from, 0), COALESCE(a.show_until, 0), a.target, a.created_at, "            \
	"a.updated_at FROM kb_articles a JOIN kb_texts t ON t.article_id = a.id" KB_JOINS
/* end knowledge */

/* work requests */
#define WI_COLUMNS                                                                                 \
	"i.id, i.service_id, i.position, i.points, i.retired, i.name_ja, i.name_en, "              \
	"i.description_ja, i.description_en, s.name_ja, s.name_en FROM work_items i "              \
	"JOIN services s ON s.id = i.service_id"
#define WI_CONTRACTED                                                                              \
	"EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = ? AND k.service_id = "            \
	"i.service_id)"
#define WF_COLUMNS                                                                                 \
	"id, item_id, position, kind, label_ja, label_en, choices_ja, choices_en, required, "      \
	"retired FROM work_item_fields"
#define WR_COLUMNS                                                                                 \
	"w.id, w.customer_id, w.service_id, w.item_id, w.requester_id, COALESCE(w.case_id, 0), "   \
	"COALESCE(w.reviewer_id, 0), COALESCE(w.reviewed_at, 0), w.created_at, w.points, "         \
	"w.overage, w.number, w.state, w.item_name_ja, w.item_name_en, w.reason, "                 \
	"COALESCE(k.number, ''), c.number, c.name, COALESCE(u.name, ''), COALESCE(u.email, ''), "  \
	"COALESCE(u.lang, 'ja'), COALESCE(v.name, '') FROM work_requests w JOIN customers c ON "   \
	"c.id = w.customer_id LEFT JOIN users u ON u.id = w.requester_id LEFT JOIN users v ON "    \
	"v.id = w.reviewer_id LEFT JOIN cases k ON k.id = w.case_id"
/* end work requests */

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
    [STMT_CUSTOMER_FIND] = "SELECT id, number, name FROM customers WHERE number LIKE ? ESCAPE '\\' "
                           "OR name LIKE ? ESCAPE '\\' ORDER BY number LIMIT ?",

    [STMT_SERVICE_INSERT] = "INSERT INTO services (code, name_ja, name_en, portal_url, has_points) "
                            "VALUES (?, ?, ?, ?, ?)",
    [STMT_SERVICE_BY_CODE] = "SELECT id FROM services WHERE code = ?",

    [STMT_CONTRACT_INSERT] =
        "INSERT INTO contracts (customer_id, service_id, kind, plan, start_date, renewal_date, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    [STMT_CONTRACTS_OF_CUSTOMER] =
        "SELECT k.id, s.name_ja, s.name_en, s.portal_url, k.kind, k.plan, k.start_date, "
        "k.renewal_date, " SLA_TARGETS_IN_FORCE " FROM contracts k "
        "JOIN services s ON s.id = k.service_id "
        "WHERE k.customer_id = ? ORDER BY s.id",
    [STMT_CONTRACT_OF_CUSTOMER] =
        "SELECT k.id, s.name_ja, s.name_en, s.portal_url, k.kind, k.plan, k.start_date, "
        "k.renewal_date, " SLA_TARGETS_IN_FORCE " FROM contracts k "
        "JOIN services s ON s.id = k.service_id "
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
    [STMT_SESSION_GET] =
        "SELECT s.created_at, s.seen_at, " USER_COLUMNS
        ", u.totp_secret IS NOT NULL FROM sessions s JOIN users u ON u.id = s.user_id "
        "LEFT JOIN customers c ON c.id = u.customer_id WHERE s.id_hash = ? "
        "AND s.stage = 'full'",
    [STMT_SESSION_TOUCH] = "UPDATE sessions SET seen_at = ? WHERE id_hash = ?",
    [STMT_SESSION_DELETE] = "DELETE FROM sessions WHERE id_hash = ?",
    [STMT_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user_id = ?",
    [STMT_SESSION_PURGE] = "DELETE FROM sessions WHERE seen_at < ? OR created_at < ?",

    [STMT_AUDIT_INSERT] = "INSERT INTO audit_events (at, event, actor_id, customer_id, login, ip, "
                          "user_agent, detail, actor_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                          "COALESCE((SELECT name FROM users WHERE id = ?), ''))",

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
        "SELECT id, login, name, email, title, is_admin, disabled, mfa_required, "
        "totp_secret IS NOT NULL FROM users WHERE customer_id = ? AND (? = '' OR name LIKE ? "
        "ESCAPE '\\' OR login LIKE ? "
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
    [STMT_PROVIDER_ADMINS] = "SELECT COUNT(*) FROM users WHERE is_staff = 1 AND is_admin = 1 "
                             "AND disabled = 0",
    [STMT_STAFF_COUNT] =
        "SELECT COUNT(*) FROM users WHERE is_staff = 1 AND (? = '' OR name LIKE ? ESCAPE '\\' "
        "OR login LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\')",
    [STMT_STAFF_PAGE] =
        "SELECT id, login, name, email, title, is_admin, disabled, mfa_required, "
        "totp_secret IS NOT NULL FROM users WHERE is_staff = 1 AND (? = '' OR name LIKE ? ESCAPE "
        "'\\' OR login LIKE ? "
        "ESCAPE '\\' OR email LIKE ? ESCAPE '\\') ORDER BY name, id LIMIT ? OFFSET ?",
    [STMT_STAFF_GET] = "SELECT " USER_COLUMNS ", u.title, u.phone_work, u.phone_mobile, "
                       "u.mfa_required, u.totp_secret IS NOT NULL, u.password_changed_at "
                       "FROM users u LEFT JOIN customers c ON c.id = u.customer_id "
                       "WHERE u.id = ? AND u.is_staff = 1",
    [STMT_STAFF_SET_DISABLED] =
        "UPDATE users SET disabled = ?, updated_at = ? WHERE id = ? AND is_staff = 1",
    [STMT_STAFF_SET_ADMIN] =
        "UPDATE users SET is_admin = ?, updated_at = ? WHERE id = ? AND is_staff = 1",
    [STMT_STAFF_OTHER_ADMINS] = "SELECT COUNT(*) FROM users WHERE is_staff = 1 AND is_admin = 1 "
                                "AND disabled = 0 AND id <> ?",
    [STMT_CONTACT_ADMINS] = "SELECT COUNT(*) FROM users WHERE customer_id = ? AND is_admin = 1 "
                            "AND disabled = 0 AND id <> ?",
    [STMT_HISTORY_COUNT] = "SELECT COUNT(*) FROM audit_events a WHERE a.customer_id = ? "
                           "AND (? = 0 OR a.actor_id = ?) AND a.at >= ? AND a.at < ? "
                           "AND (a.event LIKE 'auth.%' OR a.event LIKE 'account.%')",
    [STMT_HISTORY_PAGE] = "SELECT a.at, a.event, a.login, a.actor_name, a.ip, a.user_agent "
                          "FROM audit_events a WHERE a.customer_id = ? "
                          "AND (? = 0 OR a.actor_id = ?) AND a.at >= ? AND a.at < ? "
                          "AND (a.event LIKE 'auth.%' OR a.event LIKE 'account.%') "
                          "ORDER BY a.at DESC, a.id DESC LIMIT ? OFFSET ?",
    /* end identity */
    /* cases */
    [STMT_COUNTER_NEXT] = "UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
    [STMT_CASE_INSERT] =
        "INSERT INTO cases (number, customer_id, service_id, contact_id, category, state, subject, "
        "description, created_at, updated_at, response_target_min, resolution_target_min) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, " SLA_TARGET_OF("response") ", " SLA_TARGET_OF(
            "resolution") ")",
    [STMT_CASE_GET] =
        "SELECT k.id, k.number, k.customer_id, cu.number, cu.name, k.service_id, "
        "COALESCE(s.name_ja, ''), COALESCE(s.name_en, ''), k.contact_id, COALESCE(u.name, ''), "
        "k.category, k.state, k.subject, k.description, k.assignee_id, COALESCE(a.name, ''), "
        "k.created_at, k.updated_at, k.resolved_at, " CASE_CLOCK_COLUMNS " FROM cases k "
        "JOIN customers cu ON cu.id = k.customer_id "
        "LEFT JOIN services s ON s.id = k.service_id LEFT JOIN users u ON u.id = k.contact_id "
        "LEFT JOIN users a ON a.id = k.assignee_id WHERE k.number = ? AND (? = 0 OR k.customer_id "
        "= ?)",
    /* A stay waiting for the customer begins (or goes on), or ends into paused_secs. */
    [STMT_CASE_SET_STATE] =
        "UPDATE cases SET state = ?, updated_at = ?, closed_at = ?, resolved_at = ?, "
        "close_warned_at = NULL, paused_secs = paused_secs + CASE WHEN paused_since IS NOT NULL "
        "AND ? = 0 THEN ? - paused_since ELSE 0 END, paused_since = CASE WHEN ? = 1 THEN "
        "COALESCE(paused_since, ?) ELSE NULL END WHERE id = ? AND state = ?",
    [STMT_CASE_MARK_RESPONDED] =
        "UPDATE cases SET first_response_at = ? WHERE id = ? AND first_response_at IS NULL",
    [STMT_CASE_CLOCKS_OPENED] =
        "SELECT k.state, k.created_at, " CASE_CLOCK_COLUMNS " FROM cases k "
        "WHERE k.customer_id = ? AND k.created_at >= ? AND k.created_at < ?",
    [STMT_CASES_RESOLVED_BEFORE] =
        "SELECT number FROM cases WHERE state = 'resolved' AND resolved_at < ? "
        "AND (? = 0 OR close_warned_at IS NULL) ORDER BY resolved_at, id LIMIT ?",
    [STMT_CASE_MARK_WARNED] = "UPDATE cases SET close_warned_at = ? WHERE id = ?",
    [STMT_CASE_TOUCH] = "UPDATE cases SET updated_at = ? WHERE id = ?",
    [STMT_CASE_ASSIGN] = "UPDATE cases SET assignee_id = ?, updated_at = ? WHERE id = ?",
    [STMT_RATING_ASK] = "INSERT INTO case_ratings (case_id, customer_id, contact_id, agent_id, "
                        "asked_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING",
    [STMT_RATING_GET] =
        "SELECT r.id, r.contact_id, r.rated_at, r.score, r.comment, k.number, "
        "k.subject, r.customer_id FROM case_ratings r JOIN cases k ON k.id = r.case_id "
        "WHERE r.id = ?",
    [STMT_RATING_RECORD] = "UPDATE case_ratings SET score = ?, comment = ?, rated_at = ? "
                           "WHERE id = ? AND rated_at IS NULL",
    [STMT_RATING_TOTAL] = "SELECT COUNT(*), COUNT(score), COALESCE(SUM(score), 0) FROM "
                          "case_ratings WHERE asked_at >= ? AND asked_at < ?",
    [STMT_RATING_BY_CUSTOMER] =
        "SELECT c.number, c.name, COUNT(*), COUNT(r.score), COALESCE(SUM(r.score), 0) "
        "FROM case_ratings r JOIN customers c ON c.id = r.customer_id "
        "WHERE r.asked_at >= ? AND r.asked_at < ? GROUP BY c.id, c.number, c.name "
        "ORDER BY c.number",
    [STMT_RATING_BY_AGENT] =
        "SELECT '', COALESCE(u.name, ''), COUNT(*), COUNT(r.score), COALESCE(SUM(r.score), 0) "
        "FROM case_ratings r LEFT JOIN users u ON u.id = r.agent_id "
        "WHERE r.asked_at >= ? AND r.asked_at < ? GROUP BY r.agent_id, u.name "
        "ORDER BY COALESCE(u.name, '')",
    [STMT_RATING_COMMENTS] =
        "SELECT k.number, c.name, r.comment, r.score, r.rated_at FROM case_ratings r "
        "JOIN cases k ON k.id = r.case_id JOIN customers c ON c.id = r.customer_id "
        "WHERE r.asked_at >= ? AND r.asked_at < ? AND r.rated_at IS NOT NULL "
        "AND r.comment <> '' ORDER BY r.rated_at DESC, r.id DESC LIMIT ?",
    [STMT_ACTIVITY_INSERT] = "INSERT INTO case_activity (case_id, at, author_id, kind, body, "
                             "old_state, new_state, attachment_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    [STMT_ACTIVITY_LIST] =
        "SELECT v.id, v.at, v.kind, v.body, COALESCE(v.old_state, ''), COALESCE(v.new_state, ''), "
        "COALESCE(u.name, ''), COALESCE(u.is_staff, 0), COALESCE(v.attachment_id, 0), "
        "COALESCE(f.filename, ''), v.via FROM case_activity v LEFT JOIN users u ON u.id = "
        "v.author_id "
        "LEFT JOIN attachments f ON f.id = v.attachment_id WHERE v.case_id = ? "
        "AND (? = 1 OR (v.kind <> 'note' AND COALESCE(f.internal, 0) = 0)) ORDER BY v.at, v.id",
    /*
     * The text begins with the customer's scope token (store/fts_scoped.h);
     * rowid: case id * 65536 + 0 for the case, + the count of its comments
     * (this one included) for a comment, none past 65,535 (migration 0008).
     */
    [STMT_CASE_SEARCH_INSERT_CASE] =
        "INSERT INTO case_search (rowid, body) VALUES (?1 * 65536, fts_scope_token(?2) || ?3)",
    [STMT_CASE_SEARCH_INSERT_COMMENT] =
        "INSERT INTO case_search (rowid, body) SELECT ?1 * 65536 + COUNT(*), "
        "fts_scope_token(?2) || ?3 FROM case_activity WHERE case_id = ?1 AND kind = 'comment' "
        "HAVING COUNT(*) BETWEEN 1 AND 65535",
    [STMT_ATTACHMENT_INSERT] =
        "INSERT INTO attachments (customer_id, case_id, sha256, size, mime, filename, internal, "
        "uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [STMT_ATTACHMENTS_OF_CASE] =
        "SELECT id, filename, size, mime, internal, created_at, sha256 FROM attachments "
        "WHERE case_id = ? AND (? = 1 OR internal = 0) ORDER BY id",
    [STMT_ATTACHMENT_GET] = "SELECT f.id, f.filename, f.size, f.mime, f.sha256, f.internal, "
                            "k.number FROM attachments f "
                            "JOIN cases k ON k.id = f.case_id WHERE f.id = ? AND k.number = ? "
                            "AND (? = 0 OR (f.customer_id = ? AND f.internal = 0))",
    [STMT_FILTER_SAVE] = "INSERT INTO case_filters (user_id, name, query, created_at) "
                         "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, name) DO UPDATE SET "
                         "query = excluded.query",
    [STMT_FILTERS_OF_USER] =
        "SELECT id, name, query FROM case_filters WHERE user_id = ? ORDER BY name",
    [STMT_FILTER_DELETE] = "DELETE FROM case_filters WHERE id = ? AND user_id = ?",
    [STMT_SERVICES_OF_CUSTOMER] =
        "SELECT s.id, s.name_ja, s.name_en FROM contracts k JOIN services s ON s.id = k.service_id "
        "WHERE k.customer_id = ? ORDER BY s.id",
    [STMT_STAFF_LIST] =
        "SELECT id, name FROM users WHERE is_staff = 1 AND disabled = 0 ORDER BY name",
    [STMT_CUSTOMER_CONTACTS] = "SELECT id, name, email, lang FROM users WHERE customer_id = ? "
                               "AND disabled = 0 ORDER BY is_admin DESC, name",
    [STMT_FILE_REFERENCED] = "SELECT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?) "
                             "OR EXISTS (SELECT 1 FROM kb_attachments WHERE sha256 = ?)",
    /* end cases */
    /* knowledge */
    /*
     * KB_VISIBLE is the one rule of what a customer sees (store/knowledge.h);
     * its parameters: now, customer id three times. KB_FILTER: language
     * twice, knowledge base, category and author twice each. The kb_fts
     * statements are SQLite's FTS5 (trigram); PostgreSQL has pg_trgm texts.
     */
    [STMT_KB_BASES_VISIBLE] =
        "SELECT b.id, COALESCE(b.service_id, 0), b.name_ja, b.name_en, COALESCE(s.name_ja, ''), "
        "COALESCE(s.name_en, ''), b.is_announcements FROM kb_bases b "
        "LEFT JOIN services s ON s.id = b.service_id WHERE " KB_BASE_VISIBLE
        " ORDER BY b.is_announcements, b.id",
    [STMT_KB_CATEGORIES_VISIBLE] =
        "SELECT c.id, c.kb_id, c.name_ja, c.name_en, c.position FROM kb_categories c "
        "JOIN kb_bases b ON b.id = c.kb_id WHERE " KB_BASE_VISIBLE
        " ORDER BY c.kb_id, c.position, c.id",
    [STMT_KB_AUTHORS_VISIBLE] =
        "SELECT u.id, u.name FROM users u WHERE u.is_staff = 1 AND EXISTS (SELECT 1 "
        "FROM kb_articles a WHERE a.author_id = u.id AND " KB_VISIBLE ") ORDER BY u.name, u.id",
    /*
     * Search. A search sorts its candidates (KB_CANDIDATES): every visible
     * match when there are no more than the cap, else the cap's worth (and
     * one) most recently added; the same statement counts them. Relevance
     * is bm25 when the index holds no more matches than the cap
     * (STMT_KB_FTS_COUNT says; bm25 reads every match of the index once);
     * beyond, articles with the words in their title first, then the
     * newest. Parameters: match, KB_VISIBLE, KB_FILTER, the cap, (the
     * title words,) limit, offset.
     */
    [STMT_KB_FTS_COUNT] =
        "SELECT COUNT(*) FROM (SELECT 1 FROM kb_fts WHERE kb_fts MATCH ? LIMIT ?) m",
    [STMT_KB_SEARCH_COUNT] = "SELECT COUNT(*) FROM (SELECT 1 " KB_FTS_FROM " WHERE kb_fts MATCH ? "
                             "AND " KB_VISIBLE " AND " KB_FILTER " LIMIT ?) m",
    /* bm25() must run in the query of the index. */
    [STMT_KB_SEARCH_RELEVANCE] =
        "SELECT id, COUNT(*) OVER () FROM (SELECT a.id AS id, bm25(kb_fts, 10.0, 1.0) AS "
        "score " KB_CANDIDATES ") m ORDER BY score, id DESC LIMIT ? OFFSET ?",
    [STMT_KB_SEARCH_TITLE_FIRST] =
        "SELECT id, COUNT(*) OVER () FROM (SELECT a.id AS id, a.sort_key AS k, a.published_at AS "
        "at " KB_CANDIDATES ") m ORDER BY CASE WHEN instr(k, ?) > 0 THEN 0 ELSE 1 END, at DESC, "
        "id DESC LIMIT ? OFFSET ?",
    [STMT_KB_SEARCH_VIEWS] =
        "SELECT id, COUNT(*) OVER () FROM (SELECT a.id AS id, a.views AS v " KB_CANDIDATES
        ") m ORDER BY v DESC, id DESC LIMIT ? OFFSET ?",
    [STMT_KB_SEARCH_NEWEST] =
        "SELECT id, COUNT(*) OVER () FROM (SELECT a.id AS id, a.published_at AS at " KB_CANDIDATES
        ") m ORDER BY at DESC, id DESC LIMIT ? OFFSET ?",
    [STMT_KB_SEARCH_ALPHA] =
        "SELECT id, COUNT(*) OVER () FROM (SELECT a.id AS id, a.sort_key AS k " KB_CANDIDATES
        ") m ORDER BY k, id LIMIT ? OFFSET ?",
    /* The list without a query walks an index in the order shown. */
    [STMT_KB_BROWSE_COUNT] = "SELECT COUNT(*) FROM (SELECT 1 FROM kb_articles a WHERE " KB_VISIBLE
                             " AND " KB_FILTER " LIMIT ?) m",
    [STMT_KB_BROWSE_VIEWS] = "SELECT a.id FROM kb_articles a WHERE " KB_VISIBLE " AND " KB_FILTER
                             " ORDER BY a.views DESC, a.id DESC LIMIT ? OFFSET ?",
    [STMT_KB_BROWSE_NEWEST] = "SELECT a.id FROM kb_articles a WHERE " KB_VISIBLE " AND " KB_FILTER
                              " ORDER BY a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
    [STMT_KB_BROWSE_ALPHA] = "SELECT a.id FROM kb_articles a WHERE " KB_VISIBLE " AND " KB_FILTER
                             " ORDER BY a.sort_key, a.id LIMIT ? OFFSET ?",
    [STMT_KB_HIT_GET] = KB_HIT_SELECT
    "FROM kb_articles a JOIN kb_texts t ON t.article_id = a.id" KB_JOINS " WHERE a.id = ?",
    /*
     * The marked titles and snippets of a page's hits (up to 20 ids: see
     * KB_MARKS_BATCH in store/knowledge.c), read in one pass over the
     * index between the smallest and the largest id: one lookup of the
     * query's terms instead of one per hit. The unary + keeps the list of
     * ids out of the index's constraints (it would look each one up).
     */
    [STMT_KB_MARKS] = "SELECT rowid, highlight(kb_fts, 0, ?, ?), snippet(kb_fts, 1, ?, ?, '…', 64) "
                      "FROM kb_fts WHERE kb_fts MATCH ? AND rowid BETWEEN ? AND ? AND +rowid IN "
                      "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [STMT_KB_ARTICLE_VISIBLE] = KB_ARTICLE_SELECT " WHERE a.number = ? AND " KB_VISIBLE,
    [STMT_KB_ARTICLE_VIEWED] = "UPDATE kb_articles SET views = views + 1 WHERE id = ?",
    [STMT_KB_BANNERS] =
        "SELECT a.id, a.number, a.title, a.published_at, COALESCE(a.show_from, 0), "
        "COALESCE(a.show_until, 0) FROM kb_articles a JOIN kb_bases b ON b.id = a.kb_id "
        "WHERE b.is_announcements = 1 AND " KB_VISIBLE " AND (a.show_from IS NULL OR "
        "a.show_from <= ?) AND (a.show_until IS NULL OR a.show_until > ?) AND NOT EXISTS "
        "(SELECT 1 FROM kb_dismissals d WHERE d.user_id = ? AND d.article_id = a.id) "
        "ORDER BY a.published_at DESC, a.id DESC LIMIT ?",
    [STMT_KB_ANNOUNCEMENTS_COUNT] =
        "SELECT COUNT(*) FROM kb_articles a JOIN kb_bases b ON b.id = a.kb_id "
        "WHERE b.is_announcements = 1 AND " KB_VISIBLE
        " AND (a.show_from IS NULL OR a.show_from <= ?)",
    [STMT_KB_ANNOUNCEMENTS_PAGE] =
        "SELECT a.id, a.number, a.title, a.published_at, COALESCE(a.show_from, 0), "
        "COALESCE(a.show_until, 0) FROM kb_articles a JOIN kb_bases b ON b.id = a.kb_id "
        "WHERE b.is_announcements = 1 AND " KB_VISIBLE " AND (a.show_from IS NULL OR "
        "a.show_from <= ?) ORDER BY CASE WHEN (a.show_from IS "
        "NULL OR a.show_from <= ?) AND (a.show_until IS NULL OR a.show_until > ?) THEN 0 ELSE 1 "
        "END, a.published_at DESC, a.id DESC LIMIT ? OFFSET ?",
    [STMT_KB_DISMISS] = "INSERT INTO kb_dismissals (user_id, article_id, at) VALUES (?, ?, ?) "
                        "ON CONFLICT (user_id, article_id) DO NOTHING",
    [STMT_KB_ATTACHMENTS_OF] = "SELECT id, article_id, filename, sha256, size, mime "
                               "FROM kb_attachments WHERE article_id = ? ORDER BY id",
    [STMT_KB_ATTACHMENT_GET] = "SELECT id, article_id, filename, sha256, size, mime "
                               "FROM kb_attachments WHERE id = ? AND article_id = ?",
    [STMT_KB_ATTACHMENT_ADD] = "INSERT INTO kb_attachments (article_id, filename, sha256, size, "
                               "mime, created_at) VALUES (?, ?, ?, ?, ?, ?)",
    [STMT_KB_ATTACHMENT_DELETE] = "DELETE FROM kb_attachments WHERE id = ? AND article_id = ?",
    [STMT_KB_BASES_ALL] =
        "SELECT b.id, COALESCE(b.service_id, 0), b.name_ja, b.name_en, COALESCE(s.name_ja, ''), "
        "COALESCE(s.name_en, ''), b.is_announcements FROM kb_bases b "
        "LEFT JOIN services s ON s.id = b.service_id ORDER BY b.is_announcements, b.id",
    [STMT_KB_CATEGORIES_ALL] = "SELECT c.id, c.kb_id, c.name_ja, c.name_en, c.position "
                               "FROM kb_categories c ORDER BY c.kb_id, c.position, c.id",
    [STMT_KB_BASE_INSERT] = "INSERT INTO kb_bases (service_id, name_ja, name_en, is_announcements, "
                            "created_at) VALUES (?, ?, ?, ?, ?)",
    [STMT_KB_CATEGORY_INSERT] =
        "INSERT INTO kb_categories (kb_id, name_ja, name_en, position) VALUES (?, ?, ?, ?)",
    [STMT_KB_BASE_GET] =
        "SELECT b.id, COALESCE(b.service_id, 0), b.name_ja, b.name_en, COALESCE(s.name_ja, ''), "
        "COALESCE(s.name_en, ''), b.is_announcements FROM kb_bases b "
        "LEFT JOIN services s ON s.id = b.service_id WHERE b.id = ?",
    [STMT_KB_CATEGORY_GET] =
        "SELECT id, kb_id, name_ja, name_en, position FROM kb_categories WHERE id = ?",
    /* Names compare as their unique indexes do (migration 0009). */
    [STMT_KB_BASE_NAME_TAKEN] =
        "SELECT EXISTS (SELECT 1 FROM kb_bases WHERE lower(name_ja) = lower(?) AND id <> ?), "
        "EXISTS (SELECT 1 FROM kb_bases WHERE lower(name_en) = lower(?) AND id <> ?)",
    [STMT_KB_CATEGORY_NAME_TAKEN] =
        "SELECT EXISTS (SELECT 1 FROM kb_categories WHERE kb_id = ? AND lower(name_ja) = lower(?) "
        "AND id <> ?), EXISTS (SELECT 1 FROM kb_categories WHERE kb_id = ? AND "
        "lower(name_en) = lower(?) AND id <> ?)",
    [STMT_KB_BASE_RENAME] = "UPDATE kb_bases SET name_ja = ?, name_en = ? WHERE id = ?",
    [STMT_KB_CATEGORY_UPDATE] =
        "UPDATE kb_categories SET name_ja = ?, name_en = ?, position = ? WHERE id = ?",
    [STMT_KB_BASE_USAGE] = "SELECT (SELECT COUNT(*) FROM kb_articles WHERE kb_id = ?), "
                           "(SELECT COUNT(*) FROM kb_categories WHERE kb_id = ?)",
    [STMT_KB_CATEGORY_ARTICLES] = "SELECT COUNT(*) FROM kb_articles WHERE category_id = ?",
    [STMT_KB_CATEGORY_MOVE_ARTICLES] =
        "UPDATE kb_articles SET category_id = ? WHERE category_id = ?",
    /* Deletes only what holds nothing: no row changes otherwise. */
    [STMT_KB_BASE_DELETE] =
        "DELETE FROM kb_bases WHERE id = ? AND NOT EXISTS (SELECT 1 FROM kb_articles WHERE "
        "kb_id = ?) AND NOT EXISTS (SELECT 1 FROM kb_categories WHERE kb_id = ?)",
    [STMT_KB_CATEGORY_DELETE] = "DELETE FROM kb_categories WHERE id = ? AND NOT EXISTS "
                                "(SELECT 1 FROM kb_articles WHERE category_id = ?)",
    [STMT_KB_ADMIN_COUNT] = "SELECT COUNT(*) FROM kb_articles WHERE (? = '' OR state = ?)",
    [STMT_KB_ADMIN_PAGE] =
        "SELECT a.id, a.number, a.title, a.lang, a.state, u.name, b.name_ja, b.name_en, a.views, "
        "a.updated_at FROM kb_articles a JOIN kb_bases b ON b.id = a.kb_id "
        "JOIN users u ON u.id = a.author_id WHERE (? = '' OR a.state = ?) "
        "ORDER BY a.updated_at DESC, a.id DESC LIMIT ? OFFSET ?",
    [STMT_KB_ARTICLE_GET] = KB_ARTICLE_SELECT " WHERE a.id = ?",
    [STMT_KB_ARTICLE_INSERT] =
        "INSERT INTO kb_articles (number, kb_id, category_id, lang, title, sort_key, author_id, "
        "state, show_from, show_until, target, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, lower(?), ?, 'draft', ?, ?, ?, ?, ?)",
    [STMT_KB_TEXT_INSERT] =
        "INSERT INTO kb_texts (article_id, title, plain, body) VALUES (?, ?, ?, ?)",
    [STMT_KB_ARTICLE_UPDATE] =
        "UPDATE kb_articles SET kb_id = ?, category_id = ?, lang = ?, title = ?, "
        "sort_key = lower(?), show_from = ?, show_until = ?, target = ?, updated_at = ? "
        "WHERE id = ?",
    [STMT_KB_TEXT_UPDATE] =
        "UPDATE kb_texts SET title = ?, plain = ?, body = ? WHERE article_id = ?",
    [STMT_KB_ARTICLE_SET_STATE] =
        "UPDATE kb_articles SET state = ?, published_at = CASE WHEN ? = 'published' AND "
        "published_at IS NULL THEN ? ELSE published_at END, updated_at = ? WHERE id = ?",
    [STMT_KB_TARGET_SERVICES_CLEAR] = "DELETE FROM kb_article_services WHERE article_id = ?",
    [STMT_KB_TARGET_SERVICE_ADD] =
        "INSERT INTO kb_article_services (article_id, service_id) VALUES (?, ?) "
        "ON CONFLICT (article_id, service_id) DO NOTHING",
    [STMT_KB_TARGET_SERVICES_OF] =
        "SELECT service_id FROM kb_article_services WHERE article_id = ? ORDER BY service_id",
    [STMT_KB_TARGET_CUSTOMERS_CLEAR] = "DELETE FROM kb_article_customers WHERE article_id = ?",
    [STMT_KB_TARGET_CUSTOMER_ADD] =
        "INSERT INTO kb_article_customers (article_id, customer_id) VALUES (?, ?) "
        "ON CONFLICT (article_id, customer_id) DO NOTHING",
    [STMT_KB_TARGET_CUSTOMERS_OF] =
        "SELECT t.customer_id, c.number FROM kb_article_customers t "
        "JOIN customers c ON c.id = t.customer_id WHERE t.article_id = ? ORDER BY c.number",
    /* customers, contracts and service links (console) */
    [STMT_CADM_CUSTOMER_GET] = "SELECT id, number, name FROM customers WHERE id = ?",
    [STMT_CADM_CUSTOMER_RENAME] = "UPDATE customers SET name = ? WHERE id = ?",
    [STMT_CADM_CONTRACTS] =
        "SELECT k.id, k.service_id, s.name_ja, s.name_en, k.kind, k.plan, k.start_date, "
        "COALESCE(k.renewal_date, ''), k.response_target_min, k.resolution_target_min "
        "FROM contracts k JOIN services s ON s.id = k.service_id "
        "WHERE k.customer_id = ? ORDER BY s.id",
    [STMT_CADM_CONTRACT_GET] =
        "SELECT k.id, k.customer_id, k.service_id, s.name_ja, s.name_en, k.kind, k.plan, "
        "k.start_date, COALESCE(k.renewal_date, ''), c.number, c.name, k.response_target_min, "
        "k.resolution_target_min FROM contracts k "
        "JOIN services s ON s.id = k.service_id JOIN customers c ON c.id = k.customer_id "
        "WHERE k.id = ?",
    [STMT_CADM_CONTRACT_UPDATE] = "UPDATE contracts SET service_id = ?, kind = ?, plan = ?, "
                                  "start_date = ?, renewal_date = ? WHERE id = ?",
    [STMT_CADM_SERVICES] =
        "SELECT id, code, name_ja, name_en, COALESCE(portal_url, ''), response_target_min, "
        "resolution_target_min FROM services ORDER BY id",
    [STMT_CADM_SERVICE_GET] =
        "SELECT id, code, name_ja, name_en, COALESCE(portal_url, ''), response_target_min, "
        "resolution_target_min FROM services WHERE id = ?",
    [STMT_CADM_SERVICE_SET_PORTAL] = "UPDATE services SET portal_url = ? WHERE id = ?",
    /* end knowledge */
    /* points */
    /* A customer has points when a contracted service has them or a period exists. */
    [STMT_POINTS_AVAILABLE] =
        "SELECT EXISTS (SELECT 1 FROM contracts k JOIN services s ON s.id = k.service_id WHERE "
        "k.customer_id = ? AND s.has_points = 1) OR EXISTS (SELECT 1 FROM point_periods WHERE "
        "customer_id = ?)",
    [STMT_POINT_PERIODS] =
        "SELECT p.id, p.customer_id, c.number, p.start_date, p.end_date, p.points, p.consumed "
        "FROM point_periods p JOIN customers c ON c.id = p.customer_id WHERE p.customer_id = ? "
        "ORDER BY p.start_date DESC, p.id DESC",
    [STMT_POINT_PERIOD_GET] =
        "SELECT p.id, p.customer_id, c.number, p.start_date, p.end_date, p.points, p.consumed "
        "FROM point_periods p JOIN customers c ON c.id = p.customer_id WHERE p.id = ? AND "
        "(? = 0 OR p.customer_id = ?)",
    [STMT_POINT_PERIOD_AT] =
        "SELECT p.id, p.customer_id, c.number, p.start_date, p.end_date, p.points, p.consumed "
        "FROM point_periods p JOIN customers c ON c.id = p.customer_id WHERE p.customer_id = ? "
        "AND p.start_date <= ? AND p.end_date >= ? ORDER BY p.start_date DESC LIMIT 1",
    [STMT_POINT_PERIOD_OVERLAPS] =
        "SELECT EXISTS (SELECT 1 FROM point_periods WHERE customer_id = ? AND id <> ? AND "
        "start_date <= ? AND end_date >= ?)",
    [STMT_POINT_PERIOD_INSERT] =
        "INSERT INTO point_periods (customer_id, start_date, end_date, points, consumed, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?)",
    [STMT_POINT_PERIOD_UPDATE] = "UPDATE point_periods SET start_date = ?, end_date = ?, "
                                 "points = ?, updated_at = ? WHERE id = ? AND customer_id = ?",
    /* Relative, so that the figure is right whatever another writer did before. */
    [STMT_POINT_PERIOD_CONSUME] =
        "UPDATE point_periods SET consumed = consumed + ?, updated_at = ? WHERE id = ?",
    [STMT_POINT_LEDGER_INSERT] =
        "INSERT INTO point_ledger (period_id, customer_id, at, actor_id, kind, points, "
        "request_id, case_id, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    [STMT_POINT_LEDGER_OF_PERIOD] =
        "SELECT l.id, l.at, l.kind, l.points, COALESCE(u.name, ''), COALESCE(w.number, ''), "
        "COALESCE(w.item_name_ja, ''), COALESCE(w.item_name_en, ''), COALESCE(k.number, ''), "
        "l.note FROM point_ledger l LEFT JOIN users u ON u.id = l.actor_id LEFT JOIN "
        "work_requests w ON w.id = l.request_id LEFT JOIN cases k ON k.id = l.case_id WHERE "
        "l.period_id = ? ORDER BY l.at, l.id",
    [STMT_POINT_LEDGER_SUM] =
        "SELECT COALESCE(SUM(points), 0) FROM point_ledger WHERE period_id = ?",
    [STMT_REVIEW_QUEUE_COUNT] = "SELECT COUNT(*) FROM work_requests WHERE state = ?",
    [STMT_REVIEW_QUEUE_PAGE] =
        "SELECT w.number, w.created_at, c.number, c.name, w.item_name_ja, w.item_name_en, "
        "w.points, COALESCE(u.name, ''), w.state, COALESCE(k.number, ''), w.overage, "
        "w.customer_id FROM "
        "work_requests w JOIN customers c ON c.id = w.customer_id LEFT JOIN users u ON u.id = "
        "w.requester_id LEFT JOIN cases k ON k.id = w.case_id WHERE w.state = ? ORDER BY "
        "w.created_at, w.id LIMIT ? OFFSET ?",
    /* Only from 'submitted': of two reviewers deciding at once, one changes the row. */
    [STMT_REVIEW_DECIDE] =
        "UPDATE work_requests SET state = ?, overage = ?, reason = ?, case_id = ?, "
        "reviewer_id = ?, reviewed_at = ? WHERE id = ? AND state = 'submitted'",
    [STMT_REVIEW_CARRY_FILES] =
        "UPDATE attachments SET case_id = ? WHERE request_id = ? AND customer_id = ?",
    [STMT_REVIEW_FILES_ACTIVITY] =
        "INSERT INTO case_activity (case_id, at, author_id, kind, body, attachment_id) SELECT "
        "?, ?, ?, 'attachment', '', id FROM attachments WHERE request_id = ? ORDER BY id",
    /* end points */
    /* work requests */
    /* The catalog: items per service in their order, and their form fields. */
    [STMT_WI_ALL] = "SELECT " WI_COLUMNS " ORDER BY s.id, i.position, i.id",
    [STMT_WI_GET] = "SELECT " WI_COLUMNS " WHERE i.id = ?",
    /* Appended to the end of its service's list. */
    [STMT_WI_INSERT] =
        "INSERT INTO work_items (service_id, position, name_ja, name_en, description_ja, "
        "description_en, points, created_at, updated_at) VALUES (?, (SELECT "
        "COALESCE(MAX(position), 0) + 1 FROM work_items WHERE service_id = ?), ?, ?, ?, ?, ?, ?, "
        "?)",
    /* Moved to another service, an item goes to the end of that service's list. */
    [STMT_WI_UPDATE] =
        "UPDATE work_items SET position = CASE WHEN service_id = ? THEN position ELSE (SELECT "
        "COALESCE(MAX(w.position), 0) + 1 FROM work_items w WHERE w.service_id = ?) END, "
        "service_id = ?, name_ja = ?, name_en = ?, description_ja = ?, description_en = ?, "
        "points = ?, updated_at = ? WHERE id = ?",
    [STMT_WI_NEIGHBOUR_UP] = "SELECT id, position FROM work_items WHERE service_id = ? AND "
                             "position < ? ORDER BY position DESC, id DESC LIMIT 1",
    [STMT_WI_NEIGHBOUR_DOWN] = "SELECT id, position FROM work_items WHERE service_id = ? AND "
                               "position > ? ORDER BY position, id LIMIT 1",
    [STMT_WI_SET_POSITION] = "UPDATE work_items SET position = ?, updated_at = ? WHERE id = ?",
    [STMT_WI_SET_RETIRED] = "UPDATE work_items SET retired = ?, updated_at = ? WHERE id = ?",
    /* What a customer may order: offered items of the services it has a contract for. */
    [STMT_WI_CATALOG] = "SELECT " WI_COLUMNS " WHERE i.retired = 0 AND " WI_CONTRACTED
                        " ORDER BY s.id, i.position, i.id",
    [STMT_WI_FOR_CUSTOMER] =
        "SELECT " WI_COLUMNS " WHERE i.id = ? AND i.retired = 0 AND " WI_CONTRACTED,
    [STMT_WF_OF_ITEM] = "SELECT " WF_COLUMNS " WHERE item_id = ? AND (? = 1 OR retired = 0) "
                        "ORDER BY position, id",
    [STMT_WF_GET] = "SELECT " WF_COLUMNS " WHERE id = ? AND item_id = ?",
    [STMT_WF_INSERT] =
        "INSERT INTO work_item_fields (item_id, position, kind, label_ja, label_en, choices_ja, "
        "choices_en, required) VALUES (?, (SELECT COALESCE(MAX(position), 0) + 1 FROM "
        "work_item_fields WHERE item_id = ?), ?, ?, ?, ?, ?, ?)",
    [STMT_WF_UPDATE] = "UPDATE work_item_fields SET kind = ?, label_ja = ?, label_en = ?, "
                       "choices_ja = ?, choices_en = ?, required = ? WHERE id = ? AND item_id = ?",
    [STMT_WF_NEIGHBOUR_UP] = "SELECT id, position FROM work_item_fields WHERE item_id = ? AND "
                             "position < ? ORDER BY position DESC, id DESC LIMIT 1",
    [STMT_WF_NEIGHBOUR_DOWN] = "SELECT id, position FROM work_item_fields WHERE item_id = ? AND "
                               "position > ? ORDER BY position, id LIMIT 1",
    [STMT_WF_SET_POSITION] = "UPDATE work_item_fields SET position = ? WHERE id = ?",
    [STMT_WF_SET_RETIRED] = "UPDATE work_item_fields SET retired = ? WHERE id = ? AND item_id = ?",
    /* Requests, with their own copy of the item's name, cost and questions. */
    [STMT_WR_INSERT] =
        "INSERT INTO work_requests (number, customer_id, service_id, item_id, requester_id, "
        "item_name_ja, item_name_en, points, state, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
        "'submitted', ?)",
    [STMT_WR_ANSWER_INSERT] = "INSERT INTO work_request_answers (request_id, position, kind, "
                              "label_ja, label_en, value) VALUES (?, ?, ?, ?, ?, ?)",
    [STMT_WR_ATTACHMENT_INSERT] =
        "INSERT INTO attachments (customer_id, case_id, request_id, sha256, size, mime, "
        "filename, internal, uploaded_by, created_at) "
        "SELECT w.customer_id, NULL, w.id, ?3, ?4, ?5, ?6, 0, ?7, ?8 FROM work_requests w "
        "WHERE w.customer_id = ?1 AND w.id = ?2",
    [STMT_WR_COUNT] = "SELECT COUNT(*) FROM work_requests WHERE customer_id = ?",
    [STMT_WR_PAGE] = "SELECT " WR_COLUMNS " WHERE w.customer_id = ? "
                     "ORDER BY w.created_at DESC, w.id DESC LIMIT ? OFFSET ?",
    [STMT_WR_GET] = "SELECT " WR_COLUMNS " WHERE w.number = ? AND (? = 0 OR w.customer_id = ?)",
    [STMT_WR_ANSWERS] = "SELECT kind, label_ja, label_en, value FROM work_request_answers "
                        "WHERE request_id = ? ORDER BY position, id",
    [STMT_WR_ATTACHMENTS] = "SELECT id, filename, size, mime, sha256, created_at FROM "
                            "attachments WHERE request_id = ? ORDER BY id",
    [STMT_WR_ATTACHMENT_GET] =
        "SELECT f.id, f.filename, f.size, f.mime, f.sha256, f.created_at FROM attachments f "
        "JOIN work_requests w ON w.id = f.request_id WHERE f.id = ? AND w.number = ? AND "
        "(? = 0 OR (w.customer_id = ? AND f.customer_id = ?))",
    /* end work requests */
    /* mail */
    [STMT_OUTBOX_INSERT] =
        "INSERT INTO outbox (created_at, to_addr, to_name, lang, subject, body_text, attempts, "
        "next_attempt_at, reply_to) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)",
    [STMT_OUTBOX_DUE] = "SELECT id FROM outbox WHERE sent_at IS NULL AND next_attempt_at <= ? "
                        "AND (claimed_until IS NULL OR claimed_until < ?) "
                        "ORDER BY next_attempt_at, id LIMIT ?",
    [STMT_OUTBOX_CLAIM] =
        "UPDATE outbox SET claimed_until = ? WHERE id = ? AND sent_at IS NULL "
        "AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)",
    [STMT_OUTBOX_GET] =
        "SELECT created_at, to_addr, to_name, lang, subject, body_text, attempts, "
        "next_attempt_at, claimed_until, sent_at, last_error, reply_to FROM outbox WHERE id = ?",
    [STMT_OUTBOX_SENT] =
        "UPDATE outbox SET attempts = attempts + 1, sent_at = ?, claimed_until = NULL "
        "WHERE id = ? AND sent_at IS NULL",
    [STMT_OUTBOX_FAILED] =
        "UPDATE outbox SET attempts = attempts + 1, last_error = ?, "
        "next_attempt_at = ?, claimed_until = NULL WHERE id = ? AND sent_at IS NULL",
    [STMT_OUTBOX_PENDING] = "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL",
    /* end mail */
    /* operations: readiness and metrics */
    [STMT_OPS_READY] = "SELECT COUNT(*) FROM schema_migrations",
    [STMT_OPS_OUTBOX_DEPTH] = "SELECT COALESCE(SUM(last_error IS NULL), 0), "
                              "COALESCE(SUM(last_error IS NOT NULL), 0) "
                              "FROM outbox WHERE sent_at IS NULL",
    [STMT_OPS_SESSIONS_ACTIVE] =
        "SELECT COUNT(*) FROM sessions WHERE seen_at >= ? AND created_at >= ?",
    [STMT_OPS_DB_BYTES] = "SELECT p.page_count * s.page_size "
                          "FROM pragma_page_count() p, pragma_page_size() s",
    /* end operations */
    /* backup */
    /* One read transaction: a consistent copy while the portal writes on. */
    [STMT_BACKUP_INTO] = "VACUUM INTO ?",
    [STMT_BACKUP_DROP_SESSIONS] = "DELETE FROM sessions",
    /* Every stored file a row refers to, once per content and size. */
    [STMT_BACKUP_FILES] = "SELECT sha256, size, COUNT(*) FROM ("
                          "SELECT sha256, size FROM attachments "
                          "UNION ALL SELECT sha256, size FROM kb_attachments) "
                          "GROUP BY sha256, size ORDER BY sha256, size",
    [STMT_INTEGRITY_CHECK] = "PRAGMA integrity_check",
    /* end backup */
    /* monthly reports: the month's bounds are [from, to) in UTC seconds */
    [STMT_REPORT_CUSTOMER] = "SELECT number, name FROM customers WHERE id = ?",
    /* The report's own deliveries (月次レポート送付) are not counted in it. */
    [STMT_REPORT_OPENED] = "SELECT COUNT(*) FROM cases WHERE customer_id = ? AND created_at >= ? "
                           "AND created_at < ? AND category <> 'monthly_report'",
    [STMT_REPORT_CLOSED] = "SELECT COUNT(*) FROM cases WHERE customer_id = ? AND closed_at >= ? "
                           "AND closed_at < ? AND category <> 'monthly_report'",
    [STMT_REPORT_RATING] = "SELECT COUNT(*), COUNT(score), COALESCE(SUM(score), 0) FROM "
                           "case_ratings WHERE customer_id = ? AND asked_at >= ? AND asked_at < ?",
    [STMT_REPORT_POINTS] = "SELECT COALESCE(SUM(points), 0) FROM point_ledger "
                           "WHERE customer_id = ? AND at >= ? AND at < ?",
    [STMT_REPORT_CASES] =
        "SELECT number, subject, category, state, created_at, COALESCE(closed_at, 0) FROM cases "
        "WHERE customer_id = ? AND category <> 'monthly_report' AND ((created_at >= ? AND "
        "created_at < ?) OR (closed_at >= ? AND closed_at < ?)) ORDER BY number LIMIT ?",
    [STMT_REPORT_OVERVIEW] =
        "SELECT c.id, c.number, c.name, (SELECT COUNT(*) FROM cases k WHERE k.customer_id = c.id "
        "AND k.created_at >= ? AND k.created_at < ? AND k.category <> 'monthly_report'), "
        "(SELECT COUNT(*) FROM cases k WHERE k.customer_id = c.id AND k.closed_at >= ? AND "
        "k.closed_at < ? AND k.category <> 'monthly_report'), COALESCE((SELECT n.number FROM "
        "report_deliveries d JOIN cases n ON n.id = d.case_id WHERE d.customer_id = c.id AND "
        "d.month = ?), '') FROM customers c ORDER BY c.number LIMIT ? OFFSET ?",
    /* Customers whose contract had begun by the month's last day, not yet sent the month. */
    [STMT_REPORT_DUE] =
        "SELECT c.id FROM customers c WHERE EXISTS (SELECT 1 FROM contracts k WHERE "
        "k.customer_id = c.id AND k.start_date <= ?) AND NOT EXISTS (SELECT 1 FROM "
        "report_deliveries d WHERE d.customer_id = c.id AND d.month = ?) ORDER BY c.id LIMIT ?",
    [STMT_REPORT_CLAIM] = "INSERT INTO report_deliveries (customer_id, month, created_at) "
                          "VALUES (?, ?, ?) ON CONFLICT (customer_id, month) DO NOTHING",
    [STMT_REPORT_CLAIM_CASE] = "UPDATE report_deliveries SET case_id = ? WHERE id = ?",
    [STMT_REPORT_DELIVERED] =
        "SELECT k.number FROM report_deliveries d JOIN cases k ON k.id = d.case_id "
        "WHERE d.customer_id = ? AND d.month = ?",
    [STMT_REPORT_UNTARGET] = "UPDATE cases SET response_target_min = NULL, "
                             "resolution_target_min = NULL WHERE id = ?",
    /* end monthly reports */
    /* service levels */
    [STMT_SLA_SERVICE_SET] =
        "UPDATE services SET response_target_min = ?, resolution_target_min = ? WHERE id = ?",
    [STMT_SLA_CONTRACT_SET] =
        "UPDATE contracts SET response_target_min = ?, resolution_target_min = ? WHERE id = ?",
/* end service levels */
#include "store/stmt_channels.inc"
};
