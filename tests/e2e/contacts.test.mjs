// Contacts (連絡先, guide 5.1): a customer admin creates, edits, disables and
// enables the users of their company; the invitation mail leads into the
// set-password flow; other customers' users answer 404; non-admins get 404.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, h1Of, jarRequest, request, signInHTTP, signedInJar } from './lib/http.mjs';
import { readOutbox } from './lib/outbox.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';

let srv;
let base;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** Japanese or English: the catalogs may not hold the newest texts yet. */
const either = (ja, en) => new RegExp(`${ja}|${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
const TAKEN = either('既に使用されています', 'already in use');
const NOT_FOUND = 'ページが見つかりません';

async function freshPage(options) {
  const context = await newContext(browser, base, options);
  const page = await context.newPage();
  return { context, page };
}

/** The ids and user IDs of the contacts list of a signed-in admin. */
async function contactIds(jar, q = '') {
  const res = await jarRequest(base, jar, `/contacts${q ? `?q=${encodeURIComponent(q)}` : ''}`);
  assert.equal(res.status, 200);
  return [...res.body.matchAll(/<tr><td><a href="\/contacts\/(\d+)">[^<]*<\/a><\/td><td>([^<]*)<\/td>/g)].map((m) => ({
    id: m[1],
    login: m[2],
  }));
}

async function idOf(jar, login) {
  const row = (await contactIds(jar, login)).find((c) => c.login === login);
  assert.ok(row, `${login} is not in the contacts list`);
  return row.id;
}

/** POSTs a form with the csrf token of the page at `from`. */
async function post(jar, from, path, fields) {
  const page = await jarRequest(base, jar, from);
  return jarRequest(base, jar, path, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** The stored fields of a contact, as its edit form shows them. */
async function formValues(jar, id) {
  const res = await jarRequest(base, jar, `/contacts/${id}`);
  assert.equal(res.status, 200);
  const value = (name) => {
    const m = new RegExp(`<input id="${name}" name="${name}"[^>]*value="([^"]*)"`).exec(res.body);
    return m ? m[1] : null;
  };
  return {
    name: value('name'),
    email: value('email'),
    user_id: value('user_id'),
    title: value('title'),
    is_admin: /id="is_admin" name="is_admin" checked/.test(res.body),
    disabled: /<dt>(Status|状態)<\/dt><dd>(Disabled|無効)<\/dd>/.test(res.body),
    body: res.body,
  };
}

