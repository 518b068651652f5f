// Multi-factor sign-in (SPEC §2): an authenticator app (TOTP, RFC 6238) set
// up from /profile/mfa — the QR code decoded with zbarimg, the codes computed
// here with node:crypto, never by the portal — and 6-digit codes by e-mail
// (a real SMTP server of the test's own) for users whose admin made MFA
// mandatory; both methods, trusted browsers, removal. Time moves with the
// test clock.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, cookie, launchBrowser, navigating, newContext, signOut, submitLogin, watchErrors } from './lib/browser.mjs';
import { request } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';
import { base32Decode, hotp, stepAt, totp } from './lib/totp.mjs';

const MIN = 60;
const HOUR = 3600;

const MFA_TITLE = '本人確認を行う';
const WRONG_CODE = 'コードが正しくないか、有効期限が切れています。';
const RESTART = '検証コードの誤りが多すぎるか、ログインに時間がかかりすぎました。もう一度ログインしてください。';
const WAIT_RESEND = 'コードの再送信は、しばらく待ってから行ってください。';
const BY_APP = '認証アプリから検証コードを取得';
const BY_MAIL = '以下に送信された検証コードを取得';
const SWITCH = '別の確認方法をお試しください';
const TRUST = '今後8時間、このブラウザのMFAを試さないでください';
const RESEND_READY = 'コードを再送信';

/** Console errors other than the ones Chromium logs for the 4xx answers the tests ask for. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

const emailOf = (account) => account.id.replace(/\.cs$/, '');


// RFC 6238 appendix B, SHA-1: the implementation is checked before it checks the portal.
test('our TOTP matches the RFC 6238 test vectors', () => {
  const key = Buffer.from('12345678901234567890');
  const hotp8 = (counter) => {
    const msg = Buffer.alloc(8);
    msg.writeBigUInt64BE(BigInt(counter));
    const mac = crypto.createHmac('sha1', key).update(msg).digest();
    const o = mac[mac.length - 1] & 0x0f;
    return String((mac.readUInt32BE(o) & 0x7fffffff) % 100_000_000).padStart(8, '0');
  };
  assert.equal(hotp8(stepAt(59)), '94287082');
  assert.equal(hotp8(stepAt(1111111109)), '07081804');
  assert.equal(hotp8(stepAt(2000000000)), '69279037');
  // RFC 4226 appendix D: 6 digits.
  assert.equal(hotp(key, 0), '755224');
  assert.equal(hotp(key, 9), '520489');
  assert.deepEqual(base32Decode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'), key);
});

// ---- the portal ----

let srv;
let mail;
let browser;
let tmp;
let now = 0;
function advance(seconds) {
  now += seconds;
  srv.setClockOffset(now);
}
/** The server's time in seconds. */
const serverNow = () => Math.floor(Date.now() / 1000) + now;

