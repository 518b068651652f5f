// Work request review and points (SPEC §5, guide 4.7 and 4.11.2): an agent
// accepts (a 作業依頼 case is raised, the files go with it, the points move,
// the requester is mailed) and rejects (with a reason, no case) in the
// browser; an overage is refused until the reviewer confirms it, then raises
// a ご利用クレジット数超過 case; the customer's ポイント管理 page shows お客様番号,
// 開始日, 終了日, 作業依頼契約ポイント合計, 消化数, 残数 and the ledger behind them;
// provider admins set periods and record corrections; concurrent accepts of
// one request decide it once, and concurrent accepts of many never take the
// balance past what was contracted. Customers without points, other
// customers and staff-only URLs answer 404.
//
// Demo data: あおば (N200000001, CSPM with points: 50 this month), さくら
// (N200000003, CSPM: 30 this month), かもめ (N200000002, no points).
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, jarRequest, signedInJar } from './lib/http.mjs';
import { postMultipart } from './lib/knowledge.mjs';
import { mailsTo } from './lib/outbox.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
let browser;
const jars = {};
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
  for (const who of ['aobaAdmin', 'aobaUser', 'sakuraAdmin', 'kamomeAdmin', 'agent', 'providerAdmin']) {
    jars[who] = await signedInJar(base, ACCOUNTS[who].id);
  }
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

const get = (who, path) => jarRequest(base, jars[who], path);

/** POST a urlencoded form with the csrf of the page at from (or the given token). */
async function post(who, from, path, fields, { csrf } = {}) {
  const token = csrf ?? csrfOf((await get(who, from)).body);
  return jarRequest(base, jars[who], path, { method: 'POST', headers: FORM, body: form({ csrf: token, ...fields }) });
}

/** The ids of the items of the customer's catalog, in the order shown. */
async function catalogItems(who) {
  const res = await get(who, '/requests');
  assert.equal(res.status, 200);
  return [...new Set([...res.body.matchAll(/href="\/requests\/items\/(\d+)"/g)].map((m) => m[1]))];
}

/** Fills every field of an item's form with valid values, as a customer would. */
function answersFor(html) {
  const fields = new Map();
  for (const m of html.matchAll(/<(input|textarea|select)\b([^>]*)>/g)) {
    const attrs = m[2];
    const name = /\bname="(f\d+)"/.exec(attrs)?.[1];
    if (!name || fields.has(name)) continue;
    const type = /\btype="([^"]+)"/.exec(attrs)?.[1] ?? (m[1] === 'input' ? 'text' : m[1]);
    if (type === 'checkbox') continue;
    if (type === 'radio') fields.set(name, /\bvalue="([^"]*)"/.exec(attrs)[1]);
    else if (type === 'date') fields.set(name, '2026-12-24');
    else if (m[1] === 'select') {
      const rest = html.slice(m.index);
      const opt = [...rest.slice(0, rest.indexOf('</select>')).matchAll(/<option value="([^"]+)"/g)][0];
      fields.set(name, opt[1]);
    } else fields.set(name, `回答 ${name}`);
  }
  return fields;
}

/** Submits a request for the item; returns its number (WR + 7 digits). */
async function submitRequest(who, itemId, files = []) {
  const page = await get(who, `/requests/items/${itemId}`);
  assert.equal(page.status, 200, `item form ${itemId}`);
  const fields = [['csrf', csrfOf(page.body)], ...answersFor(page.body)];
  const res = await postMultipart(base, jars[who], `/requests/items/${itemId}`, fields, files);
  assert.equal(res.status, 303, `submit answered ${res.status}: ${res.body.slice(0, 300)}`);
  const m = /\/requests\/(WR\d{7})/.exec(res.headers.location);
  assert.ok(m, `redirect to ${res.headers.location}`);
  return m[1];
}

