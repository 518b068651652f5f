// Profile (SPEC §2, guide 4.13): name, title, phones and time zone saved;
// the language applies at once, to pages and to the next mail; a new e-mail
// address is used only once confirmed from a mail to it (and the old address
// is told); the password change with the live checklist ends the other
// sessions. Mail goes to an SMTP server of the test's own.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, submitLogin, watchErrors } from './lib/browser.mjs';
import { csrfOf, form, FORM, jarRequest, signedInJar, signInHTTP } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';
import { linksIn, startSmtp } from './lib/smtp.mjs';

const NEW_PASSWORD = 'Hx4=tRw8?nKd2j';
const emailOf = (account) => account.id.replace(/\.cs$/, '');
/** Console errors other than the ones Chromium logs for the 4xx answers the tests ask for. */
const unexpected = (errors) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 4\d\d/.test(e));

let srv;
let mail;
let browser;

before(async () => {
  mail = await startSmtp();
  [srv, browser] = await Promise.all([startServer({ args: ['--smtp-url', mail.url] }), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await mail?.stop();
});

async function freshPage(options) {
  const context = await newContext(browser, srv.baseURL, options);
  const page = await context.newPage();
  return { context, page };
}

/** Clicks the submit button of the form posting to action; returns the status of that POST. */
async function submitForm(page, action) {
  const response = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === action);
  await navigating(page, () => page.locator(`form[action="${action}"] button[type="submit"]`).click());
  return (await response).status();
}

const pathOf = (page) => new URL(page.url()).pathname;
const mainText = async (page) => (await page.locator('main').textContent()) || '';

/** Steps ① and ② of the password reset for userId and address. */
async function requestReset(page, userId, address) {
  await page.goto('/password/reset');
  await page.locator('#user_id').fill(userId);
  await submitForm(page, '/password/reset');
  await page.locator('#email').fill(address);
  return submitForm(page, '/password/reset/verify');
}

describe('profile', () => {
  test('name, title, phones and time zone are saved', async () => {
    const user = ACCOUNTS.aobaAdmin;
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(page, user.id);
      await page.goto('/profile');
      assert.equal(await page.locator('h1').textContent(), 'プロフィール');
      await checkA11y(page, { label: '/profile' });
      assert.equal(await page.locator('#name').inputValue(), user.name);
      assert.equal(await page.locator('#email').inputValue(), emailOf(user));
      assert.equal(await page.locator('#time_zone').inputValue(), 'Asia/Tokyo', 'the default time zone');
      assert.equal(await page.locator('#lang').inputValue(), 'ja');
      assert.ok((await mainText(page)).includes(`ユーザーID: ${user.id}`));

      const values = {
        name: '青葉 花子（情報システム部）',
        title: '情報システム部長',
        phone_work: '03-1234-5678',
        phone_mobile: '090-1234-5678',
      };
      for (const [k, v] of Object.entries(values)) await page.locator(`#${k}`).fill(v);
      await page.locator('#time_zone').selectOption('Europe/London');
      assert.equal(await submitForm(page, '/profile'), 303);
      assert.equal(pathOf(page), '/profile');
      assert.equal(new URL(page.url()).searchParams.get('saved'), '1');
      assert.ok((await page.locator('[role="status"]').first().textContent()).includes('プロフィールを保存しました。'));

      // Stored, not just echoed: a fresh load shows them.
      await page.goto('/profile');
      for (const [k, v] of Object.entries(values)) assert.equal(await page.locator(`#${k}`).inputValue(), v, k);
      assert.equal(await page.locator('#time_zone').inputValue(), 'Europe/London');
      assert.equal(await page.locator('details.user-menu .user-name').textContent(), values.name);
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
    }
  });

  test('switching to English applies at once, to the pages and to the next mail', async () => {
    const user = ACCOUNTS.kamomeAdmin;
    const { context, page } = await freshPage();
    try {
      await signIn(page, user.id);
      await page.goto('/profile');
      await page.locator('#lang').selectOption('en');
      await submitForm(page, '/profile');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').textContent(), 'Profile');
      assert.ok((await page.locator('[role="status"]').first().textContent()).includes('Your profile has been saved.'));
      await page.goto('/');
      assert.equal(await page.locator('html').getAttribute('lang'), 'en');
      assert.equal(await page.locator('h1').textContent(), 'Home');
    } finally {
      await context.close();
    }

    // A mail to the user is in English, even when asked for from a Japanese browser.
    const visitor = await freshPage();
    try {
      mail.skip(emailOf(user));
      await requestReset(visitor.page, user.id, emailOf(user));
      assert.equal(await visitor.page.locator('html').getAttribute('lang'), 'ja');
    } finally {
      await visitor.context.close();
    }
    const m = await mail.next(emailOf(user));
    assert.equal(m.subject, 'Reset your password');
    assert.equal(m.headers.get('content-language')?.[0], 'en');
    assert.ok(m.text.startsWith(`Dear ${user.name},`), m.text);
    assert.ok(m.text.includes(`User ID: ${user.id}`), m.text);
  });

  test('a new e-mail address is used only after it is confirmed from the mail sent to it; the old address is told', async () => {
    const user = ACCOUNTS.aobaUser;
    const oldAddress = emailOf(user);
    const newAddress = 'ichiro.aoba@new-mail.example';
    const { context, page } = await freshPage();
    let link;
    try {
      await signIn(page, user.id);
      await page.goto('/profile');
      await page.locator('#email').fill(newAddress);
      await submitForm(page, '/profile');
      assert.equal(new URL(page.url()).searchParams.get('email_sent'), '1');
      assert.ok(
        (await mainText(page)).includes('新しいメールアドレスに確認メールを送信しました。メール内のリンクを開くとメールアドレスが変更されます。'),
      );
      assert.equal(await page.locator('#email').inputValue(), oldAddress, 'the address changed before it was confirmed');

      const m = await mail.next(newAddress);
      assert.equal(m.subject, 'メールアドレスの確認');
      const url = linksIn(m.text).find((l) => l.includes('/profile/email/'));
      assert.ok(url, `no confirmation link:\n${m.text}`);
      link = new URL(url).pathname;
      await mail.none(oldAddress, 1000);
      await page.goto('/profile');
      assert.equal(await page.locator('#email').inputValue(), oldAddress);
    } finally {
      await context.close();
    }

    // Opened on another device, signed out: sign in, and the address changes.
    const other = await freshPage();
    try {
      await other.page.goto(link);
      assert.equal(pathOf(other.page), '/login');
      await submitLogin(other.page, user.id, DEMO_PASSWORD);
      assert.equal(pathOf(other.page), '/profile');
      assert.equal(new URL(other.page.url()).searchParams.get('email_changed'), '1');
      assert.ok((await mainText(other.page)).includes('メールアドレスを変更しました。'));
      assert.equal(await other.page.locator('#email').inputValue(), newAddress);

      const notice = await mail.next(oldAddress);
      assert.equal(notice.subject, 'メールアドレスが変更されました');
      assert.ok(notice.text.includes(newAddress), `the notice does not name the new address:\n${notice.text}`);

      // The link works once.
      const again = await other.page.goto(link);
      assert.equal(again.status(), 404);
    } finally {
      await other.context.close();
    }

    // The portal now writes to the new address (a password reset reaches it, not the old one).
    const visitor = await freshPage();
    try {
      await requestReset(visitor.page, user.id, newAddress);
      const reset = await mail.next(newAddress);
      assert.equal(reset.subject, 'パスワードのリセット');
      await mail.none(oldAddress, 1000);
    } finally {
      await visitor.context.close();
    }
  });

  test('password change: checklist, the current password checked, other sessions signed out', async () => {
    const user = ACCOUNTS.kamomeUser;
    const other = await freshPage();
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(other.page, user.id);
      await signIn(page, user.id);
      await page.goto('/profile/password');
      assert.equal(await page.locator('h1').textContent(), 'パスワードの変更');
      await checkA11y(page, { label: '/profile/password' });
      const submit = page.locator('form[action="/profile/password"] button[type="submit"]');
      const classOf = async (rule) => (await page.locator(`.pw-checklist li[data-rule="${rule}"]`).getAttribute('class')) || '';
      assert.equal(await submit.isDisabled(), true, 'the button is enabled before the rules hold');

      // Weak: marked as typed, the button stays disabled.
      await page.locator('#password').pressSequentially('short1');
      assert.match(await classOf('length'), /\bng\b/);
      assert.match(await classOf('digit'), /\bok\b/);
      assert.match(await classOf('upper'), /\bng\b/);
      assert.ok((await page.locator('.pw-strength').textContent()).startsWith('強度:'));
      assert.equal(await submit.isDisabled(), true);

      // The rules hold: enabled; but the current password is wrong.
      await page.locator('#current').fill('Not#The-Password1');
      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('#confirm').fill(NEW_PASSWORD);
      assert.equal(await submit.isDisabled(), false, 'the rules hold and the button is still disabled');
      assert.equal(await submitForm(page, '/profile/password'), 422);
      assert.ok((await page.locator('[role="alert"]').first().textContent()).includes('現在のパスワードが正しくありません。'));
      await other.page.goto('/services');
      assert.equal(pathOf(other.page), '/services', 'a refused change signed the other session out');
      assert.equal((await signInHTTP(srv.baseURL, user.id, NEW_PASSWORD)).res.status, 401, 'the password changed anyway');

      // Right current password.
      await page.locator('#current').fill(DEMO_PASSWORD);
      await page.locator('#password').fill(NEW_PASSWORD);
      await page.locator('#confirm').fill(NEW_PASSWORD);
      await submitForm(page, '/profile/password');
      assert.equal(pathOf(page), '/profile/password');
      assert.equal(new URL(page.url()).searchParams.get('saved'), '1');
      assert.ok((await mainText(page)).includes('パスワードを変更しました。他のセッションはログアウトされました。'));

      // This session goes on; the other one has ended.
      await page.goto('/services');
      assert.equal(pathOf(page), '/services');
      await other.page.goto('/services');
      assert.equal(pathOf(other.page), '/login', 'the other session survived the password change');

      assert.equal((await signInHTTP(srv.baseURL, user.id, DEMO_PASSWORD)).res.status, 401, 'the old password still works');
      assert.equal((await signInHTTP(srv.baseURL, user.id, NEW_PASSWORD)).res.status, 303, 'the new password does not work');
      assert.deepEqual(unexpected(errors), []);
    } finally {
      await context.close();
      await other.context.close();
    }
  });

  test("a password holding the provider's or the company's name is refused", async () => {
    // The provider admin lists a brand on the settings page; the demo lists "Miharashi".
    const admin = await signedInJar(srv.baseURL, ACCOUNTS.providerAdmin.id);
    const settings = await jarRequest(srv.baseURL, admin, '/console/settings');
    assert.equal(settings.status, 200);
    assert.match(settings.body, /name="password_words"[^>]*value="Miharashi"/);
    const save = await jarRequest(srv.baseURL, admin, '/console/settings', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(settings.body), short_name: 'MSOC', password_profile: 'guide', password_words: 'Miharashi Sorairo' }),
    });
    assert.equal(save.status, 303);

    const user = ACCOUNTS.aobaUser;
    const jar = await signedInJar(srv.baseURL, user.id);
    const change = async (password) => {
      const page = await jarRequest(srv.baseURL, jar, '/profile/password');
      return jarRequest(srv.baseURL, jar, '/profile/password', {
        method: 'POST',
        headers: FORM,
        body: form({ csrf: csrfOf(page.body), current: DEMO_PASSWORD, password, confirm: password }),
      });
    };
    for (const guess of ['Miharashi2025!', 'SORAIRO#2026x', 'Aoba-Shoji#2026', 'Msoc-Portal#2026']) {
      const res = await change(guess);
      assert.equal(res.status, 422, guess);
      assert.match(res.body, /<li data-rule="personal" class="ng">/, guess);
    }
    assert.equal((await signInHTTP(srv.baseURL, user.id, DEMO_PASSWORD)).res.status, 303, 'a refused password was saved');
  });

  test('the MFA page of the profile is accessible', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, ACCOUNTS.sakuraUser.id);
      await page.goto('/profile/mfa');
      assert.equal(await page.locator('h1').textContent(), '多要素認証');
      await checkA11y(page, { label: '/profile/mfa' });
      assert.equal(await page.locator('nav.subnav a[aria-current="page"]').getAttribute('href'), '/profile/mfa');
    } finally {
      await context.close();
    }
  });
});
