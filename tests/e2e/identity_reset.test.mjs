// Password reset (SPEC §2, guide 4.4): ① user ID → ② registered e-mail →
// ③ the single-use link of a real mail (an SMTP server of the test's own).
// No account enumeration at ②; 5 failed verifications block reset for 20
// minutes; a newer link voids the older; a completed reset unlocks the ID,
// ends the user's other sessions, sends a confirmation and pauses reset for
// 24 hours. Time moves with the test clock.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, submitLogin, watchErrors } from './lib/browser.mjs';
import { jarRequest, signInHTTP, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';
import { linksIn, startSmtp } from './lib/smtp.mjs';

const MIN = 60;
const HOUR = 3600;

const DONE = 'ユーザーID とメールアドレスが登録情報と一致する場合、そのアドレスにパスワード リセットのためのメールを送信しました。';
const BLOCKED = '検証に 5 回連続で失敗したため、20 分間リセットできません。';
const ID_LOCKED = 'このユーザーID は現在ロックされています。パスワードをリセットするとロックが解除されます。';
const INVALID_LINK = 'このリンクは無効です';
const BAD_FORM = 'フォームの内容が正しくありません。最初からやり直してください。';
const RULES_FAILED = 'パスワードが以下の規則を満たしていません。';
const RESET_OK = 'パスワードを設定しました。新しいパスワードでログインしてください。';
const NEW_PASSWORD = 'Zq7#mVx2!pLr9w';

/** Console errors other than the ones Chromium logs for the 4xx answers the tests ask for. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

/** The registered address of a demo user: the user ID without ".cs" (src/cli/demo.c). */
const emailOf = (account) => account.id.replace(/\.cs$/, '');

let srv;
let mail;
let browser;
let now = 0;
function advance(seconds) {
  now += seconds;
  srv.setClockOffset(now);
}

before(async () => {
  mail = await startSmtp();
  [srv, browser] = await Promise.all([startServer({ clock: true, args: ['--smtp-url', mail.url] }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await mail?.stop();
});

async function freshPage() {
  const context = await newContext(browser, srv.baseURL);
  const page = await context.newPage();
  return { context, page };
}

/** Clicks the submit button of the form posting to action; returns the status of that POST. */
async function submitForm(page, action) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action);
  await navigating(page, () => page.locator(`form[action="${action}"] button[type="submit"]`).click());
  return (await response).status();
}

/** Step ①: the user ID. Leaves the page at step ②. */
async function identify(page, userId) {
  await page.goto('/password/reset');
  await page.locator('#user_id').fill(userId);
  const status = await submitForm(page, '/password/reset');
  assert.equal(status, 200, `step ① for ${userId}`);
  assert.equal(await page.locator('ol.steps [aria-current="step"]').textContent(), '検証');
}

/** Steps ① and ②; returns {status, main (HTML of <main>)} of the answer to ②. */
async function requestReset(page, userId, email) {
  await identify(page, userId);
  await page.locator('#email').fill(email);
  const status = await submitForm(page, '/password/reset/verify');
  return { status, main: await page.locator('main').innerHTML(), text: await page.locator('main').textContent() };
}

/** The path of the reset link of a mail. */
function resetPath(m) {
  const link = linksIn(m.text).find((l) => /\/password\/reset\/[^/\s]+$/.test(new URL(l).pathname));
  assert.ok(link, `no reset link in the mail:\n${m.text}`);
  return new URL(link).pathname;
}

/** Waits for the reset mail to address and checks what it says. */
async function resetMail(address, userId) {
  const m = await mail.next(address);
  assert.equal(m.subject, 'パスワードのリセット');
  assert.equal(m.to, address);
  assert.ok(m.text.includes(`ユーザーID: ${userId}`), `the mail names the user ID:\n${m.text}`);
  assert.equal(m.headers.get('content-language')?.[0], 'ja');
  return m;
}

let firstLink; // the full link of the first reset mail
const openedLinks = []; // paths of reset links opened in the browser

describe('password reset', () => {
  test('step ② answers the same whether or not the user ID and address match', async () => {
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      const user = ACCOUNTS.kamomeUser;
      await page.goto('/password/reset');
      assert.equal(await page.locator('h1').textContent(), 'パスワードのリセット');
      assert.equal(await page.locator('ol.steps [aria-current="step"]').textContent(), '特定');
      assert.deepEqual(await page.locator('ol.steps li').allTextContents(), ['特定', '検証', 'リセット']);

      const match = await requestReset(page, user.id, emailOf(user));
      assert.equal(match.status, 200);
      assert.ok(match.text.includes(DONE), `the answer to ②: ${match.text}`);
      const m = await resetMail(emailOf(user), user.id);
      firstLink = linksIn(m.text).find((l) => l.includes('/password/reset/'));

      const mismatch = await requestReset(page, user.id, 'someone.else@kamome.example');
      assert.equal(mismatch.status, match.status);
      assert.equal(mismatch.main, match.main, 'the answer tells a matching address from a wrong one');

      const unknown = await requestReset(page, 'ghost@kamome.example.cs', 'ghost@kamome.example');
      assert.equal(unknown.status, match.status);
      assert.equal(unknown.main, match.main, 'the answer tells an unknown user ID from a known one');

      await mail.none(emailOf(user), 2000);
      await mail.none('someone.else@kamome.example', 0);
      await mail.none('ghost@kamome.example', 0);
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });

  test('the link in the mail leads to this portal', () => {
    assert.ok(firstLink, 'no reset link was mailed');
    assert.equal(
      new URL(firstLink).origin,
      srv.baseURL,
      `the link ${firstLink} does not point to the portal (${srv.baseURL}) that sent it`,
    );
  });

  test('5 failed verifications in a row block reset for 20 minutes; the clock lifts it', async () => {
    const { context, page } = await freshPage();
    try {
      const user = ACCOUNTS.kamomeUser;
      const wrong = 'not.mine@kamome.example';
      // A matching request starts the count from zero.
      await requestReset(page, user.id, emailOf(user));
      await resetMail(emailOf(user), user.id);
      // 4 failures do not block.
      for (let i = 0; i < 4; i++) assert.equal((await requestReset(page, user.id, wrong)).status, 200);
      await requestReset(page, user.id, emailOf(user));
      await resetMail(emailOf(user), user.id);
      // 5 in a row do.
      for (let i = 0; i < 5; i++) {
        const a = await requestReset(page, user.id, wrong);
        assert.ok(a.text.includes(DONE), `failure ${i + 1} answers like any other`);
      }
      const blocked = await requestReset(page, user.id, emailOf(user));
      assert.equal(blocked.status, 423);
      assert.ok(blocked.text.includes(BLOCKED), `no block message: ${blocked.text}`);
      assert.equal(await page.locator('#email').inputValue(), emailOf(user), 'the address typed is kept');
      await mail.none(emailOf(user), 2000);

      advance(19 * MIN);
      assert.ok((await requestReset(page, user.id, emailOf(user))).text.includes(BLOCKED), 'unblocked before 20 minutes');
      advance(2 * MIN);
      const free = await requestReset(page, user.id, emailOf(user));
      assert.ok(free.text.includes(DONE), `still blocked after 21 minutes: ${free.text}`);
      await resetMail(emailOf(user), user.id);
    } finally {
      await context.close();
    }
  });

  test('a form that sends the e-mail field twice is refused and mails nothing', async () => {
    const { context, page } = await freshPage();
    try {
      const user = ACCOUNTS.sakuraUser;
      await identify(page, user.id);
      await page.locator('#email').fill(emailOf(user));
      await page.evaluate(() => {
        const extra = document.createElement('input');
        extra.type = 'hidden';
        extra.name = 'email';
        extra.value = 'attacker@evil.example';
        document.querySelector('form[action="/password/reset/verify"]').append(extra);
      });
      const status = await submitForm(page, '/password/reset/verify');
      assert.equal(status, 400);
      assert.ok((await page.locator('main').textContent()).includes(BAD_FORM));
      assert.equal(await page.locator('ol.steps [aria-current="step"]').textContent(), '特定', 'back to step ①');
      await mail.none('attacker@evil.example', 0);
      await mail.none(emailOf(user), 2500);
    } finally {
      await context.close();
    }
  });

  test('the whole flow: lock shown, newer link voids the older, live checklist, dictionary refused, reset completes', async () => {
    const user = ACCOUNTS.aobaUser;
    const address = emailOf(user);
    const other = await freshPage(); // a session of the user signed in before the reset
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(other.page, user.id);
      await other.page.goto('/services');
      assert.equal(new URL(other.page.url()).pathname, '/services');

      // Lock the user ID.
      for (let i = 0; i < 5; i++) await signInHTTP(srv.baseURL, user.id, 'Wrong#Password1');
      assert.equal((await signInHTTP(srv.baseURL, user.id)).res.status, 423, 'locked');

      // ① and ②: the page says the ID is locked (and says nothing for an unlocked one).
      await page.goto('/password/reset');
      await checkA11y(page, { label: 'reset step ①' });
      await identify(page, ACCOUNTS.sakuraAdmin.id);
      assert.ok(!(await page.locator('main').textContent()).includes(ID_LOCKED), 'an unlocked ID is said to be locked');
      await identify(page, user.id);
      assert.ok((await page.locator('main').textContent()).includes(ID_LOCKED), 'the reset page does not say the ID is locked');
      await checkA11y(page, { label: 'reset step ②' });
      await page.locator('#email').fill(address);
      assert.equal(await submitForm(page, '/password/reset/verify'), 200);
      await checkA11y(page, { label: 'reset: check your e-mail' });
      const first = resetPath(await resetMail(address, user.id));

      // A second request: the first link is void.
      assert.equal((await requestReset(page, user.id, address)).status, 200);
      const second = resetPath(await resetMail(address, user.id));
      assert.notEqual(second, first);
      openedLinks.push(first, second);
      let res = await page.goto(first);
      assert.equal(res.status(), 404);
      assert.ok((await page.locator('main').textContent()).includes(INVALID_LINK), 'the older link still works');
      await checkA11y(page, { label: 'reset: invalid link' });

      // ③ the set-password page.
      res = await page.goto(second);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator('h1').textContent(), '新しいパスワードの設定');
      assert.equal(await page.locator('ol.steps [aria-current="step"]').textContent(), 'リセット');
      const main = await page.locator('main').textContent();
      assert.ok(main.includes(`ユーザーID: ${user.id}`));
      assert.ok(main.includes(ID_LOCKED), 'the set-password page does not say the ID is locked');
      await checkA11y(page, { label: 'reset: set a new password' });

      const submit = page.locator('form button[type="submit"][data-needs-rules]');
      const rule = (name) => page.locator(`.pw-checklist li[data-rule="${name}"]`);
      const classOf = async (name) => (await rule(name).getAttribute('class')) || '';
      assert.equal(await submit.isDisabled(), true, 'the submit button is enabled before any rule holds');

      // A weak password: the failed rules are marked as the user types.
      await page.locator('#password').pressSequentially('abc');
      assert.match(await classOf('length'), /\bng\b/);
      assert.match(await classOf('lower'), /\bok\b/);
      for (const r of ['upper', 'digit', 'symbol']) assert.match(await classOf(r), /\bng\b/, `rule ${r}`);
      assert.equal(await page.locator('.pw-strength').textContent(), '強度: 弱い');
      assert.equal(await submit.isDisabled(), true);
      // The user ID inside.
      await page.locator('#password').fill('');
      await page.locator('#password').pressSequentially('Myuser#Pass2026');
      assert.match(await classOf('personal'), /\bng\b/);
      assert.equal(await submit.isDisabled(), true);

      // Rules a browser can check all hold: the button is enabled, unless the entries differ.
      await page.locator('#password').fill('');
      await page.locator('#password').pressSequentially('Password123!');
      await page.locator('#confirm').pressSequentially('Password123');
      assert.match(await classOf('confirm'), /\bng\b/);
      assert.equal(await submit.isDisabled(), true, 'enabled while the two entries differ');
      await page.locator('#confirm').press('!');
      for (const r of ['length', 'lower', 'upper', 'digit', 'symbol', 'charset', 'repeat', 'personal', 'confirm']) {
        assert.match(await classOf(r), /\bok\b/, `rule ${r} for Password123!`);
      }
      assert.equal(await submit.isDisabled(), false, 'the client-side rules hold but the button stays disabled');

      // The server refuses the dictionary password and marks the rule.
      const status = await submitForm(page, second);
      assert.equal(status, 422);
      assert.equal(new URL(page.url()).pathname, second);
      assert.ok((await page.locator('[role="alert"]').allTextContents()).join(' ').includes(RULES_FAILED));
      assert.match(await classOf('weak'), /\bng\b/, 'the dictionary rule is not marked');
      assert.equal(await rule('weak').textContent(), '辞書の単語やよく使われるパスワードではない');

      // A good password completes the reset.
      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('#confirm').fill(NEW_PASSWORD);
      assert.equal(await submit.isDisabled(), false);
      await submitForm(page, second);
      assert.equal(new URL(page.url()).pathname, '/login');
      assert.ok((await page.locator('[role="status"]').textContent()).includes(RESET_OK));

      // The confirmation mail.
      const done = await mail.next(address);
      assert.equal(done.subject, 'パスワードが変更されました');
      assert.match(done.text, /パスワード/);

      // The other session has ended.
      await other.page.goto('/services');
      assert.equal(new URL(other.page.url()).pathname, '/login', 'the session signed in before the reset still works');

      // The link is single use.
      res = await page.goto(second);
      assert.equal(res.status(), 404);
      assert.ok((await page.locator('main').textContent()).includes(INVALID_LINK), 'the used link works again');

      // The lock is gone: the new password signs in, the old one does not.
      assert.equal((await signInHTTP(srv.baseURL, user.id, DEMO_PASSWORD)).res.status, 401, 'the old password still works');
      await page.goto('/login');
      await submitLogin(page, user.id, NEW_PASSWORD);
      assert.equal(new URL(page.url()).pathname, '/', 'the reset did not unlock the user ID');
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
      await other.context.close();
    }
  });

  test('the request log does not keep the tokens of reset links (ASVS: no credentials in logs)', () => {
    assert.ok(openedLinks.length > 0, 'no link was opened');
    const log = srv.logs();
    for (const link of openedLinks) {
      const token = link.split('/').pop();
      const line = log.split('\n').find((l) => l.includes(token));
      assert.equal(line, undefined, `the server's log holds a reset token:\n${line}`);
    }
  });

  test('after a completed reset, reset is unavailable for 24 hours (same answer, no mail)', async () => {
    const { context, page } = await freshPage();
    try {
      const user = ACCOUNTS.aobaUser;
      const address = emailOf(user);
      const a = await requestReset(page, user.id, address);
      assert.equal(a.status, 200);
      assert.ok(a.text.includes(DONE), 'the answer differs during the pause');
      await mail.none(address, 2500);

      advance(23 * HOUR);
      await requestReset(page, user.id, address);
      await mail.none(address, 2500);

      advance(2 * HOUR); // 25 hours after the reset
      await requestReset(page, user.id, address);
      const link = resetPath(await resetMail(address, user.id));
      const res = await page.goto(link);
      assert.equal(res.status(), 200);
      assert.equal(await page.locator('h1').textContent(), '新しいパスワードの設定');
      // The link lives 1 hour.
      advance(HOUR + MIN);
      const late = await page.goto(link);
      assert.equal(late.status(), 404, 'the link works after more than an hour');
      assert.ok((await page.locator('main').textContent()).includes(INVALID_LINK));
    } finally {
      await context.close();
    }
    // The user's password is unchanged by asking.
    await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id, NEW_PASSWORD);
    const jar = await signedInJar(srv.baseURL, ACCOUNTS.aobaUser.id, NEW_PASSWORD);
    assert.equal((await jarRequest(srv.baseURL, jar, '/services')).status, 200);
  });
});