before(async () => {
  mail = await startSmtp();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-mfa-'));
  [srv, browser] = await Promise.all([startServer({ clock: true, args: ['--smtp-url', mail.url] }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await mail?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function freshPage() {
  const context = await newContext(browser, srv.baseURL);
  const page = await context.newPage();
  return { context, page };
}

/** Clicks the submit button of the form posting to action; returns the status of that POST. */
async function submitForm(page, action, { button = 'button[type="submit"]' } = {}) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action);
  await navigating(page, () => page.locator(`form[action="${action}"] ${button}`).first().click());
  return (await response).status();
}

const pathOf = (page) => new URL(page.url()).pathname;
const mainText = async (page) => (await page.locator('main').textContent()) || '';

/** A 6-digit code that is none of the codes of the steps around the server's time. */
function wrongCode(secret) {
  const near = new Set([-2, -1, 0, 1, 2].map((d) => hotp(base32Decode(secret), stepAt(serverNow()) + d)));
  let n = 123456;
  while (near.has(String(n).padStart(6, '0'))) n = (n + 1) % 1_000_000;
  return String(n).padStart(6, '0');
}

/** The password step; returns after the page that follows has loaded. */
async function passwordStep(page, userId) {
  await page.goto('/login');
  await submitLogin(page, userId, DEMO_PASSWORD);
}

/** Enters a code on the MFA page; returns the status of the POST. */
async function enterCode(page, code, { trust = false } = {}) {
  await page.locator('#code').fill(code);
  if (trust) await page.locator('#trust').check();
  return submitForm(page, '/login/mfa');
}

/** The 6-digit code of the next sign-in mail to address. */
async function mailedCode(address) {
  const m = await mail.next(address);
  assert.equal(m.subject, '検証コードのお知らせ');
  const codes = [...m.text.matchAll(/(?<!\d)(\d{6})(?!\d)/g)].map((x) => x[1]);
  assert.equal(codes.length, 1, `one 6-digit code in the mail:\n${m.text}`);
  assert.ok(m.text.includes(`検証コードは ${codes[0]} です。`), m.text);
  return codes[0];
}

/**
 * Sets up the authenticator app of the signed-in user of page from
 * /profile/mfa: reads the secret, decodes the QR code with zbarimg, pairs
 * with a code of our own. Returns {secret, uri}.
 */
async function setUpTotp(page, account, { a11y = false } = {}) {
  await page.goto('/profile/mfa');
  assert.equal(await page.locator('h1').textContent(), '多要素認証');
  if (a11y) await checkA11y(page, { label: '/profile/mfa (no app)' });
  assert.equal(await page.locator('form[action="/profile/mfa/start"] button').textContent(), '認証アプリをセットアップ');
  await submitForm(page, '/profile/mfa/start');
  assert.equal(pathOf(page), '/profile/mfa');
  if (a11y) await checkA11y(page, { label: '/profile/mfa (pairing)' });

  const secret = (await page.locator('code.secret[data-testid="totp-secret"]').textContent()).trim();
  assert.match(secret, /^[A-Z2-7]{32}$/, 'a 160-bit secret in base32');
  const qr = page.locator('svg.qr');
  assert.equal(await qr.getAttribute('role'), 'img');
  assert.ok(await qr.getAttribute('aria-label'));
  const png = path.join(tmp, `qr-${account.id}.png`);
  await qr.screenshot({ path: png });
  let out;
  try {
    out = execFileSync('zbarimg', ['--raw', '-q', png], { encoding: 'utf8' });
  } catch (e) {
    if (e.code === 'ENOENT') throw new Error('zbarimg not found: apt-get install zbar-tools');
    throw new Error(`zbarimg could not read the QR code (exit ${e.status}): ${e.stderr}`);
  }
  const uri = out.trim();
  const u = new URL(uri);
  assert.equal(u.protocol, 'otpauth:');
  assert.equal(u.host, 'totp');
  assert.equal(u.searchParams.get('secret'), secret, 'the QR code carries another secret than the text');
  assert.equal(u.searchParams.get('algorithm') ?? 'SHA1', 'SHA1');
  assert.equal(u.searchParams.get('digits') ?? '6', '6');
  assert.equal(u.searchParams.get('period') ?? '30', '30');
  const issuer = u.searchParams.get('issuer');
  assert.ok(issuer, 'the URI names the issuer');
  assert.equal(decodeURIComponent(u.pathname.slice(1)), `${issuer}:${account.id}`, 'label "issuer:user ID"');

  // A wrong code does not pair.
  await page.locator('#code').fill(wrongCode(secret));
  assert.equal(await submitForm(page, '/profile/mfa/confirm'), 422);
  assert.ok((await mainText(page)).includes('コードが正しくありません。'));
  assert.equal(await page.locator('code.secret').textContent(), secret, 'the pending secret changed');

  const code = totp(secret, serverNow());
  await page.locator('#code').fill(code);
  await submitForm(page, '/profile/mfa/confirm');
  assert.equal(new URL(page.url()).searchParams.get('enabled'), '1');
  assert.ok((await mainText(page)).includes('認証アプリをセットアップしました。'));
  assert.equal(await page.locator('code.secret').count(), 0, 'the secret is still shown after pairing');
  if (a11y) await checkA11y(page, { label: '/profile/mfa (set up)' });
  return { secret, code };
}

/** A customer admin makes MFA mandatory for a user through /contacts/:id. */
async function requireMfa(admin, account, t) {
  const { context, page } = await freshPage();
  try {
    await passwordStep(page, admin.id);
    const res = await page.goto(`/contacts?q=${encodeURIComponent(account.id)}`);
    if (res.status() === 404) {
      t.skip('/contacts is not there yet');
      return false;
    }
    const row = page.locator('table tbody tr', { hasText: account.id }).first();
    const href = await row.locator('a[href^="/contacts/"]').first().getAttribute('href');
    await page.goto(href);
    await page.locator('#mfa_required').check();
    await submitForm(page, href, { button: 'button[type="submit"]' });
    assert.equal(new URL(page.url()).searchParams.get('saved'), '1', `saving the contact: ${await mainText(page)}`);
    assert.equal(await page.locator('#mfa_required').isChecked(), true);
    return true;
  } finally {
    await context.close();
  }
}

describe('authenticator app (TOTP)', () => {
  const user = ACCOUNTS.aobaUser;
  let secret;
  let pairingCode;

  test('set up from /profile/mfa: the QR code and the text carry the same secret; a code pairs', async () => {
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await passwordStep(page, user.id);
      ({ secret, code: pairingCode } = await setUpTotp(page, user, { a11y: true }));
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });

  test('sign-in asks for a code: wrong and replayed codes refused, the next step works; the session id changes twice', async () => {
    assert.ok(secret, 'no app set up');
    const { context, page } = await freshPage();
    try {
      await page.goto('/login');
      const before = (await cookie(context, 'mg_session'))?.value;
      await submitLogin(page, user.id, DEMO_PASSWORD);
      assert.equal(pathOf(page), '/login/mfa');
      assert.equal(await page.locator('h1').textContent(), MFA_TITLE);
      assert.ok((await mainText(page)).includes('認証アプリに表示されたコードを入力します'));
      assert.equal(await page.locator('label[for="trust"]').textContent(), TRUST);
      await checkA11y(page, { label: 'MFA sign-in (app)' });
      const stagedCookie = await cookie(context, 'mg_session');
      const staged = stagedCookie?.value;
      assert.ok(staged, 'no cookie after the password step');
      assert.equal(stagedCookie.httpOnly, true);
      assert.ok(['Lax', 'Strict'].includes(stagedCookie.sameSite), `SameSite=${stagedCookie.sameSite}`);
      assert.notEqual(staged, before);
      // The password step alone opens nothing.
      const peek = await request(srv.baseURL, '/services', { headers: { Cookie: `mg_session=${staged}` } });
      assert.equal(peek.status, 303, 'the session of the password step alone reaches a page');
      assert.match(peek.headers.location, /^\/login/);

      assert.equal(await enterCode(page, wrongCode(secret)), 401);
      assert.ok((await mainText(page)).includes(WRONG_CODE));
      assert.equal(pathOf(page), '/login/mfa');

      // The pairing code, in its own 30-second step: already used.
      assert.equal(await enterCode(page, pairingCode), 401, 'the pairing code was accepted a second time');
      assert.ok((await mainText(page)).includes(WRONG_CODE));

      advance(30);
      await enterCode(page, totp(secret, serverNow()));
      assert.equal(pathOf(page), '/', `the next step's code was refused: ${await mainText(page)}`);
      const full = (await cookie(context, 'mg_session'))?.value;
      assert.ok(full);
      assert.notEqual(full, staged, 'the session id did not change after the MFA step');
      const after = await request(srv.baseURL, '/services', { headers: { Cookie: `mg_session=${staged}` } });
      assert.equal(after.status, 303, 'the id of the password step still works');
    } finally {
      await context.close();
    }
  });

  test('a user with an app may take the e-mail code instead (the phone is away)', async () => {
    assert.ok(secret, 'no app set up');
    const address = emailOf(user);
    const { context, page } = await freshPage();
    try {
      mail.skip(address);
      await passwordStep(page, user.id);
      assert.ok((await mainText(page)).includes('認証アプリに表示されたコードを入力します'));
      const other = page.locator('form[action="/login/mfa/method"] button', { hasText: SWITCH });
      assert.equal(await other.count(), 1, 'no way to the e-mail code');
      await navigating(page, () => other.click());
      assert.ok((await mainText(page)).includes('メールに送信されたコードを入力します'));
      await enterCode(page, await mailedCode(address));
      assert.equal(pathOf(page), '/');
    } finally {
      await context.close();
    }
  });

  test('"trust this browser for 8 hours" skips MFA at the next sign-in, and no longer after 8 h 1 min', async () => {
    const { context, page } = await freshPage();
    try {
      advance(30);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/login/mfa');
      await enterCode(page, totp(secret, serverNow()), { trust: true });
      assert.equal(pathOf(page), '/');
      const trust = await cookie(context, 'mg_trust');
      assert.ok(trust, 'no trust cookie');
      assert.equal(trust.httpOnly, true);
      assert.ok(['Lax', 'Strict'].includes(trust.sameSite), `SameSite=${trust.sameSite}`);
      const hours = (trust.expires - Date.now() / 1000) / HOUR;
      assert.ok(hours > 7.9 && hours <= 8.01, `the trust cookie lives ${hours} hours`);

      await signOut(page);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/', 'a trusted browser was asked for MFA');

      // Another browser is not trusted.
      const other = await freshPage();
      try {
        await passwordStep(other.page, user.id);
        assert.equal(pathOf(other.page), '/login/mfa');
      } finally {
        await other.context.close();
      }

      await signOut(page);
      advance(8 * HOUR + MIN);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/login/mfa', 'the browser is still trusted after 8 hours');
      await enterCode(page, totp(secret, serverNow()));
      assert.equal(pathOf(page), '/');
    } finally {
      await context.close();
    }
  });

  test('removing the app from the profile needs the current password', async () => {
    const { context, page } = await freshPage();
    try {
      advance(30);
      await passwordStep(page, user.id);
      await enterCode(page, totp(secret, serverNow()));
      assert.equal(pathOf(page), '/');
      await page.goto('/profile/mfa');
      assert.ok((await mainText(page)).includes('認証アプリがセットアップされています。'));
      const form = page.locator('form[action="/profile/mfa/remove"]');
      assert.equal(await form.getAttribute('data-confirm'), '認証アプリを解除しますか?');
      page.on('dialog', (d) => d.accept());

      await page.locator('#current').fill('Not#The-Password1');
      assert.equal(await submitForm(page, '/profile/mfa/remove'), 422);
      assert.ok((await mainText(page)).includes('現在のパスワードが正しくありません。'));
      assert.ok((await mainText(page)).includes('認証アプリがセットアップされています。'), 'removed with a wrong password');

      await page.locator('#current').fill(DEMO_PASSWORD);
      await submitForm(page, '/profile/mfa/remove');
      assert.equal(new URL(page.url()).searchParams.get('removed'), '1');
      assert.ok((await mainText(page)).includes('認証アプリを解除しました。'));
      assert.equal(await page.locator('form[action="/profile/mfa/start"]').count(), 1);

      await signOut(page);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/', 'MFA still asked after removal');
    } finally {
      await context.close();
    }
  });
});

describe('codes by e-mail (MFA made mandatory by the admin)', () => {
  const user = ACCOUNTS.kamomeUser;
  const address = emailOf(user);
  let mandatory = false;

  test('the customer admin makes MFA mandatory', async (t) => {
    mandatory = await requireMfa(ACCOUNTS.kamomeAdmin, user, t);
  });

  test('the code arrives by mail; resend waits 30 s with a countdown; the resent code replaces the first; 5 min validity', async (t) => {
    if (!mandatory) return t.skip('MFA could not be made mandatory');
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      mail.skip(address);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/login/mfa');
      assert.equal(await page.locator('h1').textContent(), MFA_TITLE);
      const info = await page.locator('main [role="status"]').first().textContent();
      assert.match(info, /6桁の検証コードが.*に送信されました。このコードは、今から5分間有効です。/);
      assert.ok(!info.includes(address), 'the address is shown in full');
      const first = await mailedCode(address);
      await checkA11y(page, { label: 'MFA sign-in (e-mail)' });

      // The resend button counts down, disabled.
      const resend = page.locator('form[action="/login/mfa/resend"] button');
      assert.equal(await resend.isDisabled(), true, 'resend offered at once');
      const t1 = await resend.textContent();
      await page.waitForTimeout(2200);
      const t2 = await resend.textContent();
      const n1 = Number(/(\d+)/.exec(t1)?.[1]);
      const n2 = Number(/(\d+)/.exec(t2)?.[1]);
      assert.ok(n1 > 0 && n1 <= 30, `countdown text: ${t1}`);
      assert.ok(n2 < n1, `the countdown does not move: ${t1} → ${t2}`);
      assert.equal(await resend.isDisabled(), true);

      // A wrong code.
      const wrong = first === '000000' ? '111111' : '000000';
      assert.equal(await enterCode(page, wrong), 401);
      assert.equal((await mainText(page)).split(WRONG_CODE).length - 1, 1, 'the code error is not shown exactly once');

      // Forcing the button before 30 s: refused by the server, nothing sent.
      await page.locator('form[action="/login/mfa/resend"] button').evaluate((b) => b.removeAttribute('disabled'));
      assert.equal(await submitForm(page, '/login/mfa/resend'), 429);
      assert.equal((await mainText(page)).split(WAIT_RESEND).length - 1, 1, 'the resend error is not shown exactly once');
      await mail.none(address, 1500);

      // After 30 s: resend works and a new code comes.
      advance(30);
      await page.goto('/login/mfa');
      assert.equal(await resend.isDisabled(), false, 'resend still disabled after 30 s');
      assert.equal((await resend.textContent()).trim(), RESEND_READY);
      await submitForm(page, '/login/mfa/resend');
      assert.equal(pathOf(page), '/login/mfa');
      const second = await mailedCode(address);
      assert.equal(await resend.isDisabled(), true, 'the countdown starts again after a resend');

      // The first code no longer counts (unless the two happen to be equal).
      if (second !== first) {
        assert.equal(await enterCode(page, first), 401, 'the replaced code still works');
      }

      // Single use: keep the cookies of this attempt to replay the code afterwards.
      const jarCookies = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
      const csrf = await page.locator('form[action="/login/mfa"] input[name="csrf"]').inputValue();

      // 4 min 40 s after it was sent, the second code still works.
      advance(280);
      await enterCode(page, second);
      assert.equal(pathOf(page), '/', `a valid code was refused: ${await mainText(page)}`);
      assert.deepEqual(unexpected(errors), []);

      const replay = await request(srv.baseURL, '/login/mfa', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: jarCookies },
        body: new URLSearchParams({ csrf, code: second }).toString(),
      });
      assert.equal(replay.status, 303, `the replay answered ${replay.status}`);
      assert.match(replay.headers.location, /^\/login\?restart=1$/, 'the code was accepted a second time');
      assert.ok(!(replay.headers['set-cookie'] || []).some((c) => /^mg_session=[^;]+/.test(c)), 'a replayed code gave a session');
    } finally {
      await context.close();
    }
  });

  test('codes are bound to their sign-in attempt and expire after 5 minutes', async (t) => {
    if (!mandatory) return t.skip('MFA could not be made mandatory');
    const b = await freshPage();
    const c = await freshPage();
    try {
      mail.skip(address);
      await passwordStep(b.page, user.id);
      const codeB = await mailedCode(address);
      await passwordStep(c.page, user.id);
      const codeC = await mailedCode(address);
      assert.equal(pathOf(b.page), '/login/mfa');
      assert.equal(pathOf(c.page), '/login/mfa');

      if (codeB !== codeC) {
        assert.equal(await enterCode(c.page, codeB), 401, "another attempt's code was accepted");
        assert.equal(pathOf(c.page), '/login/mfa');
      }

      advance(5 * MIN + 1);
      assert.equal(await enterCode(b.page, codeB), 401, 'a code older than 5 minutes was accepted');
      assert.ok((await mainText(b.page)).includes(WRONG_CODE));
      // The attempt goes on with a new code.
      await submitForm(b.page, '/login/mfa/resend');
      const codeB2 = await mailedCode(address);
      await enterCode(b.page, codeB2);
      assert.equal(pathOf(b.page), '/');
    } finally {
      await b.context.close();
      await c.context.close();
    }
  });

  test('wrong codes are limited to 5 per attempt, and a resend does not reset the count', async (t) => {
    if (!mandatory) return t.skip('MFA could not be made mandatory');
    const { context, page } = await freshPage();
    try {
      mail.skip(address);
      advance(60);
      await passwordStep(page, user.id);
      const code = await mailedCode(address);
      const wrong = (k) => {
        let n = (Number(code) + 1 + k) % 1_000_000;
        return String(n).padStart(6, '0');
      };
      for (let i = 0; i < 4; i++) {
        assert.equal(await enterCode(page, wrong(i)), 401, `wrong code ${i + 1}`);
        assert.equal(pathOf(page), '/login/mfa');
      }
      advance(31);
      await page.goto('/login/mfa');
      await submitForm(page, '/login/mfa/resend');
      const fresh = await mailedCode(address);
      // The 5th wrong code, after the resend, ends the attempt.
      let bad = wrong(10);
      if (bad === fresh) bad = wrong(11);
      await enterCode(page, bad);
      assert.equal(pathOf(page), '/login', 'a resend reset the count of wrong codes');
      assert.equal(new URL(page.url()).searchParams.get('restart'), '1');
      assert.ok((await mainText(page)).includes(RESTART));
      // The attempt is over: even the right code is no use now.
      const res = await page.goto('/login/mfa');
      assert.equal(pathOf(page), '/login');
      assert.ok(res.ok());
      assert.equal(await page.locator('#code').count(), 0);
    } finally {
      await context.close();
    }
  });
});

