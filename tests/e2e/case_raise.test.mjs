// Raising a case for a customer from the console (SPEC §4, provider side):
// the queue links to it; the agent finds the customer by name or number,
// then chooses one of that customer's services and contacts — never another
// customer's — and the chosen contact is the one mailed. Refusals keep what
// was typed, with the message next to its field.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { csrfOf, jarRequest, signedInJar } from './lib/http.mjs';
import { mailsTo } from './lib/outbox.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

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

function multipart(fields) {
  const boundary = `----raise${Math.random().toString(16).slice(2)}`;
  const parts = fields.map(
    ([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`,
  );
  return { body: `${parts.join('')}--${boundary}--\r\n`, type: `multipart/form-data; boundary=${boundary}` };
}

describe('raising a case for a customer', () => {
  test('search, choose the customer, its service and contact; the contact gets the mail', async () => {
    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, ACCOUNTS.agent.id);
    await page.goto('/console/cases');
    await navigating(page, () => page.locator('main a[href="/console/cases/new"]').click());
    await page.locator('#q').fill('かもめ');
    await navigating(page, () => page.locator('form[role="search"] button').click());
    const choices = page.locator('.choice-list a');
    assert.equal(await choices.count(), 1, 'one customer matches かもめ');
    assert.match(await choices.textContent(), /N200000002/);
    await navigating(page, () => choices.click());
    // Only かもめ's contacts are offered.
    const contacts = await page.locator('#contact option').allTextContents();
    assert.ok(contacts.length >= 2, `contacts: ${contacts}`);
    assert.ok(contacts.every((c) => c.includes('kamome.example')), `contacts: ${contacts}`);
    const user = contacts.find((c) => c.includes(ACCOUNTS.kamomeUser.name));
    assert.ok(user, 'the non-admin contact is offered');
    await page.locator('#contact').selectOption({ label: user });
    await page.locator('#category').selectOption('alarm');
    // A subject over 160 characters comes back with its message; the rest is kept.
    await page.locator('#subject').evaluate((el) => el.removeAttribute('maxlength'));
    await page.locator('#subject').fill('警'.repeat(161));
    await page.locator('#description').fill('検知内容の詳細');
    await navigating(page, () => page.locator('form[enctype] button[type="submit"]').click());
    assert.match(await page.locator('#subject-error, .field-error').first().textContent(), /160/);
    assert.equal(await page.locator('#description').inputValue(), '検知内容の詳細');
    assert.equal(await page.locator('#contact option:checked').textContent(), user);
    await page.locator('#subject').fill('不審なログインを検知しました');
    await navigating(page, () => page.locator('form[enctype] button[type="submit"]').click());
    assert.match(new URL(page.url()).pathname, /^\/console\/cases\/CS\d{7}$/);
    assert.ok((await page.locator('main').textContent()).includes(ACCOUNTS.kamomeUser.name));
    const number = /CS\d{7}/.exec(page.url())[0];
    const mails = await mailsTo(srv.dataDir, 'user@kamome.example', number);
    assert.equal(mails.length, 1, 'the chosen contact is mailed');
    await checkA11y(page, { label: 'the raised case' });
    // The refused form answers 422 on purpose; nothing else may fail.
    assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
    await ctx.close();
  });

  test("another customer's service or contact is refused (422), and an unknown customer number too", async () => {
    const jar = await signedInJar(base, ACCOUNTS.agent.id);
    const aoba = await jarRequest(base, jar, '/console/cases/new?customer=N200000001');
    const aobaService = /<select id="service" name="service"[^>]*><option value="(\d+)"/.exec(aoba.body)[1];
    const aobaContact = /<select id="contact" name="contact"[^>]*><option value="(\d+)"/.exec(aoba.body)[1];
    const kamome = await jarRequest(base, jar, '/console/cases/new?customer=N200000002');
    const kamomeServices = [...kamome.body.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
    const csrf = csrfOf(kamome.body);
    const post = async (fields) => {
      const { body, type } = multipart([['csrf', csrf], ...fields]);
      return jarRequest(base, jar, '/console/cases/new', { method: 'POST', headers: { 'Content-Type': type }, body });
    };
    const common = [
      ['category', 'alarm'],
      ['subject', 'refused raise'],
      ['description', 'x'],
    ];
    const foreignService = kamomeServices.includes(aobaService) ? null : aobaService;
    if (foreignService) {
      const res = await post([['customer', 'N200000002'], ['service', foreignService], ...common]);
      assert.equal(res.status, 422, "another customer's service");
    }
    const res = await post([['customer', 'N200000002'], ['contact', aobaContact], ...common]);
    assert.equal(res.status, 422, "another customer's contact");
    assert.ok(res.body.includes('value="refused raise"'), 'the subject typed is kept');
    assert.equal((await post([['customer', 'N299999999'], ...common])).status, 422);
    assert.equal((await jarRequest(base, jar, '/console/cases/new?customer=N299999999')).status, 404);
    // None of them made a case.
    const queue = await jarRequest(base, jar, '/console/cases?q=&kw=refused');
    assert.ok(!queue.body.includes('refused raise'));
  });

  test('customers cannot reach it (404)', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    assert.equal((await jarRequest(base, jar, '/console/cases/new')).status, 404);
  });
});
