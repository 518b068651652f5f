// The case list (ケース一覧, guide 4.8; SPEC §4) and the console's queue: the
// cases are made through the real pages (お問い合わせ, the console's "raise a
// case", state changes and comments), then the list is used as a person
// would: sorting by every column header (▲/▼), the quick filters, the
// filter builder with AND and または (with and without JavaScript), saved
// filters, a keyword that hits a Japanese comment, 1- and 2-character keywords,
// the breadcrumb, paging, tenant isolation (a keyword only another customer
// wrote, an internal note's text: never found), the staff-only queue, and
// axe.
//
// Checks read structure (data-* attributes, hrefs), so that a translation
// still missing from the catalog does not hide the behaviour; texts are
// accepted in Japanese or English.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, CUSTOMERS, startServer } from './lib/server.mjs';

let srv;
let base;
let browser;
const jars = {};

// What the cases are made of (index → case).
const TOPICS = ['VPN 相談', 'アラート 確認', 'ログ 保存', '設定 変更'];
const CATEGORIES = ['service', 'product', 'alert', 'fault', 'report_question', 'other'];
const AOBA_INQUIRIES = 24;
const aoba = []; // numbers of あおば's inquiries, by index
let aobaReport; // the monthly report the agent raised for あおば
const kamome = [];

const either = (ja, en) => new RegExp(`^(?:${ja}|${en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})$`);

// ---------------------------------------------------------------- HTTP helpers