describe('both methods', () => {
  const user = ACCOUNTS.sakuraUser;
  const address = emailOf(user);
  let secret;

  test('a user with an app and mandatory MFA chooses the method and can switch', async (t) => {
    const { context, page } = await freshPage();
    try {
      await passwordStep(page, user.id);
      ({ secret } = await setUpTotp(page, user));
      await signOut(page);
      if (!(await requireMfa(ACCOUNTS.sakuraAdmin, user, t))) return;

      // Choose the app, then switch to e-mail.
      mail.skip(address);
      advance(30);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/login/mfa');
      assert.ok((await mainText(page)).includes('検証コードの取得方法を選択してください。'));
      const app = page.locator('button[name="method"][value="totp"]');
      const byMail = page.locator('button[name="method"][value="email"]');
      assert.equal(await app.textContent(), BY_APP);
      assert.ok((await byMail.textContent()).startsWith(BY_MAIL), await byMail.textContent());
      assert.equal(await page.locator('#code').count(), 0, 'a code field before a method is chosen');
      await checkA11y(page, { label: 'MFA sign-in (choose a method)' });
      await mail.none(address, 1000); // nothing is mailed before the user asks

      await navigating(page, () => app.click());
      assert.ok((await mainText(page)).includes('認証アプリに表示されたコードを入力します'));
      const other = page.locator('form[action="/login/mfa/method"] button', { hasText: SWITCH });
      assert.equal(await other.count(), 1, 'no way to switch');
      await navigating(page, () => other.click());
      assert.ok((await mainText(page)).includes('メールに送信されたコードを入力します'));
      const code = await mailedCode(address);
      await enterCode(page, code);
      assert.equal(pathOf(page), '/');
      await signOut(page);

      // Choose e-mail, then switch to the app.
      advance(30);
      await passwordStep(page, user.id);
      await navigating(page, () => byMail.click());
      await mailedCode(address);
      await navigating(page, () => page.locator('form[action="/login/mfa/method"] button', { hasText: SWITCH }).click());
      assert.ok((await mainText(page)).includes('認証アプリに表示されたコードを入力します'));
      await enterCode(page, totp(secret, serverNow()));
      assert.equal(pathOf(page), '/');
    } finally {
      await context.close();
    }
  });

  test('a completed password reset forgets the trusted browsers', async () => {
    assert.ok(secret, 'no app set up');
    const { context, page } = await freshPage();
    try {
      // Trust this browser.
      advance(30);
      await passwordStep(page, user.id);
      await navigating(page, () => page.locator('button[name="method"][value="totp"]').click());
      await enterCode(page, totp(secret, serverNow()), { trust: true });
      assert.equal(pathOf(page), '/');
      await signOut(page);
      await passwordStep(page, user.id);
      assert.equal(pathOf(page), '/', 'the browser is not trusted');
      await signOut(page);

      // A reset through the mailed link, from another browser.
      const other = await freshPage();
      const password = 'Rk5?wQz8!hTm3v';
      try {
        mail.skip(address);
        await other.page.goto('/password/reset');
        await other.page.locator('#user_id').fill(user.id);
        await submitForm(other.page, '/password/reset');
        await other.page.locator('#email').fill(address);
        await submitForm(other.page, '/password/reset/verify');
        const m = await mail.next(address);
        const link = new URL([...m.text.matchAll(/https?:\/\/\S+/g)].map((x) => x[0]).find((l) => l.includes('/password/reset/'))).pathname;
        await other.page.goto(link);
        await other.page.locator('#password').fill(password);
        await other.page.locator('#confirm').fill(password);
        await submitForm(other.page, link);
        assert.equal(pathOf(other.page), '/login', `the reset failed: ${await mainText(other.page)}`);
      } finally {
        await other.context.close();
      }

      // The browser trusted before is asked for the second factor again.
      await page.goto('/login');
      await submitLogin(page, user.id, password);
      assert.equal(pathOf(page), '/login/mfa', 'a trusted browser outlived the password reset');
    } finally {
      await context.close();
    }
  });
});
