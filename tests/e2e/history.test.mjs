// Login history (ログイン履歴, guide 4.11.1): a user sees their own sign-in and
// account events, an admin their company's, in the viewer's time zone, with
// paging and a date filter; the ≡ menu exports the filtered list as PDF,
// Excel and CSV.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, h1Of, jarRequest, request, signInHTTP, signedInJar } from './lib/http.mjs';
import { readOutbox } from './lib/outbox.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
let browser;
let downloads;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
  downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'madoguchi-history-'));
});
after(async () => {
  await browser?.close();
  await srv?.stop();
  if (downloads) fs.rmSync(downloads, { recursive: true, force: true });
});

const either = (ja, en) => new RegExp(`^(${ja}|${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`);
const FORMULA_NAME = '=SUM(1+1) 試験';
const FORMULA_LOGIN = 'formula@example.co.jp.cs';
const FORMULA_PASSWORD = 'Kq7#vX2mPw9!zR';

/** "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS" of a time in a zone. */
function inZone(date, timeZone) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return { day, time: `${day} ${parts.hour}:${parts.minute}:${parts.second}` };
}
const tokyo = (offsetDays = 0) => inZone(new Date(Date.now() + offsetDays * 86400_000), 'Asia/Tokyo');

/** The rows of a history page: event name, date, user ID, name. */
function rowsOf(html) {
  return [
    ...html.matchAll(
      /<tr><td><time[^>]*>([^<]*)<\/time><\/td><td data-event="([^"]*)">([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g,
    ),
  ].map((m) => ({ at: m[1], event: m[2], label: m[3], login: m[4], name: m[5], ip: m[6] }));
}

async function history(jar, query = '') {
  const res = await jarRequest(base, jar, `/history${query}`);
  return { ...res, rows: rowsOf(res.body) };
}

