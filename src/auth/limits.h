/* The numbers of the account-security rules (SPEC §2), in one place. */
#ifndef MADOGUCHI_AUTH_LIMITS_H
#define MADOGUCHI_AUTH_LIMITS_H

#define LOCK_FAILURES        5         /* consecutive wrong passwords that lock a user ID */
#define LOCK_SECONDS         (20 * 60) /* and for how long */
#define IP_WINDOW_SECONDS    (15 * 60) /* password-spraying throttle: */
#define IP_FAILURE_LIMIT     30        /* failed sign-ins per source address and window */
#define RESET_FAILURES       5         /* failed reset verifications that block reset */
#define RESET_BLOCK_SECONDS  (20 * 60)
#define RESET_PAUSE_SECONDS  (24 * 3600) /* no reset for this long after a completed one */
#define RESET_TOKEN_SECONDS  3600
#define INVITE_TOKEN_SECONDS (72 * 3600)
#define EMAIL_TOKEN_SECONDS  (24 * 3600)
#define MFA_CODE_SECONDS     (5 * 60) /* e-mail codes live this long */
#define MFA_RESEND_SECONDS   30
#define MFA_FAILURES         5          /* wrong codes before the sign-in starts over */
#define MFA_STAGE_SECONDS    600        /* a sign-in waiting for its second factor lapses */
#define TRUST_SECONDS        (8 * 3600) /* "trust this browser for 8 hours" */
#define TRUST_COOKIE         "mg_trust"

#endif
