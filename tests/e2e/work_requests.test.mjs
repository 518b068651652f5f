// Work requests (SPEC §5, guide 4.7): the catalog and the requesting, end to
// end. A provider admin creates a work item with its form fields in the
// console (with validation); a customer of the service sees it numbered in
// the catalog (a customer without the service neither sees it nor reaches
// it); the form refuses bad answers next to each field, keeps what was
// typed and stores nothing; a correct request with an attachment gets its
// WR number, a closable confirmation (with and without script) and a mail
// with its content over real SMTP; it is listed as 受付中 and its file
// downloads identical. Another customer reaches none of it (404), a POST
// without the CSRF token is refused, the pages work in English, and a
// retired (and renamed) item disappears from the catalog while the old
// request keeps its own name and answers. axe-core checks every new page.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { Jar, csrfOf, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';
import { startSmtp } from './lib/smtp.mjs';

let srv;
let base;
let browser;
let mail;
before(async () => {
  mail = await startSmtp();
  [srv, browser] = await Promise.all([startServer({ args: ['--smtp-url', mail.url] }), launchBrowser()]);
  base = srv.baseURL;
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  await mail?.stop();
});

// ---------------------------------------------------------------- helpers

const ITEM = {
  ja: 'CSPM テスト作業',
  en: 'CSPM test work',
  renamed: 'CSPM 改名後の作業',
  points: '7',
};
// The fields the admin adds, in order: [kind, label ja, label en, choices ja, choices en, required].
const FIELDS = [
  ['text', '対象アカウント', 'Target account', '', '', true],
  ['choice', 'フレームワーク', 'Framework', 'CIS\nNIST\nISO27001', 'CIS\nNIST\nISO27001', true],
  ['date', '希望日', 'Preferred date', '', '', false],
  ['checkbox', '緊急', 'Urgent', '', '', false],
  ['textarea', '備考', 'Notes', '', '', false],
];