function multipart(fields) {
  const boundary = `----madoguchi-list-${Math.random().toString(16).slice(2)}`;
  const parts = fields.map(
    ([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`, 'utf8'),
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

async function postMultipart(jar, url, fields) {
  const { body, type } = multipart(fields);
  return jarRequest(base, jar, url, { method: 'POST', headers: { 'Content-Type': type }, body });
}

/** Sends an inquiry through /inquiry; returns the new case's number. */
async function inquiry(jar, { subject, description, category, serviceIndex = 0 }) {
  const page = await jarRequest(base, jar, '/inquiry');
  assert.equal(page.status, 200, 'GET /inquiry');
  const select = /<select id="service" name="service">([\s\S]*?)<\/select>/.exec(page.body)[1];
  const services = [...select.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
  const res = await postMultipart(jar, '/inquiry', [
    ['csrf', csrfOf(page.body)],
    ['service', services[serviceIndex % services.length]],
    ['category', category],
    ['subject', subject],
    ['description', description],
  ]);
  assert.equal(res.status, 303, `POST /inquiry: ${res.status}`);
  return /\/cases\/(CS\d{7})$/.exec(res.headers.location)[1];
}

/** A public comment on a case page. */
async function comment(jar, prefix, number, body) {
  const page = await jarRequest(base, jar, `${prefix}/cases/${number}`);
  assert.equal(page.status, 200);
  const res = await postMultipart(jar, `${prefix}/cases/${number}/comments`, [
    ['csrf', csrfOf(page.body)],
    ['body', body],
  ]);
  assert.equal(res.status, 303, `comment on ${number}: ${res.status}`);
}

/** An internal work note of the agent, through the console's comment box. */
async function note(number, body) {
  const page = await jarRequest(base, jars.agent, `/console/cases/${number}`);
  assert.equal(page.status, 200);
  const res = await postMultipart(jars.agent, `/console/cases/${number}/comments`, [
    ['csrf', csrfOf(page.body)],
    ['visibility', 'internal'],
    ['body', body],
  ]);
  assert.equal(res.status, 303, `note on ${number}: ${res.status}`);
}

/** The agent sets the state and the assignee through the console's form. */
async function agentUpdate(number, state, assignToMe = false) {
  const jar = jars.agent;
  const page = await jarRequest(base, jar, `/console/cases/${number}`);
  assert.equal(page.status, 200);
  const options = /<select id="assignee"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)[1];
  const me = new RegExp(`<option value="(\\d+)"[^>]*>${ACCOUNTS.agent.name}<`).exec(options)[1];
  const res = await jarRequest(base, jar, `/console/cases/${number}/update`, {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(page.body), state, assignee: assignToMe ? me : '0' }),
  });
  assert.equal(res.status, 303, `update ${number}: ${res.status}`);
}

/** The agent raises a case for a customer from the console. */
async function raise(customer, category, subject) {
  const page = await jarRequest(base, jars.agent, '/console/cases/new');
  assert.equal(page.status, 200);
  const res = await postMultipart(jars.agent, '/console/cases/new', [
    ['csrf', csrfOf(page.body)],
    ['customer', customer],
    ['category', category],
    ['subject', subject],
    ['description', `${subject} をお送りします。`],
  ]);
  assert.equal(res.status, 303, `raise: ${res.status}`);
  return /\/console\/cases\/(CS\d{7})$/.exec(res.headers.location)[1];
}

/** The rows of a list page as the table shows them. */
function rowsOf(html) {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
    const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]*>/g, ''));
    return {
      number: /href="(?:\/console)?\/cases\/(CS\d{7})"/.exec(m[1])?.[1],
      href: /href="([^"]*)"/.exec(m[1])?.[1],
      state: /data-state="([^"]*)"/.exec(m[1])?.[1],
      category: /data-category="([^"]*)"/.exec(m[1])?.[1],
      t: Number(/data-t="(\d+)"/.exec(m[1])?.[1]),
      cells,
    };
  });
}

const countOf = (html) => /<span class="case-count">([^<]*)<\/span>/.exec(html)?.[1];
const crumbsOf = (html) =>
  [.../<nav class="case-crumbs"[\s\S]*?<\/nav>/.exec(html)[0].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => ({
    text: m[1].replace(/<[^>]*>/g, '').replace(/&gt;/g, '>'),
    href: /href="([^"]*)"/.exec(m[1])?.[1]?.replace(/&amp;/g, '&'),
  }));

async function list(who, query = '', prefix = '') {
  const res = await jarRequest(base, jars[who], `${prefix}/cases${query}`);
  return { ...res, rows: rowsOf(res.body), count: countOf(res.body) };
}

const enc = encodeURIComponent;

before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
  for (const key of ['aobaUser', 'aobaAdmin', 'kamomeUser', 'agent']) jars[key] = await signedInJar(base, ACCOUNTS[key].id);

  for (let i = 0; i < AOBA_INQUIRIES; i++) {
    let subject = `${TOPICS[i % 4]} ${String(i).padStart(2, '0')}`;
    if (i === 2) subject = 'VPN 接続の作業 02';
    if (i === 7) subject = '接続テスト 07';
    aoba.push(
      await inquiry(i % 2 ? jars.aobaAdmin : jars.aobaUser, {
        subject,
        description: i === 5 ? '通信の暗号化について' : `説明 ${i}`,
        category: CATEGORIES[i % CATEGORIES.length],
        serviceIndex: Math.floor(i / 2),
      }),
    );
  }
  // A comment only: "ウォール" is in no subject or description of あおば.
  await comment(jars.aobaUser, '', aoba[3], 'ファイアウォール設定を変更しました。ご確認ください。');
  await comment(jars.agent, '/console', aoba[4], '承知しました。確認します。');
  aobaReport = await raise('N200000001', 'monthly_report', '月次レポート 2026年10月');
  await agentUpdate(aoba[0], 'resolved');
  await agentUpdate(aoba[1], 'awaiting');
  await agentUpdate(aoba[2], 'working', true);
  kamome.push(
    await inquiry(jars.kamomeUser, {
      subject: 'ファイアウォール設定の確認',
      description: 'かもめ物流の VPN 接続テスト',
      category: 'alert',
    }),
  );
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

/** A signed-in page of a new context; closed by the caller. */
async function pageOf(who, options = {}) {
  const context = await newContext(browser, base, options);
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, ACCOUNTS[who].id);
  return { context, page, errors };
}

// ---------------------------------------------------------------- the list

describe('the customer list', () => {
  test('shows the customer own cases, newest update first, 20 a page', async () => {
    const p1 = await list('aobaUser');
    assert.equal(p1.status, 200);
    assert.equal(p1.rows.length, 20);
    assert.equal(p1.count, '1~20 件目 / 25 件');
    // お客様番号 and ご契約者名 would be the same on every row: a customer's list leaves them out.
    assert.ok(!/data-sort="(customer|holder)"/.test(p1.body), 'customer columns in a customer list');
    assert.ok(p1.rows.every((r) => r.cells.length === 7 && !r.cells.includes('N200000001')));
    assert.ok(p1.rows.every((r) => r.href === `/cases/${r.number}`));
    const ts = p1.rows.map((r) => r.t);
    assert.deepEqual(ts, [...ts].sort((a, b) => b - a));
    // The header reads 更新日時 ▼ with aria-sort, by default.
    assert.match(p1.body, /<th scope="col" data-sort="updated" aria-sort="descending"><a class="case-sort" href="\/cases\?s=updated">[^<]*<span aria-hidden="true">▼<\/span>/);
    assert.equal((p1.body.match(/<th scope="col"/g) || []).length, 7, 'seven columns');
    const next = /<a rel="next" href="([^"]*)"/.exec(p1.body)[1];
    const p2 = await list('aobaUser', next.replace('/cases', ''));
    assert.equal(p2.count, '21~25 件目 / 25 件');
    assert.equal(p2.rows.length, 5);
    const all = [...p1.rows, ...p2.rows].map((r) => r.number);
    assert.equal(new Set(all).size, 25);
    assert.deepEqual([...all].sort(), [...aoba, aobaReport].sort());
    assert.ok(!p1.body.includes(kamome[0]) && !p2.body.includes(kamome[0]));
    assert.ok(!p1.body.includes(CUSTOMERS.N200000002));
  });

  test('paging keeps the filter and the sort', async () => {
    const p1 = await list('aobaUser', `?f=${enc('keyword:match:相談')}&s=number`);
    assert.equal(p1.count, '1~6 件目 / 6 件');
    const r = await list('aobaUser', '?s=-number&p=2');
    assert.equal(r.count, '21~25 件目 / 25 件');
    const prev = /<a rel="prev" href="([^"]*)"/.exec(r.body)[1];
    assert.equal(prev, '/cases?s=-number');
    assert.deepEqual(
      r.rows.map((x) => x.number),
      [...aoba, aobaReport].sort().reverse().slice(20),
    );
    // A page past the end shows the last one.
    assert.equal((await list('aobaUser', '?p=99')).count, '21~25 件目 / 25 件');
  });

  test('sorts by every column header, ▲ then ▼', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto('/cases');
      const stateOrder = ['new', 'working', 'awaiting', 'resolved', 'closed'];
      const categoryOrder = ['service', 'product', 'alert', 'fault', 'report_question', 'other', 'work', 'monthly_report'];
      const keyOf = {
        number: (r) => r.number,
        state: (r) => stateOrder.indexOf(r.state),
        category: (r) => categoryOrder.indexOf(r.category),
        subject: (r) => r.cells[3],
        service: (r) => r.cells[4],
        contact: (r) => r.cells[5],
        updated: (r) => r.t,
      };
      for (const [field, key] of Object.entries(keyOf)) {
        for (const dir of ['ascending', 'descending']) {
          await navigating(page, () => page.locator(`th[data-sort="${field}"] a`).click());
          const th = page.locator(`th[data-sort="${field}"]`);
          // updated starts descending: its first click goes ascending, like the others.
          assert.equal(await th.getAttribute('aria-sort'), dir, `${field} ${dir}`);
          assert.equal((await th.locator('span[aria-hidden]').textContent()).trim(), dir === 'ascending' ? '▲' : '▼');
          assert.equal(await page.locator('th[aria-sort]').count(), 1);
          const keys = rowsOf(await page.content()).map(key);
          assert.equal(keys.length, 20);
          const sorted = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          if (dir === 'descending') sorted.reverse();
          assert.deepEqual(keys, sorted, `${field} ${dir}`);
          // The default order (updated, newest first) leaves the URL bare.
          const want = field === 'updated' && dir === 'descending' ? '' : `?s=${dir === 'descending' ? '-' : ''}${field}`;
          assert.equal(new URL(page.url()).search, want);
        }
      }
      await checkA11y(page, { label: '/cases sorted' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('quick filters: アクションが必要 and 月次レポート', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto('/cases');
      const chips = page.locator('.case-quick a.case-chip');
      assert.equal(await chips.count(), 2);
      assert.match((await chips.nth(0).textContent()).trim(), either('アクションが必要', 'Action needed'));
      assert.match((await chips.nth(1).textContent()).trim(), either('月次レポート', 'Monthly report'));
      await navigating(page, () => chips.nth(0).click());
      assert.equal(new URL(page.url()).search, '?q=action');
      assert.equal(await page.locator('a.case-chip[data-quick="action"]').getAttribute('aria-current'), 'true');
      let rows = rowsOf(await page.content());
      assert.deepEqual(rows.map((r) => r.number).sort(), [aoba[0], aoba[1]].sort());
      assert.deepEqual(rows.map((r) => r.state).sort(), ['awaiting', 'resolved']);
      const crumbs = crumbsOf(await page.content());
      assert.equal(crumbs.length, 2);
      assert.match(crumbs[1].text, either('アクションが必要', 'Action needed'));
      // 月次レポート switches to it: the two never combine.
      await navigating(page, () => page.locator('a.case-chip[data-quick="report"]').click());
      assert.equal(new URL(page.url()).search, '?q=report');
      assert.equal(await page.locator('a.case-chip[data-quick="action"]').getAttribute('aria-current'), null);
      rows = rowsOf(await page.content());
      assert.deepEqual(rows.map((r) => r.number), [aobaReport]);
      // Clicked again, it turns off; then 月次レポート from the whole list.
      await navigating(page, () => page.locator('a.case-chip[data-quick="report"]').click());
      assert.equal(new URL(page.url()).search, '');
      await navigating(page, () => page.locator('a.case-chip[data-quick="report"]').click());
      rows = rowsOf(await page.content());
      assert.deepEqual(rows.map((r) => r.number), [aobaReport]);
      assert.equal(rows[0].category, 'monthly_report');
      await checkA11y(page, { label: '/cases?q=report' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------- the builder

describe('the filter builder', () => {
  const expectVpnNewOrWorking = () => [2, 4, 8, 12, 16, 20].map((i) => aoba[i]).sort();

  test('AND with an または group, in the browser', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto('/cases');
      await page.locator('details.case-builder > summary').click();
      await page.locator('#cf0').selectOption('state');
      // The script swapped the value for the list of states and the operators for is / is not.
      assert.equal(await page.locator('select#cv0').count(), 1);
      assert.deepEqual(await page.locator('#co0 option').evaluateAll((os) => os.map((o) => o.value)), ['is', 'not']);
      await page.locator('#cv0').selectOption('new');
      await navigating(page, () => page.locator('button[name="act"][value="or:0"]').click());
      // Back with a second row in the same group, the builder open.
      assert.equal(await page.locator('details.case-builder').getAttribute('open'), '');
      assert.equal(await page.locator('#cf1').inputValue(), 'state');
      assert.equal(await page.locator('#cv0').inputValue(), 'new');
      await page.locator('#cv1').selectOption('working');
      await checkA11y(page, { label: '/cases builder open' });
      await navigating(page, () => page.locator('button[name="act"][value="and"]').first().click());
      assert.equal(await page.locator('#cf2').inputValue(), 'keyword');
      await page.locator('#cf2').selectOption('subject');
      assert.deepEqual(await page.locator('#co2 option').evaluateAll((os) => os.map((o) => o.value)), [
        'is',
        'not',
        'has',
        'starts',
      ]);
      await page.locator('#co2').selectOption('has');
      await page.locator('#cv2').fill('VPN');
      await navigating(page, () => page.locator('button[name="act"][value="run"]').click());
      const url = new URL(page.url());
      assert.equal(decodeURIComponent(url.search), '?f=state:is:new,state:is:working;subject:has:VPN');
      const rows = rowsOf(await page.content());
      assert.deepEqual(rows.map((r) => r.number).sort(), expectVpnNewOrWorking());
      assert.ok(rows.some((r) => r.state === 'working'), 'the または half matched too');
      const crumbs = crumbsOf(await page.content());
      assert.equal(crumbs.length, 3);
      assert.match(crumbs[1].text, /^(状況|State)=(新規|New) (または|or) (状況|State)=(MSOC 作業中|MSOC working)$/);
      assert.match(crumbs[2].text, /^(件名|Subject) .+ VPN$/);
      // Reload and back show the same list.
      await page.reload();
      assert.deepEqual(rowsOf(await page.content()).map((r) => r.number).sort(), expectVpnNewOrWorking());
      await page.goBack();
      await page.goForward();
      assert.equal(decodeURIComponent(new URL(page.url()).search), '?f=state:is:new,state:is:working;subject:has:VPN');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('works without JavaScript: または, AND, ⊖, ソートを追加 and 実行 are plain submits', async () => {
    const { context, page } = await pageOf('aobaUser', { javaScriptEnabled: false });
    try {
      await page.goto('/cases');
      await page.locator('details.case-builder > summary').click();
      await page.locator('#cf0').selectOption('state');
      await page.locator('#cv0').fill('new'); // still the text box: the server reads codes and labels
      await navigating(page, () => page.locator('button[name="act"][value="or:0"]').click());
      assert.equal(await page.locator('#cf0').inputValue(), 'state');
      assert.equal(await page.locator('select#cv0').inputValue(), 'new'); // now a list
      await page.locator('#cv1').selectOption('working');
      await navigating(page, () => page.locator('button[name="act"][value="and"]').first().click());
      await navigating(page, () => page.locator('button[name="act"][value="del:2"]').click());
      assert.equal(await page.locator('#cf2').count(), 0);
      await navigating(page, () => page.locator('button[name="act"][value="and"]').first().click());
      await page.locator('#cf2').selectOption('subject');
      await page.locator('#cv2').fill('VPN');
      await navigating(page, () => page.locator('button[name="act"][value="sort"]').click());
      await page.locator('#sf1').selectOption('number');
      await page.locator('#sd1').selectOption('desc');
      await navigating(page, () => page.locator('button[name="act"][value="run"]').click());
      // The operator list of a keyword row was "matches": the server took "contains".
      assert.equal(
        decodeURIComponent(new URL(page.url()).search),
        '?f=state:is:new,state:is:working;subject:has:VPN&s=-updated,-number',
      );
      const rows = rowsOf(await page.content());
      assert.deepEqual(rows.map((r) => r.number).sort(), expectVpnNewOrWorking());
    } finally {
      await context.close();
    }
  });

  test('a wrong value is answered next to its row, and what was typed stays', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto(`/cases?act=run&cf0=created&co0=before&cv0=${enc('2026-02-30')}&cg0=0&f=&s=&q=`);
      assert.equal(await page.locator('#cv0').getAttribute('aria-invalid'), 'true');
      assert.equal(await page.locator('#cv0').inputValue(), '2026-02-30');
      assert.match(await page.locator('#cv0-error').textContent(), /YYYY-MM-DD/);
      await checkA11y(page, { label: '/cases builder error' });
      // The page answers 422, which Chromium reports on the console.
      assert.deepEqual(errors.filter((e) => !/status of 422/.test(e)), []);
    } finally {
      await context.close();
    }
    const res = await jarRequest(base, jars.aobaUser, `/cases?act=run&cf0=created&co0=before&cv0=x&cg0=0`);
    assert.equal(res.status, 422);
    // A hand-made URL that does not parse: the list without it, and a notice.
    const bad = await list('aobaUser', `?f=${enc('subject:like:x')}`);
    assert.equal(bad.status, 200);
    assert.equal(bad.count, '1~20 件目 / 25 件');
    assert.match(bad.body, /class="alert alert-error" role="alert"/);
  });
});

// ---------------------------------------------------------------- saved filters

describe('saved filters', () => {
  test('save with a name, load by its link, delete', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto(`/cases?f=${enc('state:is:new')}&s=number`);
      await page.locator('details.case-save > summary').click();
      await page.locator('#filter_name').fill('新規を番号順');
      await navigating(page, () => page.locator('details.case-save button[type="submit"]').click());
      assert.equal(decodeURIComponent(new URL(page.url()).search), '?f=state:is:new&s=number&m=saved');
      assert.equal(await page.locator('.alert-success').count(), 1);
      await page.goto('/cases');
      await page.locator('details.case-load > summary').click();
      const link = page.locator('details.case-load a', { hasText: '新規を番号順' });
      assert.equal(await link.count(), 1);
      await checkA11y(page, { label: '/cases saved filters' });
      await navigating(page, () => link.click());
      assert.equal(decodeURIComponent(new URL(page.url()).pathname + new URL(page.url()).search), '/cases?f=state:is:new&s=number');
      const rows = rowsOf(await page.content());
      assert.ok(rows.length > 0 && rows.every((r) => r.state === 'new'));
      assert.deepEqual(rows.map((r) => r.number), [...rows.map((r) => r.number)].sort());

      // Another user of the same customer does not see it, and cannot delete it.
      const other = await list('aobaAdmin');
      assert.ok(!other.body.includes('新規を番号順'));
      const mine = await list('aobaUser');
      const id = /action="\/case-filters\/(\d+)\/delete"/.exec(mine.body)[1];
      const del = await jarRequest(base, jars.aobaAdmin, `/case-filters/${id}/delete`, {
        method: 'POST',
        headers: FORM,
        body: form({ csrf: csrfOf(other.body) }),
      });
      assert.equal(del.status, 404);
      assert.ok((await list('aobaUser')).body.includes('新規を番号順'));
      // Nor can anyone delete a filter that does not exist.
      const none = await jarRequest(base, jars.aobaUser, '/case-filters/999999/delete', {
        method: 'POST',
        headers: FORM,
        body: form({ csrf: csrfOf(mine.body) }),
      });
      assert.equal(none.status, 404);

      await page.goto('/cases');
      await page.locator('details.case-load > summary').click();
      await navigating(page, () => page.locator('details.case-load form button[type="submit"]').first().click());
      assert.equal(new URL(page.url()).search, '?m=deleted');
      assert.ok(!(await page.content()).includes('新規を番号順'));
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('a missing name is refused next to the field', async () => {
    const page = await list('aobaUser', '?q=action');
    const res = await jarRequest(base, jars.aobaUser, '/case-filters', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(page.body), query: 'q=action', filter_name: '  ' }),
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /<details class="case-panel case-save" open>/);
    assert.match(res.body, /id="filter_name"[^>]*aria-invalid="true"/);
    const long = await jarRequest(base, jars.aobaUser, '/case-filters', {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(page.body), query: 'q=action', filter_name: 'あ'.repeat(51) }),
    });
    assert.equal(long.status, 422);
    assert.ok(!(await list('aobaUser')).body.includes('あああ'));
  });
});

// ---------------------------------------------------------------- keyword, breadcrumb, tenancy

describe('keyword, breadcrumb and tenancy', () => {
  test('a keyword finds a Japanese comment, for its own customer only', async () => {
    const a = await list('aobaUser', `?f=${enc('keyword:match:ウォール')}`);
    assert.deepEqual(a.rows.map((r) => r.number), [aoba[3]]);
    assert.equal(a.count, '1~1 件目 / 1 件');
    const k = await list('kamomeUser', `?f=${enc('keyword:match:ウォール')}`);
    assert.deepEqual(k.rows.map((r) => r.number), [kamome[0]]);
    for (const r of [a, k]) assert.doesNotMatch(r.body, /セキュリティ上の制約|security/i);
    // Through the builder too, and the agent's queue finds both.
    const run = await jarRequest(base, jars.aobaUser, `/cases?act=run&cf0=keyword&co0=match&cv0=${enc('ファイアウォール設定')}&cg0=0`);
    assert.equal(run.status, 303);
    assert.equal(decodeURIComponent(run.headers.location), '/cases?f=keyword:match:ファイアウォール設定');
    const q = await list('agent', `?f=${enc('keyword:match:ウォール')}`, '/console');
    assert.deepEqual(q.rows.map((r) => r.number).sort(), [aoba[3], kamome[0]].sort());
    // A staff comment is public too; the description and the number are searched.
    assert.deepEqual((await list('aobaUser', `?f=${enc('keyword:match:承知しました')}`)).rows.map((r) => r.number), [aoba[4]]);
    assert.deepEqual((await list('aobaUser', `?f=${enc(`keyword:match:${aoba[9]}`)}`)).rows.map((r) => r.number), [aoba[9]]);
  });

  test('a keyword of 1 or 2 characters searches the index too, still within the customer', async () => {
    const a = await list('aobaUser', `?f=${enc('keyword:match:暗号')}`);
    assert.deepEqual(a.rows.map((r) => r.number), [aoba[5]]);
    const vp = await list('aobaUser', `?f=${enc('keyword:match:テス')}`);
    assert.deepEqual(vp.rows.map((r) => r.number), [aoba[7]]);
    const k = await list('kamomeUser', `?f=${enc('keyword:match:テス')}`);
    assert.deepEqual(k.rows.map((r) => r.number), [kamome[0]]);
    // The last two characters of a comment, and its very last one.
    await comment(jars.kamomeUser, '', kamome[0], '締めの言葉は鶴亀');
    for (const kw of ['鶴亀', '亀']) {
      const own = await list('kamomeUser', `?f=${enc(`keyword:match:${kw}`)}`);
      assert.deepEqual(own.rows.map((r) => r.number), [kamome[0]], kw);
      const other = await list('aobaUser', `?f=${enc(`keyword:match:${kw}`)}`);
      assert.deepEqual(other.rows, [], kw);
    }
    // Staff must give 3 characters to search every customer.
    const s = await jarRequest(base, jars.agent, `/console/cases?act=run&cf0=keyword&co0=match&cv0=${enc('テス')}&cg0=0`);
    assert.equal(s.status, 422);
  });

  test('the breadcrumb: すべて > キーワード=テスト', async () => {
    const { context, page, errors } = await pageOf('aobaUser');
    try {
      await page.goto(`/cases?f=${enc('keyword:match:テスト')}`);
      const crumbs = crumbsOf(await page.content());
      assert.equal(crumbs.length, 2);
      assert.match(crumbs[0].text, either('すべて', 'All'));
      assert.equal(crumbs[0].href, '/cases');
      assert.match(crumbs[1].text, /^(キーワード|Keyword)=テスト$/);
      assert.equal(crumbs[1].href, undefined);
      assert.deepEqual(rowsOf(await page.content()).map((r) => r.number), [aoba[7]]);
      await checkA11y(page, { label: '/cases?f=keyword' });
      await navigating(page, () => page.locator('nav.case-crumbs a').first().click());
      assert.equal(new URL(page.url()).search, '');
      assert.equal(rowsOf(await page.content()).length, 20);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('another customer cases never appear, not even as a count', async () => {
    const viaNumber = await list('aobaUser', `?f=${enc(`number:is:${kamome[0]}`)}`);
    assert.equal(viaNumber.rows.length, 0);
    assert.equal(viaNumber.count, '0~0 件目 / 0 件');
    const k = await list('kamomeUser');
    assert.deepEqual(k.rows.map((r) => r.number), [kamome[0]]);
    assert.equal(k.count, '1~1 件目 / 1 件');
    assert.ok(!k.body.includes('N200000001') && !k.body.includes(CUSTOMERS.N200000001));
    for (const n of aoba) assert.ok(!k.body.includes(n));
    // The staff-only fields are refused in a customer's URL: 400 and a message
    // naming the field, not the list without the filter.
    const c = await list('kamomeUser', `?f=${enc('customer:is:N200000001')}`);
    assert.equal(c.status, 400);
    assert.deepEqual(c.rows, []);
    assert.match(c.body, /class="alert alert-error" role="alert"><p>[^<]*(お客様番号|Customer number)/);
    assert.match(c.body, /<a class="btn btn-secondary" href="\/cases">/);
    for (const q of [
      `?f=${enc('state:is:new;assignee:has:見晴')}`,
      '?s=-assignee',
      '?q=action,mine',
      '?q=unassigned',
      `?act=run&cf0=assignee&co0=has&cv0=${enc('見晴')}&cg0=0`,
      '?act=run&cf0=state&co0=is&cv0=new&cg0=0&sf0=assignee&sd0=asc',
    ]) {
      const r = await list('aobaUser', q);
      assert.equal(r.status, 400, q);
      assert.deepEqual(r.rows, [], q);
      assert.match(r.body, /alert-error/, q);
    }
    // The same URLs are the console's own.
    const staff = await list('agent', `?f=${enc('customer:is:N200000002')}&s=-assignee&q=unassigned`, '/console');
    assert.equal(staff.status, 200);
  });

  test('a keyword only another customer wrote finds nothing, in a case or in a comment', async () => {
    await comment(jars.kamomeUser, '', kamome[0], 'かもめ専用の合言葉はカモメ三号です。');
    // かもめ's description, and かもめ's comment.
    for (const kw of ['かもめ物流', '合言葉はカモメ', 'カモメ三号']) {
      const k = await list('kamomeUser', `?f=${enc(`keyword:match:${kw}`)}`);
      assert.deepEqual(k.rows.map((r) => r.number), [kamome[0]], `かもめ: ${kw}`);
      const a = await list('aobaUser', `?f=${enc(`keyword:match:${kw}`)}`);
      assert.equal(a.status, 200);
      assert.deepEqual(a.rows, [], `あおば: ${kw}`);
      assert.equal(a.count, '0~0 件目 / 0 件');
    }
    // Letter case folds as before: "vpn" finds "VPN".
    const v = await list('aobaUser', `?f=${enc('keyword:match:vpn 接続の作業')}`);
    assert.deepEqual(v.rows.map((r) => r.number), [aoba[2]]);
    // The console searches every customer, or the one it is filtered on.
    const every = await list('agent', `?f=${enc('keyword:match:カモメ三号')}`, '/console');
    assert.deepEqual(every.rows.map((r) => r.number), [kamome[0]]);
    const own = await list('agent', `?f=${enc('keyword:match:カモメ三号;customer:is:N200000002')}`, '/console');
    assert.deepEqual(own.rows.map((r) => r.number), [kamome[0]]);
    const other = await list('agent', `?f=${enc('keyword:match:カモメ三号;customer:is:N200000001')}`, '/console');
    assert.deepEqual(other.rows, []);
  });

  test("an internal note's text is never found by the customer", async () => {
    const text = '内部メモ：社外秘の調査結果 ZX81-QV';
    await note(aoba[6], text);
    const staffView = await jarRequest(base, jars.agent, `/console/cases/${aoba[6]}`);
    assert.ok(staffView.body.includes('ZX81-QV'), 'the note is there for staff');
    for (const kw of ['社外秘の調査', 'ZX81-QV', '内部メモ', '社外']) {
      const a = await list('aobaUser', `?f=${enc(`keyword:match:${kw}`)}`);
      assert.equal(a.status, 200);
      assert.deepEqual(a.rows, [], kw);
      assert.equal(a.count, '0~0 件目 / 0 件');
    }
  });
});

// ---------------------------------------------------------------- the console

describe('the console queue', () => {
  test('is staff only: a customer gets 404', async () => {
    for (const who of ['aobaUser', 'kamomeUser']) {
      const res = await jarRequest(base, jars[who], '/console/cases');
      assert.equal(res.status, 404);
    }
    const res = await jarRequest(base, jars.agent, '/cases');
    assert.equal(res.status, 404);
  });

  test('lists every customer with the assignee, and filters mine, unassigned, customer, state', async () => {
    const all = await list('agent', '', '/console');
    assert.equal(all.status, 200);
    assert.equal(all.count, '1~20 件目 / 26 件');
    assert.match(all.body, /<th scope="col" data-sort="assignee"/);
    assert.ok(all.rows.every((r) => r.href === `/console/cases/${r.number}`));
    const mine = await list('agent', '?q=mine', '/console');
    assert.deepEqual(mine.rows.map((r) => r.number), [aoba[2]]);
    assert.equal(mine.rows[0].cells[8], ACCOUNTS.agent.name);
    const unassigned = await list('agent', '?q=unassigned', '/console');
    assert.equal(unassigned.count, '1~20 件目 / 25 件');
    const kamomeOnly = await list('agent', `?f=${enc('customer:is:N200000002')}`, '/console');
    assert.deepEqual(kamomeOnly.rows.map((r) => r.number), kamome);
    const working = await list('agent', `?f=${enc('state:is:working;assignee:has:見晴')}`, '/console');
    assert.deepEqual(working.rows.map((r) => r.number), [aoba[2]]);
    const sorted = await list('agent', '?s=customer', '/console');
    assert.equal(sorted.rows[0].cells[4], 'N200000001');
    const desc = await list('agent', '?s=-customer', '/console');
    assert.equal(desc.rows[0].cells[4], 'N200000002');

    const { context, page, errors } = await pageOf('agent');
    try {
      await page.goto('/console/cases');
      await checkA11y(page, { label: '/console/cases' });
      await navigating(page, () => page.locator('a.case-chip[data-quick="mine"]').click());
      assert.deepEqual(rowsOf(await page.content()).map((r) => r.number), [aoba[2]]);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('layout', () => {
  for (const lang of ['ja', 'en']) {
    test(`at 1,280 px in ${lang}: no horizontal scroll, 件名 has the room`, async () => {
      const { context, page, errors } = await pageOf('aobaUser', { viewport: { width: 1280, height: 800 } });
      /** The profile's language decides a signed-in user's pages. */
      const setLanguage = async (to) => {
        await page.goto('/profile');
        await page.locator('#lang').selectOption(to);
        await navigating(page, () => page.locator('form[action="/profile"] button[type="submit"]').click());
      };
      try {
        await setLanguage(lang);
        await page.goto('/cases');
        assert.equal(await page.locator('html').getAttribute('lang'), lang);
        const m = await page.evaluate(() => {
          const wrap = document.querySelector('.case-table').closest('.table-wrap');
          const subject = document.querySelector('.case-table td.case-subject');
          const columns = [...document.querySelectorAll('.case-table thead th')].map(
            (th) => `${th.textContent.trim()}=${Math.round(th.getBoundingClientRect().width)}`,
          );
          return {
            scroll: wrap.scrollWidth,
            client: wrap.clientWidth,
            subject: subject.getBoundingClientRect().width,
            columns: columns.join(', '),
          };
        });
        assert.ok(m.scroll <= m.client, `the table overflows by ${m.scroll - m.client} px (${m.columns})`);
        assert.ok(m.subject >= 220, `件名 is ${m.subject} px wide (${m.columns})`);
        assert.deepEqual(errors, []);
      } finally {
        await setLanguage('ja');
        await context.close();
      }
    });
  }
});

describe('accessibility', () => {
  test('the list at phone width', async () => {
    const { context, page, errors } = await pageOf('aobaUser', { viewport: { width: 390, height: 844 } });
    try {
      await page.goto('/cases');
      await page.locator('details.case-builder > summary').click();
      await checkA11y(page, { label: '/cases (phone)' });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