/** The points a request costs, as the console shows it. */
async function costOf(number) {
  const res = await get('agent', `/console/requests/${number}`);
  assert.equal(res.status, 200);
  const m = /data-points="(\d+)"/.exec(res.body);
  assert.ok(m, 'points of the request');
  return Number(m[1]);
}

async function accept(who, number, { overage = false, csrf } = {}) {
  const from = `/console/requests/${number}`;
  return post(who, from, `${from}/accept`, overage ? { overage: '1' } : {}, { csrf });
}

/** The figures of the customer's ポイント管理 table: rows of {number, start, end, points, consumed, remaining}. */
async function pointsOf(who, query = '') {
  const res = await get(who, `/points${query}`);
  assert.equal(res.status, 200);
  const tbody = /<tbody>([\s\S]*?)<\/tbody>/.exec(res.body)[1];
  const rows = [...tbody.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((r) => {
    const cells = [...r[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1].replace(/<[^>]*>/g, '').trim());
    return { number: cells[0], start: cells[1], end: cells[2], points: +cells[3], consumed: +cells[4], remaining: +cells[5] };
  });
  return { rows, body: res.body };
}

/** The current period's id, from the console's points page of the customer. */
async function currentPeriodId(customer) {
  const res = await get('providerAdmin', `/console/points?customer=${customer}`);
  assert.equal(res.status, 200);
  return /action="\/console\/points\/periods\/(\d+)"/.exec(res.body)[1];
}

describe('review of work requests', () => {
  let items;
  let cost;
  let accepted;
  let caseNumber;

  before(async () => {
    items = await catalogItems('aobaAdmin');
    assert.ok(items.length >= 2, 'the demo catalog offers CSPM items to あおば');
  });

  test('the queue lists a new request; the agent accepts it in the browser and a 作業依頼 case is raised with its file', async () => {
    const file = { field: 'files', name: '設定一覧.csv', data: Buffer.from('account,policy\n1,deny\n'), type: 'text/csv' };
    accepted = await submitRequest('aobaAdmin', items[0], [file]);
    cost = await costOf(accepted);
    const before = (await pointsOf('aobaAdmin')).rows[0];
    assert.equal(before.number, 'N200000001');
    assert.equal(before.points, 50);

    const queue = await get('agent', '/console/requests');
    assert.match(queue.body, new RegExp(`/console/requests/${accepted}`));

    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    try {
      await signIn(page, ACCOUNTS.agent.id);
      await page.goto(`/console/requests/${accepted}`);
      await checkA11y(page, { label: 'console request' });
      await navigating(page, () => page.locator('form[action$="/accept"] button[type="submit"]').click());
      assert.match(page.url(), /done=accepted/);
      const link = page.locator(`main a[href^="/console/cases/CS"]`).first();
      caseNumber = (await link.textContent()).trim();
      assert.match(caseNumber, /^CS\d{7}$/);
      await page.goto('/console/requests');
      await checkA11y(page, { label: 'console queue' });
      assert.deepEqual(errors, []);
    } finally {
      await ctx.close();
    }

    // The customer's case: category 作業依頼, subject the item's name, the file handed over.
    const cs = await get('aobaAdmin', `/cases/${caseNumber}`);
    assert.equal(cs.status, 200);
    assert.match(cs.body, /作業依頼/);
    const fileLink = new RegExp(`href="/cases/${caseNumber}/files/(\\d+)"`).exec(cs.body);
    assert.ok(fileLink, 'the request file is an attachment of the case');
    const dl = await get('aobaAdmin', `/cases/${caseNumber}/files/${fileLink[1]}`);
    assert.equal(dl.status, 200);
    const list = await get('aobaAdmin', '/cases');
    assert.match(list.body, new RegExp(caseNumber));

    // The points moved and the ledger says by which request and case.
    const after = await pointsOf('aobaAdmin');
    assert.equal(after.rows[0].consumed, before.consumed + cost);
    assert.equal(after.rows[0].remaining, 50 - after.rows[0].consumed);
    assert.match(after.body, new RegExp(`href="/requests/${accepted}"`));
    assert.match(after.body, new RegExp(`href="/cases/${caseNumber}"`));

    // The requester is mailed with the case number.
    const mails = await mailsTo(srv.dataDir, 'admin@aoba.example', accepted, 2);
    assert.ok(mails.some((m) => m.text.includes(caseNumber)), 'acceptance mail names the case');
  });

  test('accepting again answers 409 and changes nothing', async () => {
    const before = (await pointsOf('aobaAdmin')).rows[0];
    const res = await accept('agent', accepted);
    assert.equal(res.status, 409);
    assert.deepEqual((await pointsOf('aobaAdmin')).rows[0], before);
  });

  test('reject needs a reason; with one the request is rejected, no case, the requester is mailed', async () => {
    const number = await submitRequest('aobaUser', items[1]);
    const cases = (await get('aobaAdmin', '/cases')).body.match(/CS\d{7}/g)?.length ?? 0;
    const empty = await post('agent', `/console/requests/${number}`, `/console/requests/${number}/reject`, { reason: '  ' });
    assert.equal(empty.status, 422);
    assert.match(empty.body, /id="reason-error"/);

    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    try {
      await signIn(page, ACCOUNTS.agent.id);
      await page.goto(`/console/requests/${number}`);
      await page.locator('#reason').fill('対象アカウントがご契約範囲外のため');
      await navigating(page, () => page.locator('form[action$="/reject"] button[type="submit"]').click());
      assert.match(page.url(), /done=rejected/);
    } finally {
      await ctx.close();
    }
    const view = await get('aobaUser', `/requests/${number}`);
    assert.match(view.body, /対象アカウントがご契約範囲外のため/);
    assert.equal((await get('aobaAdmin', '/cases')).body.match(/CS\d{7}/g)?.length ?? 0, cases);
    const mails = await mailsTo(srv.dataDir, 'user@aoba.example', number, 2);
    assert.ok(mails.some((m) => m.text.includes('対象アカウントがご契約範囲外のため')));
  });

  test('an overage is refused until confirmed, then raises a ご利用クレジット数超過 case', async () => {
    const period = await currentPeriodId('N200000001');
    const now = (await pointsOf('aobaAdmin')).rows[0];
    // The provider admin lowers the contracted points to what is consumed.
    const save = await post('providerAdmin', `/console/points?customer=N200000001`, `/console/points/periods/${period}`, {
      start: now.start,
      end: now.end,
      points: String(now.consumed),
    });
    assert.equal(save.status, 303);
    const number = await submitRequest('aobaAdmin', items[0]);
    const refused = await accept('agent', number);
    assert.equal(refused.status, 422);
    assert.match(refused.body, /id="overage-error"/);
    assert.equal((await pointsOf('aobaAdmin')).rows[0].consumed, now.consumed);

    const ok = await accept('agent', number, { overage: true });
    assert.equal(ok.status, 303);
    const after = (await pointsOf('aobaAdmin')).rows[0];
    assert.equal(after.consumed, now.consumed + cost);
    assert.equal(after.remaining, -cost);
    const list = await get('aobaAdmin', '/cases');
    assert.match(list.body, /ご利用クレジット数超過/);
    const queue = await get('agent', '/console/requests?state=accepted');
    assert.match(queue.body, new RegExp(number));
  });

  test('periods: overlaps and bad dates refused next to the fields; corrections move the figure with a reason', async () => {
    const from = '/console/points?customer=N200000001';
    const now = (await pointsOf('aobaAdmin')).rows[0];
    const overlap = await post('providerAdmin', from, '/console/points/periods', {
      customer: 'N200000001',
      new_start: now.start,
      new_end: now.end,
      new_points: '10',
    });
    assert.equal(overlap.status, 422);
    assert.match(overlap.body, /id="new_start-error"/);
    const bad = await post('providerAdmin', from, '/console/points/periods', {
      customer: 'N200000001',
      new_start: '2031-02-30',
      new_end: '2031-01-01',
      new_points: 'x',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /id="new_start-error"/);
    assert.match(bad.body, /id="new_points-error"/);
    assert.match(bad.body, /value="x"/, 'what was typed is kept');
    assert.equal((await pointsOf('aobaAdmin')).rows.length, now ? 2 : 0);

    const period = await currentPeriodId('N200000001');
    const zero = await post('providerAdmin', from, `/console/points/periods/${period}/corrections`, { points: '0', note: '' });
    assert.equal(zero.status, 422);
    assert.match(zero.body, /id="points-error"/);
    assert.match(zero.body, /id="note-error"/);
    const give = await post('providerAdmin', from, `/console/points/periods/${period}/corrections`, {
      points: '-3',
      note: '作業の一部を取り消し',
    });
    assert.equal(give.status, 303);
    const after = await pointsOf('aobaAdmin');
    assert.equal(after.rows[0].consumed, now.consumed - 3);
    assert.match(after.body, /作業の一部を取り消し/);

    const next = await post('providerAdmin', from, '/console/points/periods', {
      customer: 'N200000001',
      new_start: '2031-01-01',
      new_end: '2031-01-31',
      new_points: '40',
    });
    assert.equal(next.status, 303);
    assert.equal((await pointsOf('aobaAdmin')).rows.length, 3);
  });

  test('ポイント管理 reads like the guide, in Japanese and English, and is accessible', async () => {
    const { body } = await pointsOf('aobaAdmin');
    for (const label of ['お客様番号', '開始日', '終了日', '作業依頼契約ポイント合計', '消化数', '残数']) {
      assert.ok(body.includes(label), label);
    }
    const ctx = await newContext(browser, base);
    const page = await ctx.newPage();
    try {
      await signIn(page, ACCOUNTS.aobaAdmin.id);
      await page.goto('/');
      assert.equal(await page.locator('header a[href="/points"]').count(), 1, 'the menu offers ポイント管理');
      await page.goto('/points');
      await checkA11y(page, { label: 'points' });
      await page.goto('/profile');
      await page.locator('#lang').selectOption('en');
      await navigating(page, () => page.locator('form[action="/profile"] button[type="submit"]').click());
      await page.goto('/points');
      const text = await page.locator('main').textContent();
      for (const label of ['Customer number', 'Start date', 'End date', 'Consumed', 'Remaining']) {
        assert.ok(text.includes(label), label);
      }
    } finally {
      await ctx.close();
    }
    const admin = await newContext(browser, base);
    const apage = await admin.newPage();
    try {
      await signIn(apage, ACCOUNTS.providerAdmin.id);
      await apage.goto('/console/points?customer=N200000001');
      await checkA11y(apage, { label: 'console points' });
    } finally {
      await admin.close();
    }
  });
});

describe('concurrent reviewers', () => {
  test('one request accepted by four reviewers at once is decided once', async () => {
    const [item] = await catalogItems('sakuraAdmin');
    const number = await submitRequest('sakuraAdmin', item);
    const cost = await costOf(number);
    const before = (await pointsOf('sakuraAdmin')).rows[0];
    const tokens = await Promise.all(
      ['agent', 'providerAdmin'].map(async (w) => [w, csrfOf((await get(w, `/console/requests/${number}`)).body)]),
    );
    const results = await Promise.all(
      [0, 1, 2, 3].map((i) => accept(tokens[i % 2][0], number, { csrf: tokens[i % 2][1] })),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.deepEqual(statuses, [303, 409, 409, 409]);
    const after = (await pointsOf('sakuraAdmin')).rows[0];
    assert.equal(after.consumed, before.consumed + cost);
    const ledger = after.consumed;
    assert.equal((await pointsOf('sakuraAdmin')).body.match(new RegExp(`href="/requests/${number}"`, 'g')).length, 1);
    assert.ok(ledger <= after.points);
  });

  test('many requests accepted at once never take the balance past the contract', async () => {
    const [item] = await catalogItems('sakuraAdmin');
    const first = (await pointsOf('sakuraAdmin')).rows[0];
    const numbers = [];
    for (let i = 0; i < 8; i++) numbers.push(await submitRequest('sakuraAdmin', item));
    const cost = await costOf(numbers[0]);
    const tokens = {};
    for (const w of ['agent', 'providerAdmin']) tokens[w] = csrfOf((await get(w, '/console/requests')).body);
    const results = await Promise.all(
      numbers.map((n, i) => {
        const w = i % 2 ? 'agent' : 'providerAdmin';
        return accept(w, n, { csrf: tokens[w] });
      }),
    );
    const ok = results.filter((r) => r.status === 303).length;
    const refused = results.filter((r) => r.status === 422).length;
    const expected = Math.floor((first.points - first.consumed) / cost);
    assert.equal(ok, Math.min(expected, numbers.length), `accepted ${ok}`);
    assert.equal(ok + refused, numbers.length);
    const after = await pointsOf('sakuraAdmin');
    assert.equal(after.rows[0].consumed, first.consumed + ok * cost);
    assert.ok(after.rows[0].remaining >= 0);
    // The ledger lines add up to the figure.
    const lines = [...after.body.matchAll(/<tbody>[\s\S]*?<\/tbody>/g)][1][0];
    const sum = [...lines.matchAll(/<tr>[\s\S]*?<\/tr>/g)]
      .map((r) => [...r[0].matchAll(/<td class="num">(-?\d+)<\/td>/g)][0][1])
      .reduce((a, b) => a + Number(b), 0);
    assert.equal(sum, after.rows[0].consumed);
  });
});

describe('who may see what', () => {
  test('a customer without points has neither the page nor its menu row', async () => {
    assert.equal((await get('kamomeAdmin', '/points')).status, 404);
    const home = await get('kamomeAdmin', '/');
    assert.doesNotMatch(home.body, /href="\/points"/);
  });

  test('customers reach no console URL of the review or the points', async () => {
    const number = (await get('agent', '/console/requests?state=accepted')).body.match(/WR\d{7}/)[0];
    for (const path of ['/console/requests', `/console/requests/${number}`, '/console/points?customer=N200000001']) {
      assert.equal((await get('aobaAdmin', path)).status, 404, path);
    }
    const csrf = csrfOf((await get('aobaAdmin', '/profile')).body);
    const res = await jarRequest(base, jars.aobaAdmin, `/console/requests/${number}/accept`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf }),
    });
    assert.equal(res.status, 404);
    // Agents may review but not set periods.
    assert.equal((await get('agent', '/console/points?customer=N200000001')).status, 404);
  });

  test("one customer's points page never shows another's periods", async () => {
    const aoba = await pointsOf('aobaAdmin');
    assert.ok(aoba.rows.every((r) => r.number === 'N200000001'));
    const sakura = await pointsOf('sakuraAdmin');
    assert.ok(sakura.rows.every((r) => r.number === 'N200000003'));
    const other = /\/points\?period=(\d+)/.exec(sakura.body)[1];
    const res = await get('aobaAdmin', `/points?period=${other}`);
    assert.doesNotMatch(res.body, /N200000003/);
  });

  test('an accept without a valid CSRF token is refused and changes nothing', async () => {
    const [item] = await catalogItems('aobaAdmin');
    const number = await submitRequest('aobaAdmin', item);
    const res = await accept('agent', number, { csrf: crypto.randomBytes(16).toString('hex') });
    assert.equal(res.status, 403);
    const queue = await get('agent', '/console/requests');
    assert.match(queue.body, new RegExp(number));
  });
});