/** A multipart/form-data body; fields is a list of [name, value] in order (csrf first). */
function multipart(fields, files = []) {
  const boundary = `----madoguchi-e2e-${crypto.randomBytes(8).toString('hex')}`;
  const parts = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\n` +
          `Content-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(f.data),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function postMultipart(jar, url, fields, files = []) {
  const { body, type } = multipart(fields, files);
  return jarRequest(base, jar, url, { method: 'POST', headers: { 'Content-Type': type }, body });
}

/** The objects of the file store and what waits in its tmp folder. */
function store() {
  const root = path.join(srv.dataDir, 'files');
  const objects = [];
  if (fs.existsSync(root)) {
    for (const a of fs.readdirSync(root)) {
      if (!/^[0-9a-f]{2}$/.test(a)) continue;
      for (const b of fs.readdirSync(path.join(root, a))) objects.push(...fs.readdirSync(path.join(root, a, b)));
    }
  }
  const tmp = path.join(root, 'tmp');
  return { objects: objects.sort(), pending: fs.existsSync(tmp) ? fs.readdirSync(tmp) : [] };
}

/** The WR numbers listed on /requests/mine for a jar. */
async function myRequests(jar) {
  const res = await jarRequest(base, jar, '/requests/mine');
  assert.equal(res.status, 200);
  return [...res.body.matchAll(/href="\/requests\/(WR\d{7})"/g)].map((m) => m[1]);
}

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

const jars = {};
async function jarFor(who) {
  jars[who] ??= await signedInJar(base, ACCOUNTS[who].id);
  return jars[who];
}

// ---------------------------------------------------------------- the flow

describe('catalog and requesting', () => {
  let adminCtx;
  let admin;
  let itemId;
  const fieldIds = [];
  let number;
  let attachment; // {name, data}

  before(async () => {
    adminCtx = await newContext(browser, base);
    admin = await adminCtx.newPage();
    await signIn(admin, ACCOUNTS.providerAdmin.id);
  });
  after(async () => {
    await adminCtx?.close();
  });

  test('the console lists the demo catalog per service, numbered, with ▲▼ and retire', async () => {
    const errors = watchErrors(admin);
    await admin.goto('/console');
    // A provider admin's menu is too long for one line at 1,280 px: the ≡ menu holds it.
    if (await admin.locator('button.nav-toggle').isVisible()) await admin.locator('button.nav-toggle').click();
    await navigating(admin, () => admin.locator('#site-nav a[href="/console/catalog"]').click());
    const body = await admin.locator('main').innerText();
    assert.match(body, /1\. CSPM 検知ポリシー変更/);
    assert.match(body, /3\. CSPM コンプライアンスレポート作成/);
    assert.ok((await admin.locator('button[aria-label="上へ移動"]').count()) > 0);
    await checkA11y(admin, { label: '/console/catalog' });
    assert.deepEqual(errors, []);
  });

  test('an agent (not admin) and a customer cannot reach the console catalog (404)', async () => {
    for (const who of ['agent', 'aobaAdmin']) {
      const res = await jarRequest(base, await jarFor(who), '/console/catalog');
      assert.equal(res.status, 404, who);
    }
  });

  test('creating an item: bad input is answered next to the fields and kept; then it is created', async () => {
    await admin.goto('/console/catalog/new');
    await admin.locator('#service').selectOption({ label: 'マネージドCSPM' });
    await admin.locator('#name_ja').fill('');
    await admin.locator('#name_en').fill(ITEM.en);
    await admin.locator('#points').fill('-3');
    // The browser's own checks would stop the form first: the server's are under test.
    await admin.evaluate(() => document.querySelectorAll('[required],[min]').forEach((e) => e.removeAttribute('required')));
    await navigating(admin, () => admin.locator('form[action="/console/catalog/new"] button[type="submit"]').click());
    assert.match(await admin.locator('#name_ja-error').innerText(), /\S/);
    assert.match(await admin.locator('#points-error').innerText(), /\S/);
    assert.equal(await admin.locator('#name_en').inputValue(), ITEM.en, 'what was typed is kept');
    assert.equal(await admin.locator('#points').inputValue(), '-3');
    await checkA11y(admin, { label: '/console/catalog/new (errors)' });

    await admin.locator('#name_ja').fill(ITEM.ja);
    await admin.locator('#description_ja').fill('テスト用の作業です。\n2 行目。');
    await admin.locator('#description_en').fill('A work item for the tests.');
    await admin.locator('#points').fill(ITEM.points);
    await navigating(admin, () => admin.locator('form[action="/console/catalog/new"] button[type="submit"]').click());
    const m = /\/console\/catalog\/(\d+)\?saved=1$/.exec(admin.url());
    assert.ok(m, `redirected to ${admin.url()}`);
    itemId = m[1];
    // The demo has three CSPM items: the new one comes fourth.
    assert.equal((await admin.locator('h1').innerText()).trim(), `4. ${ITEM.ja}`);
  });

  test('its form fields: unequal choices are refused, then five fields of every kind are added', async () => {
    const form = admin.locator(`form[action="/console/catalog/${itemId}/fields"]`);
    await form.locator('#kind').selectOption('choice');
    await form.locator('#label_ja').fill('フレームワーク');
    await form.locator('#label_en').fill('Framework');
    await form.locator('#choices_ja').fill('CIS\nNIST\nISO27001');
    await form.locator('#choices_en').fill('CIS\nNIST');
    await navigating(admin, () => form.locator('button[type="submit"]').click());
    assert.match(await admin.locator('#choices_en-error').innerText(), /3/);
    assert.equal(await admin.locator('#choices_ja').inputValue(), 'CIS\nNIST\nISO27001');

    for (const [kind, ja, en, cja, cen, required] of FIELDS) {
      const f = admin.locator(`form[action="/console/catalog/${itemId}/fields"]`);
      await f.locator('#kind').selectOption(kind);
      await f.locator('#label_ja').fill(ja);
      await f.locator('#label_en').fill(en);
      await f.locator('#choices_ja').fill(cja);
      await f.locator('#choices_en').fill(cen);
      await f.locator('#required').setChecked(required);
      await navigating(admin, () => f.locator('button[type="submit"]').click());
      assert.match(admin.url(), new RegExp(`/console/catalog/${itemId}\\?saved=1$`));
    }
    const links = await admin.locator(`a[href^="/console/catalog/${itemId}/fields/"]`).evaluateAll((as) =>
      as.map((a) => [a.getAttribute('href'), a.textContent]),
    );
    assert.deepEqual(
      links.map(([, t]) => t),
      FIELDS.map((f) => f[1]),
    );
    for (const [href] of links) fieldIds.push(href.split('/').pop());
    await checkA11y(admin, { label: `/console/catalog/${itemId}` });
    await admin.goto(links[1][0]);
    assert.equal(await admin.locator('#choices_en').inputValue(), 'CIS\nNIST\nISO27001');
    await checkA11y(admin, { label: 'field edit page' });
  });

  test('a customer of the service sees it numbered in the catalog; one without the service gets 404', async () => {
    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, ACCOUNTS.aobaUser.id);
    await page.goto('/');
    await navigating(page, () => page.locator('#site-nav a[href="/requests"]').click());
    const nav = await page.locator('#site-nav a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    assert.ok(nav.indexOf('/inquiry') < nav.indexOf('/requests') && nav.indexOf('/requests') < nav.indexOf('/cases'),
      `menu order: ${nav.join(' ')}`);
    assert.equal((await page.locator('h1').innerText()).trim(), '作業依頼');
    const text = await page.locator('main').innerText();
    assert.match(text, /1\. CSPM 検知ポリシー変更/);
    assert.match(text, new RegExp(`4\\. ${ITEM.ja}`));
    assert.match(text, /ポイント: 7/);
    await checkA11y(page, { label: '/requests' });
    await navigating(page, () => page.locator(`a[href="/requests/items/${itemId}"]`).click());
    assert.equal((await page.locator('h1').innerText()).trim(), `4. ${ITEM.ja}`);
    // Required fields are marked; the choice with three options is a group of radios.
    assert.equal(await page.locator(`#f${fieldIds[0]}[required]`).count(), 1);
    assert.equal(await page.locator(`input[type="radio"][name="f${fieldIds[1]}"]`).count(), 3);
    assert.equal(await page.locator(`input[type="date"]#f${fieldIds[2]}`).count(), 1);
    assert.equal(await page.locator('input[type="file"][multiple]').count(), 1);
    assert.equal(await page.locator('progress.upload-progress').count(), 1);
    await checkA11y(page, { label: `/requests/items/${itemId}` });
    assert.deepEqual(errors, []);
    await ctx.close();

    const kamome = await jarFor('kamomeUser');
    const catalog = await jarRequest(base, kamome, '/requests');
    assert.equal(catalog.status, 200);
    assert.ok(!catalog.body.includes(ITEM.ja), 'not in the catalog of a customer without CSPM');
    assert.ok(!catalog.body.includes('CSPM'), 'no CSPM item at all');
    assert.match(catalog.body, /SOAR プレイブック作成/);
    assert.equal((await jarRequest(base, kamome, `/requests/items/${itemId}`)).status, 404);
  });

  test('bad answers: errors next to the fields, everything typed kept, nothing stored', async () => {
    const jar = await jarFor('aobaUser');
    const before = { requests: await myRequests(jar), store: store() };
    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    await signIn(page, ACCOUNTS.aobaUser.id);
    await page.goto(`/requests/items/${itemId}`);
    // Past the browser's own checks, to what only the server decides.
    await page.evaluate((ids) => {
      document.querySelectorAll('[required]').forEach((e) => e.removeAttribute('required'));
      document.getElementById(`f${ids[2]}`).type = 'text';
      document.querySelector(`input[type="radio"][name="f${ids[1]}"]`).value = '9';
    }, fieldIds);
    await page.locator(`#f${fieldIds[0]}`).fill('   ');
    await page.locator(`input[type="radio"][name="f${fieldIds[1]}"]`).first().check();
    await page.locator(`#f${fieldIds[2]}`).fill('2026-02-30');
    await page.locator(`#f${fieldIds[3]}`).check();
    await page.locator(`#f${fieldIds[4]}`).fill('残しておく備考\n2 行目');
    await navigating(page, () => page.locator('form[data-upload] button[type="submit"]').click());
    for (const i of [0, 1, 2]) {
      const err = page.locator(`#f${fieldIds[i]}-error`);
      assert.equal(await err.count(), 1, `an error next to field ${FIELDS[i][1]}`);
      assert.match(await err.innerText(), /\S/);
    }
    assert.equal(await page.locator(`#f${fieldIds[3]}-error`).count(), 0);
    assert.equal(await page.locator(`#f${fieldIds[4]}-error`).count(), 0);
    assert.equal(await page.locator(`#f${fieldIds[2]}`).inputValue(), '2026-02-30', 'the date as typed');
    assert.equal(await page.locator(`#f${fieldIds[3]}`).isChecked(), true, 'the box stays checked');
    assert.equal(await page.locator(`#f${fieldIds[4]}`).inputValue(), '残しておく備考\n2 行目');
    await checkA11y(page, { label: 'item form with errors' });
    await ctx.close();

    // Over HTTP: the answer is 422, a choice must be one of the choices, a date a real one.
    const form = await jarRequest(base, jar, `/requests/items/${itemId}`);
    const res = await postMultipart(
      jar,
      `/requests/items/${itemId}`,
      [
        ['csrf', csrfOf(form.body)],
        [`f${fieldIds[0]}`, '123456789012'],
        [`f${fieldIds[1]}`, 'SOC2'],
        [`f${fieldIds[2]}`, '2026-13-01'],
      ],
      [{ name: 'refused2.bin', data: crypto.randomBytes(1024) }],
    );
    assert.equal(res.status, 422);
    assert.match(res.body, new RegExp(`id="f${fieldIds[1]}-error"`));
    assert.match(res.body, new RegExp(`id="f${fieldIds[2]}-error"`));
    assert.match(res.body, /value="123456789012"/);
    assert.match(res.body, /選択したファイルは保存されていません/, 'the refused files are to be chosen again');

    await new Promise((r) => setTimeout(r, 300)); // the refused files go when the request ends
    assert.deepEqual(await myRequests(jar), before.requests, 'no request stored');
    assert.deepEqual(store(), before.store, 'no file kept');
  });

  test('a correct request with an attachment: WR number, closable message, listed as 受付中, mailed', async () => {
    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await signIn(page, ACCOUNTS.aobaUser.id);
    await page.goto(`/requests/items/${itemId}`);
    attachment = { name: '構成図 v2.pdf', data: Buffer.from('%PDF-1.4\n% test\n%%EOF\n'), type: 'application/pdf' };
    await page.locator(`#f${fieldIds[0]}`).fill('123456789012');
    await page.locator(`input[type="radio"][name="f${fieldIds[1]}"][value="2"]`).check();
    await page.locator(`#f${fieldIds[2]}`).fill('2026-12-24');
    await page.locator(`#f${fieldIds[4]}`).fill('備考の 1 行目\n2 行目');
    await page.locator('#files').setInputFiles({ name: attachment.name, mimeType: attachment.type, buffer: attachment.data });
    await navigating(page, () => page.locator('form[data-upload] button[type="submit"]').click());
    const m = /\/requests\/(WR\d{7})\?sent=1$/.exec(page.url());
    assert.ok(m, `landed on ${page.url()}`);
    number = m[1];
    assert.equal(number, 'WR0000001');
    const alert = page.locator('.alert-success');
    assert.match(await alert.innerText(), new RegExp(number));
    await checkA11y(page, { label: `/requests/${number}?sent=1` });
    await alert.locator('[data-dismiss]').click();
    assert.equal(await page.locator('.alert-success').count(), 0, '× closes the message');
    assert.match(page.url(), /\?sent=1$/, 'in place, with script');
    const main = await page.locator('main').innerText();
    for (const s of ['受付中', '123456789012', 'NIST', '2026-12-24', 'いいえ', '備考の 1 行目', attachment.name, `4. ${ITEM.ja}`]) {
      assert.ok(main.includes(s), `the request page shows ${s}`);
    }
    await navigating(page, () => page.locator('.breadcrumb a').click());
    assert.equal(new URL(page.url()).pathname, '/requests/mine');
    const row = page.locator('tbody tr', { hasText: number });
    assert.match(await row.innerText(), /受付中/);
    assert.match(await row.innerText(), new RegExp(`4\\. ${ITEM.ja}`));
    await checkA11y(page, { label: '/requests/mine' });
    assert.deepEqual(errors, []);
    await ctx.close();

    const got = await mail.next('user@aoba.example');
    assert.match(got.subject, new RegExp(`\\[${number}\\]`));
    assert.ok(got.subject.includes(`4. ${ITEM.ja}`), got.subject);
    for (const s of [number, `4. ${ITEM.ja}`, '対象アカウント', '123456789012', 'フレームワーク', 'NIST', '希望日', '2026-12-24', '緊急', 'いいえ', '備考の 1 行目', '  2 行目', attachment.name, `/requests/${number}`]) {
      assert.ok(got.text.includes(s), `the mail holds ${JSON.stringify(s)}:\n${got.text}`);
    }
  });

  test('without script, the × of the message is a link to the page without it', async () => {
    const ctx = await newContext(browser, base, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    await signIn(page, ACCOUNTS.aobaUser.id);
    await page.goto(`/requests/${number}?sent=1`);
    assert.equal(await page.locator('.alert-success').count(), 1);
    await navigating(page, () => page.locator('.alert-success [data-dismiss]').click());
    assert.equal(new URL(page.url()).search, '');
    assert.equal(await page.locator('.alert-success').count(), 0);
    await ctx.close();
  });

  test('the attachment downloads identical, as an attachment with nosniff', async () => {
    const jar = await jarFor('aobaUser');
    const pageRes = await jarRequest(base, jar, `/requests/${number}`);
    const href = /href="(\/requests\/WR\d{7}\/files\/\d+)"/.exec(pageRes.body)[1];
    const res = await new Promise((resolve, reject) => {
      import('node:http').then(({ default: http }) => {
        http
          .get(`${base}${href}`, { headers: { Cookie: jar.header() } }, (r) => {
            const chunks = [];
            r.on('data', (c) => chunks.push(c));
            r.on('end', () => resolve({ status: r.statusCode, headers: r.headers, body: Buffer.concat(chunks) }));
          })
          .on('error', reject);
      });
    });
    assert.equal(res.status, 200);
    assert.equal(sha256(res.body), sha256(attachment.data));
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-disposition'], /^attachment;/);
    assert.ok(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(res.headers['content-disposition'])[1]) === attachment.name);
    // Kept in the store under its SHA-256.
    const h = sha256(attachment.data);
    assert.ok(fs.existsSync(path.join(srv.dataDir, 'files', h.slice(0, 2), h.slice(2, 4), h)));
    // The same customer's other user sees the request too.
    assert.equal((await jarRequest(base, await jarFor('aobaAdmin'), `/requests/${number}`)).status, 200);
  });

  test("another customer gets 404 on the request, its file and (without the service) the item form", async () => {
    const jar = await jarFor('aobaUser');
    const href = /href="(\/requests\/WR\d{7}\/files\/\d+)"/.exec((await jarRequest(base, jar, `/requests/${number}`)).body)[1];
    for (const who of ['sakuraUser', 'kamomeAdmin']) {
      const other = await jarFor(who);
      assert.equal((await jarRequest(base, other, `/requests/${number}`)).status, 404, `${who}: request`);
      assert.equal((await jarRequest(base, other, href)).status, 404, `${who}: file`);
      assert.ok(!(await myRequests(other)).includes(number), `${who}: not listed`);
    }
    assert.equal((await jarRequest(base, await jarFor('kamomeUser'), `/requests/items/${itemId}`)).status, 404);
    // Unknown and malformed numbers answer the same 404.
    assert.equal((await jarRequest(base, jar, '/requests/WR9999999')).status, 404);
    assert.equal((await jarRequest(base, jar, '/requests/WR1')).status, 404);
    // Staff do not use the customer's pages.
    assert.equal((await jarRequest(base, await jarFor('agent'), `/requests/${number}`)).status, 404);
  });

  test('a POST without the CSRF token is refused and stores nothing', async () => {
    const jar = await jarFor('aobaUser');
    const before = await myRequests(jar);
    const res = await postMultipart(jar, `/requests/items/${itemId}`, [
      [`f${fieldIds[0]}`, 'x'],
      [`f${fieldIds[1]}`, '1'],
    ]);
    assert.equal(res.status, 403);
    const forged = await postMultipart(jar, `/requests/items/${itemId}`, [
      ['csrf', 'forged'],
      [`f${fieldIds[0]}`, 'x'],
      [`f${fieldIds[1]}`, '1'],
    ]);
    assert.equal(forged.status, 403);
    assert.deepEqual(await myRequests(jar), before);
  });

  test('in English: catalog, form, request and mail', async () => {
    const ctx = await newContext(browser, base, { locale: 'en-US' });
    const page = await ctx.newPage();
    await signIn(page, ACCOUNTS.sakuraUser.id);
    await page.goto('/profile');
    await page.locator('#lang').selectOption('en');
    await navigating(page, () => page.locator('form[action="/profile"] button[type="submit"]').click());
    await page.goto('/requests');
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    assert.equal((await page.locator('h1').innerText()).trim(), 'Work requests');
    const text = await page.locator('main').innerText();
    assert.match(text, /1\. CSPM detection policy change/);
    assert.match(text, new RegExp(`4\\. ${ITEM.en}`));
    assert.match(text, /EDR exclusion rule/);
    await checkA11y(page, { label: '/requests (en)' });
    await page.goto(`/requests/items/${itemId}`);
    await page.locator(`#f${fieldIds[0]}`).fill('acct-en');
    await page.locator(`input[type="radio"][name="f${fieldIds[1]}"][value="3"]`).check();
    await page.locator(`#f${fieldIds[3]}`).check();
    await navigating(page, () => page.locator('form[data-upload] button[type="submit"]').click());
    assert.match(page.url(), /\/requests\/WR0000002\?sent=1$/);
    const main = await page.locator('main').innerText();
    for (const s of ['Received', 'Target account', 'acct-en', 'ISO27001', 'Urgent', 'Yes', `4. ${ITEM.en}`]) {
      assert.ok(main.includes(s), `the English page shows ${s}`);
    }
    await checkA11y(page, { label: '/requests/WR0000002 (en)' });
    await ctx.close();
    const got = await mail.next('user@sakura.example');
    assert.equal(got.headers.get('content-language')?.[0], 'en');
    assert.ok(got.subject.includes('Work request received'), got.subject);
    assert.ok(got.text.includes('Target account') && got.text.includes('acct-en') && got.text.includes('Urgent'), got.text);
  });

  test('renaming, reordering and retiring the item: hidden from the catalog, the old request unchanged', async () => {
    // Rename it.
    await admin.goto(`/console/catalog/${itemId}`);
    await admin.locator('#name_ja').fill(ITEM.renamed);
    await navigating(admin, () => admin.locator(`form[action="/console/catalog/${itemId}"] button[type="submit"]`).click());
    assert.equal((await admin.locator('h1').innerText()).trim(), `4. ${ITEM.renamed}`);
    // Move it up: it becomes 3., the compliance report 4.
    await admin.goto('/console/catalog');
    await navigating(admin, () => admin.locator(`form[action="/console/catalog/${itemId}/move"] button[aria-label="上へ移動"]`).click());
    let text = await admin.locator('main').innerText();
    assert.match(text, new RegExp(`3\\. ${ITEM.renamed}`));
    assert.match(text, /4\. CSPM コンプライアンスレポート作成/);
    // Retire the first question: the form no longer asks it.
    await admin.goto(`/console/catalog/${itemId}`);
    await navigating(admin, () => admin.locator(`form[action="/console/catalog/${itemId}/fields/${fieldIds[4]}/retire"] button`).click());
    const jar = await jarFor('aobaUser');
    const form = await jarRequest(base, jar, `/requests/items/${itemId}`);
    assert.equal(form.status, 200);
    assert.ok(!form.body.includes(`f${fieldIds[4]}`), 'a retired field is not asked');
    // Retire the item.
    await admin.goto('/console/catalog');
    await navigating(admin, () => admin.locator(`form[action="/console/catalog/${itemId}/retire"] button`).click());
    text = await admin.locator('main').innerText();
    assert.match(text, /公開終了/);

    const catalog = await jarRequest(base, jar, '/requests');
    assert.ok(!catalog.body.includes(ITEM.renamed) && !catalog.body.includes(ITEM.ja), 'hidden from the catalog');
    assert.equal((await jarRequest(base, jar, `/requests/items/${itemId}`)).status, 404);
    const old = await jarRequest(base, jar, `/requests/${number}`);
    assert.equal(old.status, 200);
    assert.ok(old.body.includes(`4. ${ITEM.ja}`), 'the request keeps the name it was made under');
    assert.ok(!old.body.includes(ITEM.renamed));
    for (const s of ['対象アカウント', '123456789012', 'NIST', '備考', '備考の 1 行目']) assert.ok(old.body.includes(s), s);
    const mine = await jarRequest(base, jar, '/requests/mine');
    assert.ok(mine.body.includes(`4. ${ITEM.ja}`));

    // Restoring brings it back, under its new name and place.
    await navigating(admin, () => admin.locator(`form[action="/console/catalog/${itemId}/restore"] button`).click());
    const back = await jarRequest(base, jar, '/requests');
    assert.ok(back.body.includes(`3. ${ITEM.renamed}`));
  });

  test('the changes to the catalog are audited', async () => {
    const { execFileSync } = await import('node:child_process');
    const events = execFileSync(
      'sqlite3',
      [path.join(srv.dataDir, 'madoguchi.db'), "SELECT event FROM audit_events WHERE event LIKE 'catalog.%' OR event LIKE 'work_request.%' ORDER BY id"],
      { encoding: 'utf8' },
    );
    for (const e of ['catalog.item_created', 'catalog.field_created', 'catalog.item_updated', 'catalog.item_moved', 'catalog.field_retired', 'catalog.item_retired', 'catalog.item_restored', 'work_request.submitted']) {
      assert.ok(events.includes(e), `${e} in\n${events}`);
    }
  });
});

describe('a fresh visitor', () => {
  test('the customer pages ask to sign in', async () => {
    const res = await jarRequest(base, new Jar(), '/requests');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login/);
  });
});