/** The mails sent to address, waiting for the first (the sender is asynchronous). */
async function mailsTo(address, { wait = 10_000 } = {}) {
  const deadline = Date.now() + wait;
  for (;;) {
    const found = readOutbox(srv.dataDir).filter((m) => m.to.toLowerCase().includes(`<${address.toLowerCase()}>`));
    if (found.length || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('creating a contact', () => {
  test('the admin creates a contact; the .cs proposal appears; the invitation leads to the set-password page', async () => {
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      // The menu's drop-down leads there.
      assert.equal(await page.locator('.site-nav a[href="/contacts/new"]').count(), 1);
      assert.equal(await page.locator('.site-nav a[href="/contacts"]').count(), 1);
      assert.equal(await page.locator('.site-nav a[href="/history"]').count(), 1);
      await page.goto('/contacts/new');
      assert.equal(await page.locator('form[action="/contacts/new"] .required').count() >= 3, true, 'required fields marked *');
      await checkA11y(page, { label: '/contacts/new' });

      // Typing the address proposes the user ID…
      await page.locator('#name').fill('山田 太郎');
      await page.locator('#email').pressSequentially('Taro.Yamada@Example.co.jp');
      assert.equal(await page.locator('#user_id').inputValue(), 'taro.yamada@example.co.jp.cs');
      // …cut to 37 characters first when the address has 38 or more…
      const long = 'a.very.long.mailbox.name@example-corp.co.jp'; // 42 characters
      await page.locator('#email').fill('');
      await page.locator('#email').pressSequentially(long);
      const proposed = await page.locator('#user_id').inputValue();
      assert.equal(proposed, `${long.slice(0, 37)}.cs`);
      assert.equal(proposed.length, 40);
      // …and follows the address while the user has not typed a user ID of their own.
      await page.locator('#email').fill('');
      await page.locator('#email').pressSequentially('taro.yamada@example.co.jp');
      assert.equal(await page.locator('#user_id').inputValue(), 'taro.yamada@example.co.jp.cs');
      await page.locator('#title').fill('情報システム部 課長');
      await page.locator('#phone_work').fill('03-1234-5678');
      await page.locator('#mfa_required').check();
      await navigating(page, () => page.locator('form[action="/contacts/new"] button[type="submit"]').click());

      const url = new URL(page.url());
      assert.match(url.pathname, /^\/contacts\/\d+$/);
      assert.equal(url.searchParams.get('created'), '1');
      assert.equal(await page.locator('h1').textContent(), '山田 太郎');
      assert.equal(await page.locator('.alert-success').count(), 1);
      assert.equal(await page.locator('#user_id').inputValue(), 'taro.yamada@example.co.jp.cs');
      assert.equal(await page.locator('#title').inputValue(), '情報システム部 課長');
      assert.equal(await page.locator('#phone_work').inputValue(), '03-1234-5678');
      assert.equal(await page.locator('#mfa_required').isChecked(), true);
      assert.equal(await page.locator('#is_admin').isChecked(), false);
      await checkA11y(page, { label: 'contact edit page' });

      // In the list, found by the search.
      await page.goto('/contacts?q=yamada');
      const rows = page.locator('table.contacts tbody tr');
      assert.equal(await rows.count(), 1);
      assert.match(await rows.first().textContent(), /山田 太郎.*taro\.yamada@example\.co\.jp\.cs/);
      assert.match(await page.locator('nav.pager').textContent(), /1~1 件目 \/ 1 件|1–1 of 1/);
      await checkA11y(page, { label: '/contacts' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }

    // The invitation, in the outbox of the file transport.
    const mails = await mailsTo('taro.yamada@example.co.jp');
    assert.equal(mails.length, 1, 'one invitation mail');
    assert.match(mails[0].text, /taro\.yamada@example\.co\.jp\.cs/);
    const link = /https?:\/\/[^/\s]+(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(mails[0].text);
    assert.ok(link, `no set-password link in:\n${mails[0].text}`);
    const visitor = await freshPage();
    try {
      await visitor.page.goto(link[1]);
      assert.equal(await visitor.page.locator('h1').textContent(), '新しいパスワードの設定');
      assert.match(await visitor.page.locator('main').textContent(), /taro\.yamada@example\.co\.jp\.cs/);
      assert.equal(await visitor.page.locator('#password').count(), 1);
    } finally {
      await visitor.context.close();
    }
  });

  test('without a user ID the server proposes the recommended one, creating nothing yet', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const email = 'suzuki.hanako.of.a.rather.long.department@example.co.jp';
    const res = await post(jar, '/contacts/new', '/contacts/new', { name: '鈴木 花子', email, user_id: '' });
    assert.equal(res.status, 422);
    assert.match(res.body, new RegExp(`id="user_id"[^>]*value="${email.slice(0, 37).replace(/\./g, '\\.')}\\.cs"`));
    assert.match(res.body, /id="user_id-error"/);
    assert.equal((await contactIds(jar, 'suzuki')).length, 0, 'nothing created');
  });

  test('validation errors are shown next to the fields and keep what was typed', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto('/contacts/new');
      await page.locator('#name').fill('佐藤 次郎');
      await page.locator('#email').fill('jiro.sato@example.co.jp');
      await page.locator('#user_id').fill('jiro sato');
      await page.locator('#title').fill('部長');
      await page.locator('#phone_mobile').fill('090-1234-ABCD');
      await navigating(page, () => page.locator('form[action="/contacts/new"] button[type="submit"]').click());
      assert.equal(new URL(page.url()).pathname, '/contacts/new');
      assert.equal(await page.locator('[role="alert"]').first().isVisible(), true);
      assert.equal(await page.locator('#user_id').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#user_id-error').count(), 1);
      assert.equal(await page.locator('#phone_mobile-error').count(), 1);
      assert.equal(await page.locator('#name-error').count(), 0);
      assert.equal(await page.locator('#name').inputValue(), '佐藤 次郎');
      assert.equal(await page.locator('#email').inputValue(), 'jiro.sato@example.co.jp');
      assert.equal(await page.locator('#user_id').inputValue(), 'jiro sato');
      assert.equal(await page.locator('#title').inputValue(), '部長');
      assert.equal(await page.locator('#phone_mobile').inputValue(), '090-1234-ABCD');
      await checkA11y(page, { label: '/contacts/new with errors' });
    } finally {
      await context.close();
    }
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    assert.equal((await contactIds(jar, 'sato')).length, 0, 'nothing created');
    // A name too long, an address without @: refused by the server too.
    const res = await post(jar, '/contacts/new', '/contacts/new', {
      name: 'x'.repeat(101),
      email: 'not-an-address',
      user_id: 'ok@example.cs',
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /id="name-error"/);
    assert.match(res.body, /id="email-error"/);
    assert.equal((await contactIds(jar, 'ok@example.cs')).length, 0);
    // A name of ideographic spaces (U+3000) and spaces is no name.
    const blank = await post(jar, '/contacts/new', '/contacts/new', {
      name: '\u3000 \u3000',
      email: 'blank.name@example.co.jp',
      user_id: 'blank.name@example.cs',
    });
    assert.equal(blank.status, 422);
    assert.match(blank.body, /id="name-error"/);
    assert.equal((await contactIds(jar, 'blank.name@example.cs')).length, 0);
  });

  test('a user ID taken anywhere in the portal is refused, whatever its case', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    for (const taken of ['admin@kamome.example.cs', 'USER@AOBA.EXAMPLE.CS']) {
      const res = await post(jar, '/contacts/new', '/contacts/new', {
        name: '重複 太郎',
        email: 'dup@example.co.jp',
        user_id: taken,
      });
      assert.equal(res.status, 422, taken);
      const m = /<p class="field-error" id="user_id-error">([^<]*)<\/p>/.exec(res.body);
      assert.ok(m, 'the error is next to the user ID');
      assert.match(m[1], TAKEN);
      assert.match(res.body, /id="name"[^>]*value="重複 太郎"/);
    }
    assert.equal((await contactIds(jar, 'dup@example')).length, 0);
  });
});

describe('editing a contact', () => {
  test('edit and save with Ctrl+S; the user ID follows the same rules', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const id = await idOf(jar, 'taro.yamada@example.co.jp.cs');
    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto(`/contacts/${id}`);
      assert.equal(await page.locator('form[data-ctrl-s]').count(), 1);
      await page.locator('#title').fill('情報システム部 部長');
      await page.locator('#phone_mobile').fill('+81 90 1234 5678');
      await page.locator('#lang').selectOption('en');
      await page.locator('#time_zone').selectOption('Europe/Paris');
      await page.locator('#user_id').fill('Yamada@Example.co.jp.cs');
      await navigating(page, () => page.locator('#title').press('Control+s'));
      const url = new URL(page.url());
      assert.equal(url.pathname, `/contacts/${id}`);
      assert.equal(url.searchParams.get('saved'), '1');
      assert.equal(await page.locator('.alert-success').count(), 1);
      assert.equal(await page.locator('#title').inputValue(), '情報システム部 部長');
      assert.equal(await page.locator('#phone_mobile').inputValue(), '+81 90 1234 5678');
      assert.equal(await page.locator('#lang').inputValue(), 'en');
      assert.equal(await page.locator('#time_zone').inputValue(), 'Europe/Paris');
      assert.equal(await page.locator('#user_id').inputValue(), 'yamada@example.co.jp.cs', 'user IDs are lower-cased');
      // The recommendation is shown as a hint.
      assert.match(await page.locator('#user_id-hint').textContent(), /yamada@example\.co\.jp\.cs/);

      // A taken user ID: the error is next to the field, what was typed stays, nothing changes.
      await page.locator('#title').fill('変更されないはず');
      await page.locator('#user_id').fill('user@kamome.example.cs');
      await navigating(page, () => page.locator('form[data-ctrl-s] button[type="submit"]').click());
      assert.match(await page.locator('#user_id-error').textContent(), TAKEN);
      assert.equal(await page.locator('#title').inputValue(), '変更されないはず');
      // Only the 422 of the refused form shows up in the console.
      assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
    } finally {
      await context.close();
    }
    const stored = await formValues(jar, id);
    assert.equal(stored.title, '情報システム部 部長');
    assert.equal(stored.user_id, 'yamada@example.co.jp.cs');
  });

  test('disable ends the sessions and refuses sign-in; enable lets the user in again and clears a lockout', async () => {
    const userJar = await signedInJar(base, ACCOUNTS.aobaUser.id);
    assert.equal((await jarRequest(base, userJar, '/services')).status, 200);
    const adminJar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const id = await idOf(adminJar, ACCOUNTS.aobaUser.id);

    const { context, page } = await freshPage();
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto(`/contacts/${id}`);
      const disable = page.locator(`form[action="/contacts/${id}/disable"]`);
      assert.ok(await disable.getAttribute('data-confirm'), 'disabling asks for confirmation');
      // Cancelling the confirmation sends nothing.
      page.once('dialog', (d) => d.dismiss());
      await disable.locator('button').click();
      await page.waitForTimeout(300);
      assert.equal(new URL(page.url()).search, '');
      page.once('dialog', (d) => d.accept());
      await navigating(page, () => disable.locator('button').click());
      assert.equal(new URL(page.url()).searchParams.get('disabled'), '1');
      assert.equal(await page.locator(`form[action="/contacts/${id}/enable"]`).count(), 1);
      assert.equal(await page.locator(`form[action="/contacts/${id}/disable"]`).count(), 0);
      await page.goto('/contacts?q=user%40aoba');
      assert.match(await page.locator('table.contacts tbody tr').first().textContent(), /無効|Disabled/);
    } finally {
      await context.close();
    }
    // The session of the user has ended, and they cannot sign in.
    const after = await jarRequest(base, userJar, '/services');
    assert.equal(after.status, 303);
    assert.match(after.headers.location, /^\/login/);
    const refused = await signInHTTP(base, ACCOUNTS.aobaUser.id);
    assert.equal(refused.res.status, 401);

    // Enable: the user signs in again.
    let res = await post(adminJar, `/contacts/${id}`, `/contacts/${id}/enable`, {});
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/contacts/${id}?enabled=1`);
    assert.equal((await formValues(adminJar, id)).disabled, false);
    await signedInJar(base, ACCOUNTS.aobaUser.id);

    // Five wrong passwords lock the user ID; the admin sees it and enabling unlocks it.
    for (let i = 0; i < 5; i++) {
      const r = await signInHTTP(base, ACCOUNTS.aobaUser.id, 'Wrong#Password1');
      assert.equal(r.res.status, 401);
    }
    assert.equal((await signInHTTP(base, ACCOUNTS.aobaUser.id)).res.status, 423, 'locked');
    const locked = await formValues(adminJar, id);
    assert.match(locked.body, new RegExp(`action="/contacts/${id}/enable"`), 'enable is offered to unlock');
    res = await post(adminJar, `/contacts/${id}`, `/contacts/${id}/enable`, {});
    assert.equal(res.status, 303);
    await signedInJar(base, ACCOUNTS.aobaUser.id);
  });

  test('an admin cannot disable their own login', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const self = await idOf(jar, ACCOUNTS.aobaAdmin.id);
    const page = await jarRequest(base, jar, `/contacts/${self}`);
    assert.doesNotMatch(page.body, new RegExp(`action="/contacts/${self}/disable"`));
    const res = await post(jar, `/contacts/${self}`, `/contacts/${self}/disable`, {});
    assert.equal(res.status, 409);
    assert.equal((await formValues(jar, self)).disabled, false);
    assert.equal((await jarRequest(base, jar, '/contacts')).status, 200, 'still signed in');
  });

  test('removing the authenticator app of a contact is recorded', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const id = await idOf(jar, ACCOUNTS.aobaUser.id);
    const res = await post(jar, `/contacts/${id}`, `/contacts/${id}/mfa-reset`, {});
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/contacts/${id}?mfa_removed=1`);
    const history = await jarRequest(base, jar, '/history');
    assert.match(history.body, /data-event="account\.mfa_removed"/);
  });

  test('the last enabled admin cannot remove their own admin flag', async () => {
    const jar = await signedInJar(base, ACCOUNTS.sakuraAdmin.id);
    const self = await idOf(jar, ACCOUNTS.sakuraAdmin.id);
    const mine = await formValues(jar, self);
    assert.equal(mine.is_admin, true);
    const fields = { name: mine.name, email: mine.email, user_id: mine.user_id, lang: 'ja', time_zone: 'Asia/Tokyo' };
    let res = await post(jar, `/contacts/${self}`, `/contacts/${self}`, fields);
    assert.equal(res.status, 409);
    assert.match(res.body, /role="alert"/);
    assert.match(res.body, /管理者|administrator/);
    assert.equal((await formValues(jar, self)).is_admin, true, 'still an admin');

    // Once another user is an admin, stepping down works (and the page is no longer theirs).
    const other = await idOf(jar, ACCOUNTS.sakuraUser.id);
    const user = await formValues(jar, other);
    res = await post(jar, `/contacts/${other}`, `/contacts/${other}`, {
      name: user.name,
      email: user.email,
      user_id: user.user_id,
      lang: 'ja',
      time_zone: 'Asia/Tokyo',
      is_admin: '1',
    });
    assert.equal(res.status, 303);
    res = await post(jar, `/contacts/${self}`, `/contacts/${self}`, fields);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/');
    assert.equal((await jarRequest(base, jar, '/contacts')).status, 404);
    const newAdmin = await signedInJar(base, ACCOUNTS.sakuraUser.id);
    assert.equal((await formValues(newAdmin, self)).is_admin, false);
  });
});