async function post(jar, from, p, fields) {
  const page = await jarRequest(base, jar, from);
  return jarRequest(base, jar, p, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** Waits for the invitation mail to address in the file transport; returns its reset token. */
async function invitationToken(address) {
  for (let i = 0; i < 50; i++) {
    for (const m of readOutbox(srv.dataDir)) {
      if (!m.to.toLowerCase().includes(`<${address}>`)) continue;
      const token = /\/password\/reset\/([A-Za-z0-9_-]+)/.exec(m.text);
      if (token) return token[1];
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no invitation mail to ${address}`);
}

describe('the list', () => {
  test('after a failed and a successful sign-in the admin sees both lines, a plain user only their own', async () => {
    const failed = await signInHTTP(base, ACCOUNTS.aobaUser.id, 'Not#The#Password1');
    assert.equal(failed.res.status, 401);
    const userJar = await signedInJar(base, ACCOUNTS.aobaUser.id);

    const { context, page } = await freshPage();
    const errors = watchErrors(page);
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.locator('.site-nav li.has-sub > details > summary').click();
      await navigating(page, () => page.locator('.site-nav a[href="/history"]').click());
      assert.equal(new URL(page.url()).pathname, '/history');
      assert.match(await page.locator('h1').textContent(), either('ログイン履歴', 'Login history'));
      assert.equal(await page.locator('table.history thead th').count(), 6);
      const rows = rowsOf(await page.content());
      const of = (event, login) => rows.filter((r) => r.event === event && r.login === login);
      assert.equal(of('auth.login_failed', ACCOUNTS.aobaUser.id).length, 1, 'the failed sign-in');
      assert.ok(of('auth.login', ACCOUNTS.aobaUser.id).length >= 1, 'the successful sign-in');
      assert.ok(of('auth.login', ACCOUNTS.aobaAdmin.id).length >= 1, "the admin's own sign-in");
      const line = of('auth.login_failed', ACCOUNTS.aobaUser.id)[0];
      assert.equal(line.name, ACCOUNTS.aobaUser.name);
      assert.equal(line.ip, '127.0.0.1');
      assert.match(line.label, either('ログイン失敗', 'Failed sign-in'));
      assert.match(of('auth.login', ACCOUNTS.aobaUser.id)[0].label, either('ログイン', 'Sign-in'));
      // Newest first, in the viewer's zone (Asia/Tokyo).
      assert.match(rows[0].at, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      const drift = Math.abs(Date.parse(`${rows[0].at.replace(' ', 'T')}+09:00`) - Date.now());
      assert.ok(drift < 5 * 60_000, `${rows[0].at} is not the time in Tokyo (${tokyo().time})`);
      const sorted = [...rows].map((r) => r.at);
      assert.deepEqual(sorted, [...sorted].sort().reverse());
      assert.equal(rows.some((r) => /kamome|sakura|miharashi/.test(r.login)), false);
      await page.locator('details.page-menu > summary').click();
      assert.equal(await page.locator('details.page-menu a').count(), 3);
      await checkA11y(page, { label: '/history' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }

    const mine = await history(userJar);
    assert.equal(mine.status, 200);
    assert.ok(mine.rows.length >= 2);
    assert.ok(mine.rows.every((r) => r.login === ACCOUNTS.aobaUser.id), 'a plain user sees only their own lines');
    assert.ok(mine.rows.some((r) => r.event === 'auth.login_failed'));
    assert.ok(mine.rows.some((r) => r.event === 'auth.login'));
    assert.doesNotMatch(mine.body, new RegExp(ACCOUNTS.aobaAdmin.name));

    const kamome = await history(await signedInJar(base, ACCOUNTS.kamomeAdmin.id));
    assert.ok(kamome.rows.length >= 1);
    assert.ok(kamome.rows.every((r) => r.login.endsWith('@kamome.example.cs')), 'another company sees none of these');
    assert.doesNotMatch(kamome.body, /aoba/);
  });

  test('20 lines per page, with the count and a link to the next page', async () => {
    const admin = await signedInJar(base, ACCOUNTS.sakuraAdmin.id);
    for (let i = 0; i < 21; i++) await signedInJar(base, ACCOUNTS.sakuraUser.id);
    const first = await history(admin);
    assert.equal(first.rows.length, 20);
    const total = Number(/<nav class="pager"[^>]*>[\s\S]*?(?:\/ (\d+) 件|of (\d+))/.exec(first.body).slice(1).find(Boolean));
    assert.ok(total >= 22, `total ${total}`);
    assert.match(first.body, new RegExp(`1~20 件目 / ${total} 件|1–20 of ${total}`));
    assert.match(first.body, /<a rel="next" href="\/history\?page=2">/);
    const second = await history(admin, '?page=2');
    assert.equal(second.rows.length, total - 20 > 20 ? 20 : total - 20);
    assert.match(second.body, /<a rel="prev" href="\/history\?page=1">/);
  });

  test('customer users only: staff get 404', async () => {
    const agent = await signedInJar(base, ACCOUNTS.agent.id);
    for (const p of ['/history', '/history/export?format=csv']) {
      const res = await jarRequest(base, agent, p);
      assert.equal(res.status, 404, p);
      assert.equal(h1Of(res.body), 'ページが見つかりません');
    }
    const visitor = await request(base, '/history/export?format=csv');
    assert.equal(visitor.status, 303);
  });
});

describe('the date filter', () => {
  test('days are those of the viewer, invalid dates are refused next to the field', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const today = tokyo().day;
    const all = await history(jar);
    const todays = await history(jar, `?from=${today}&to=${today}`);
    assert.equal(todays.status, 200);
    assert.ok(todays.rows.length > 0);
    assert.deepEqual(todays.rows.slice(0, 5), all.rows.slice(0, 5));
    for (const q of [`?from=${tokyo(1).day}`, `?to=${tokyo(-1).day}`, '?from=2001-01-01&to=2001-12-31']) {
      const none = await history(jar, q);
      assert.equal(none.status, 200, q);
      assert.equal(none.rows.length, 0, q);
      assert.match(none.body, /0~0 件目 \/ 0 件|0–0 of 0/);
    }
    // The pager and the export links keep the filter.
    assert.match(todays.body, new RegExp(`href="/history/export\\?from=${today}&amp;to=${today}&amp;format=csv"`));

    for (const [q, field] of [
      ['?from=2024-02-30', 'from'],
      ['?to=tomorrow', 'to'],
      ['?from=2024-1-5', 'from'],
      [`?from=${today}&to=2001-01-01`, 'to'],
    ]) {
      const bad = await jarRequest(base, jar, `/history${q}`);
      assert.equal(bad.status, 422, q);
      assert.match(bad.body, new RegExp(`<input id="${field}"[^>]*aria-invalid="true"`), q);
      assert.match(bad.body, new RegExp(`<p class="field-error" id="${field}-error">`), q);
      assert.match(bad.body, new RegExp(`id="${field}"[^>]*value="${q.match(new RegExp(`${field}=([^&]*)`))[1]}"`), `${q} keeps what was typed`);
      assert.equal(rowsOf(bad.body).length, 0);
    }
  });

  test('in the browser, with date inputs', async () => {
    const { context, page } = await freshPage();
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto('/history');
      assert.equal(await page.locator('#from').getAttribute('type'), 'date');
      await page.locator('#from').fill('2001-01-01');
      await page.locator('#to').fill('2001-01-02');
      await navigating(page, () => page.locator('form.history-filter button[type="submit"]').click());
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('from'), '2001-01-01');
      assert.equal(url.searchParams.get('to'), '2001-01-02');
      assert.equal(await page.locator('table.history').count(), 0);
      assert.equal(await page.locator('#from').inputValue(), '2001-01-01');
    } finally {
      await context.close();
    }
  });
});

describe('export', () => {
  before(async () => {
    // A user whose name looks like a formula, with sign-in events of their own.
    const admin = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const created = await post(admin, '/contacts/new', '/contacts/new', {
      name: FORMULA_NAME,
      email: 'formula@example.co.jp',
      user_id: FORMULA_LOGIN,
      lang: 'ja',
      time_zone: 'Asia/Tokyo',
    });
    assert.equal(created.status, 303, created.body.slice(0, 300));
    const token = await invitationToken('formula@example.co.jp');
    const setPage = await request(base, `/password/reset/${token}`);
    assert.equal(setPage.status, 200);
    const cookies = (setPage.headers['set-cookie'] || []).map((c) => c.split(';')[0]).join('; ');
    const done = await request(base, `/password/reset/${token}`, {
      method: 'POST',
      headers: { ...FORM, Cookie: cookies },
      body: form({ csrf: csrfOf(setPage.body), password: FORMULA_PASSWORD, confirm: FORMULA_PASSWORD }),
    });
    assert.equal(done.status, 303);
    await signedInJar(base, FORMULA_LOGIN, FORMULA_PASSWORD);
  });

  /** Downloads the three exports through the ≡ menu of /history. */
  async function downloadAll(query = '') {
    const { context, page } = await freshPage();
    const files = {};
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto(`/history${query}`);
      for (const [format, label] of [
        ['pdf', either('エクスポート形式: PDF', 'Export as PDF')],
        ['xlsx', either('エクスポート形式: Excel', 'Export as Excel')],
        ['csv', either('エクスポート形式: CSV', 'Export as CSV')],
      ]) {
        await page.locator('details.page-menu > summary').click();
        const link = page.locator(`details.page-menu a[href*="format=${format}"]`);
        assert.match((await link.textContent()).trim(), label);
        const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
        assert.match(download.suggestedFilename(), new RegExp(`^(login-history|Login history|ログイン履歴)\\.${format}$`));
        const file = path.join(downloads, `${format}${query ? '-filtered' : ''}.${format}`);
        await download.saveAs(file);
        files[format] = file;
        await page.locator('details.page-menu > summary').click(); // close it again
      }
    } finally {
      await context.close();
    }
    return files;
  }

  test('CSV, Excel and PDF from the ≡ menu', async () => {
    const files = await downloadAll();

    // CSV: UTF-8 with a BOM, the formula neutralised.
    const csv = fs.readFileSync(files.csv);
    assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte order mark');
    const lines = csv.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    assert.match(lines[0], /ユーザーID/);
    assert.equal(lines[0].split(',').length, 6);
    const formulaLines = lines.filter((l) => l.includes(FORMULA_LOGIN));
    assert.ok(formulaLines.length >= 1, 'the sign-in of the user named like a formula');
    for (const l of formulaLines) {
      assert.ok(l.includes(`'${FORMULA_NAME}`), `not neutralised: ${l}`);
      assert.ok(!/(^|,)"?=/.test(l), `a cell starts with = in: ${l}`);
    }
    assert.ok(lines.some((l) => l.includes(ACCOUNTS.aobaAdmin.name)));
    assert.match(lines[1], /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,/);

    // XLSX: a zip whose sheet holds dates as styled numbers and names as strings, never formulas.
    const xlsx = fs.readFileSync(files.xlsx);
    assert.equal(xlsx.subarray(0, 2).toString('latin1'), 'PK');
    const sheet = execFileSync('unzip', ['-p', files.xlsx, 'xl/worksheets/sheet1.xml']).toString('utf8');
    const date = /<c r="A2" s="(\d+)"><v>([0-9.]+)<\/v><\/c>/.exec(sheet);
    assert.ok(date, `A2 is not a styled number: ${sheet.slice(0, 2000)}`);
    const serial = Number(date[2]);
    const asTokyo = Math.round((serial - 25569) * 86400_000); // Excel's serial → "Tokyo wall clock as UTC"
    const nowTokyo = Date.parse(`${tokyo().time.replace(' ', 'T')}Z`);
    assert.ok(Math.abs(asTokyo - nowTokyo) < 10 * 60_000, `A2 ${serial} is not the time in Tokyo`);
    assert.ok(sheet.includes(`<t>${FORMULA_NAME}</t>`), 'the name is a string cell');
    assert.doesNotMatch(sheet, /<f>/, 'no formula cells');
    const styles = execFileSync('unzip', ['-p', files.xlsx, 'xl/styles.xml']).toString('utf8');
    assert.match(styles, /numFmt [^>]*formatCode="[^"]*yy[^"]*"/, 'a date number format');

    // PDF: the Japanese text and the header are there.
    assert.equal(fs.readFileSync(files.pdf).subarray(0, 5).toString('latin1'), '%PDF-');
    const text = execFileSync('pdftotext', ['-layout', files.pdf, '-']).toString('utf8');
    assert.ok(text.includes(ACCOUNTS.aobaAdmin.name), `no ${ACCOUNTS.aobaAdmin.name} in the PDF text:\n${text.slice(0, 1500)}`);
    assert.ok(text.includes('あおば商事株式会社'));
    assert.match(text, /ユーザーID/);
    assert.match(text, /ログイン履歴|Login history/);
    assert.ok(text.includes(FORMULA_NAME));

    // Nothing is left behind in the data directory.
    const tmp = path.join(srv.dataDir, 'tmp');
    assert.deepEqual(fs.existsSync(tmp) ? fs.readdirSync(tmp) : [], []);
  });

  test('a failed password change is named in the page and the export, never shown as its key', async () => {
    const user = await signedInJar(base, ACCOUNTS.sakuraUser.id);
    const page = await jarRequest(base, user, '/profile/password');
    const refused = await jarRequest(base, user, '/profile/password', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(page.body), current: 'not-the-password', password: 'Zq7#mVx2!pLr9w', confirm: 'Zq7#mVx2!pLr9w' }),
    });
    assert.equal(refused.status, 422);
    const history = await jarRequest(base, user, '/history');
    assert.match(history.body, /data-event="auth.password_change_failed"/);
    assert.ok(history.body.includes('パスワード変更の失敗'));
    const csv = (await jarRequest(base, user, '/history/export?format=csv')).body;
    assert.ok(csv.includes('パスワード変更の失敗'), 'the export names the event');
    for (const body of [history.body.replace(/data-event="[^"]*"/g, ''), csv]) {
      assert.ok(!/\b(auth|account)\.[a-z_]+\b/.test(body), 'a raw event key is shown');
    }
  });

  test('the export follows the filter and the viewer, with the right headers', async () => {
    const admin = await signedInJar(base, ACCOUNTS.aobaAdmin.id);
    const res = await jarRequest(base, admin, '/history/export?format=csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'text/csv; charset=utf-8');
    assert.match(res.headers['content-disposition'], /^attachment; filename="login-history\.csv"; filename\*=UTF-8''[A-Za-z0-9%._~-]+\.csv$/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(Number(res.headers['content-length']), res.bodyBytes);

    const xlsx = await jarRequest(base, admin, '/history/export?format=xlsx');
    assert.equal(xlsx.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(xlsx.headers['content-disposition'], /filename="login-history\.xlsx"/);
    const pdf = await jarRequest(base, admin, '/history/export?format=pdf');
    assert.equal(pdf.headers['content-type'], 'application/pdf');

    const empty = await jarRequest(base, admin, '/history/export?format=csv&from=2001-01-01&to=2001-01-01');
    assert.equal(empty.status, 200);
    assert.equal(empty.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).length, 1, 'only the header line');

    const user = await signedInJar(base, ACCOUNTS.aobaUser.id);
    const own = await jarRequest(base, user, '/history/export?format=csv');
    const rows = own.body.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean).slice(1);
    assert.ok(rows.length >= 1);
    assert.ok(rows.every((l) => l.split(',')[2] === ACCOUNTS.aobaUser.id), 'a plain user exports only their own lines');

    const kamome = await jarRequest(base, await signedInJar(base, ACCOUNTS.kamomeAdmin.id), '/history/export?format=csv');
    assert.doesNotMatch(kamome.body, /aoba|formula/);

    assert.equal((await jarRequest(base, admin, '/history/export?format=docx')).status, 404);
    assert.equal((await jarRequest(base, admin, '/history/export')).status, 404);
    const bad = await jarRequest(base, admin, '/history/export?format=csv&from=2024-02-30');
    assert.equal(bad.status, 303);
    assert.equal(bad.headers.location, '/history?from=2024-02-30');
  });
});

async function freshPage(options) {
  const context = await newContext(browser, base, options);
  const page = await context.newPage();
  return { context, page };
}