describe('who may manage contacts', () => {
  test('a customer user who is not an admin, and provider staff, get 404', async () => {
    for (const who of ['aobaUser', 'agent']) {
      const jar = await signedInJar(base, ACCOUNTS[who].id);
      for (const p of ['/contacts', '/contacts/new', '/contacts/1']) {
        const res = await jarRequest(base, jar, p);
        assert.equal(res.status, 404, `${who} ${p}`);
        assert.equal(h1Of(res.body), NOT_FOUND);
      }
      const res = await post(jar, '/', '/contacts/new', { name: 'x', email: 'x@example.com', user_id: 'x@example.com.cs' });
      assert.equal(res.status, 404, `${who} POST /contacts/new`);
      const home = await jarRequest(base, jar, '/');
      assert.doesNotMatch(home.body, /href="\/contacts/, `${who} sees no link to the contacts`);
    }
    const visitor = await request(base, '/contacts');
    assert.equal(visitor.status, 303);
    assert.match(visitor.headers.location, /^\/login\?next=%2Fcontacts|^\/login\?next=\/contacts/);
  });

  test('an admin of あおば gets 404 on a user of かもめ, exactly as for a missing id, and nothing changes', async () => {
    const kamome = await signedInJar(base, ACCOUNTS.kamomeAdmin.id);
    const target = await idOf(kamome, ACCOUNTS.kamomeUser.id);
    const before = await formValues(kamome, target);
    const aoba = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const missing = await jarRequest(base, aoba, '/contacts/999999');
    assert.equal(missing.status, 404);
    const res = await jarRequest(base, aoba, `/contacts/${target}`);
    assert.equal(res.status, 404);
    assert.equal(h1Of(res.body), NOT_FOUND);
    const strip = (html) => html.replace(/name="csrf" value="[^"]*"/g, '');
    assert.equal(strip(res.body), strip(missing.body));
    assert.doesNotMatch(res.body, /鴎|kamome/);

    const edit = {
      name: '乗っ取り',
      email: 'evil@example.com',
      user_id: 'evil@example.com.cs',
      lang: 'en',
      time_zone: 'UTC',
      is_admin: '1',
    };
    for (const [p, fields] of [
      [`/contacts/${target}`, edit],
      [`/contacts/${target}/disable`, {}],
      [`/contacts/${target}/enable`, {}],
      [`/contacts/${target}/mfa-reset`, {}],
    ]) {
      const r = await post(aoba, '/contacts', p, fields);
      assert.equal(r.status, 404, `POST ${p}`);
      assert.equal(h1Of(r.body), NOT_FOUND);
    }
    const afterwards = await formValues(kamome, target);
    for (const k of ['name', 'email', 'user_id', 'title', 'is_admin', 'disabled']) {
      assert.deepEqual(afterwards[k], before[k], k);
    }
    await signedInJar(base, ACCOUNTS.kamomeUser.id);
    // Nor does the list or its search show them.
    const list = await jarRequest(base, aoba, '/contacts?q=kamome');
    assert.doesNotMatch(list.body, /kamome\.example/);
    // And their login history has no trace of the attempts.
    const history = await jarRequest(base, kamome, '/history');
    assert.doesNotMatch(history.body, /data-event="account\./);
  });
});

describe('sign-in of an invited user', () => {
  test('the invited user sets a password through the link and signs in', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const res = await post(jar, '/contacts/new', '/contacts/new', {
      name: '招待 三郎',
      email: 'saburo@example.co.jp',
      user_id: '',
    });
    assert.equal(res.status, 422);
    const created = await post(jar, '/contacts/new', '/contacts/new', {
      name: '招待 三郎',
      email: 'saburo@example.co.jp',
      user_id: 'saburo@example.co.jp.cs',
      lang: 'ja',
      time_zone: 'Asia/Tokyo',
    });
    assert.equal(created.status, 303);
    const [mail] = await mailsTo('saburo@example.co.jp');
    assert.ok(mail, 'invitation sent');
    const token = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(mail.text)[1];
    const setPage = await request(base, `/password/reset/${token}`);
    assert.equal(setPage.status, 200);
    const cookies = (setPage.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
    const password = 'Kq7#vX2mPw9!zR';
    const done = await request(base, `/password/reset/${token}`, {
      method: 'POST',
      headers: { ...FORM, Cookie: cookies },
      body: form({ csrf: csrfOf(setPage.body), password, confirm: password }),
    });
    assert.equal(done.status, 303, done.body.slice(0, 500));
    await signedInJar(base, 'saburo@example.co.jp.cs', password);
    assert.equal((await signInHTTP(base, 'saburo@example.co.jp.cs', DEMO_PASSWORD)).res.status, 401);
  });
});
