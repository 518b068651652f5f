// Who may see what: each customer sees only its own contracts; the staff
// console is for provider staff only; refusals look like missing pages.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, navigating, newContext, signIn } from './lib/browser.mjs';
import { h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, CUSTOMERS, startServer } from './lib/server.mjs';

let srv;
let base;
const jars = {};
const contractIds = {};

/** The ids of the contracts listed on /services. */
function contractLinks(html) {
  return [...html.matchAll(/<a href="\/services\/(\d+)">([^<]*)<\/a>/g)].map((m) => ({ id: m[1], name: m[2] }));
}

before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  for (const key of ['aobaUser', 'aobaAdmin', 'kamomeUser', 'sakuraUser', 'agent', 'providerAdmin']) {
    jars[key] = await signedInJar(base, ACCOUNTS[key].id);
  }
  for (const key of ['aobaUser', 'kamomeUser', 'sakuraUser']) {
    const res = await jarRequest(base, jars[key], '/services');
    assert.equal(res.status, 200, `/services for ${key}`);
    contractIds[key] = contractLinks(res.body);
  }
});
after(async () => {
  await srv?.stop();
});

const get = (who, path) => jarRequest(base, jars[who], path);

function assertNoLeak(body, customerNumber, what) {
  assert.ok(!body.includes(customerNumber), `${what} shows ${customerNumber}`);
  assert.ok(!body.includes(CUSTOMERS[customerNumber]), `${what} shows ${CUSTOMERS[customerNumber]}`);
}

describe('customers', () => {
  test('each customer lists its own two contracts', () => {
    assert.deepEqual(contractIds.aobaUser.map((c) => c.name).sort(), ['マネージドCSPM', 'マネージドSOAR']);
    assert.deepEqual(contractIds.kamomeUser.map((c) => c.name).sort(), ['マネージドEDR', 'マネージドSOAR']);
    assert.deepEqual(contractIds.sakuraUser.map((c) => c.name).sort(), ['マネージドCSPM', 'マネージドEDR']);
    const all = Object.values(contractIds).flat().map((c) => c.id);
    assert.equal(new Set(all).size, 6, 'contract ids shared between customers');
  });

  test('あおば opens its own contract pages', async () => {
    for (const c of contractIds.aobaUser) {
      const res = await get('aobaUser', `/services/${c.id}`);
      assert.equal(res.status, 200, `/services/${c.id}`);
      assert.equal(h1Of(res.body), c.name);
      assert.match(res.body, /お客様情報/);
      assert.match(res.body, /サービス利用情報/);
      assert.match(res.body, /<dt>お客様番号<\/dt><dd>N200000001<\/dd>/);
      assert.match(res.body, /<dt>ご契約者名<\/dt><dd>あおば商事株式会社<\/dd>/);
      assertNoLeak(res.body, 'N200000002', `/services/${c.id}`);
    }
  });

  test('the customer admin of あおば sees the same contracts', async () => {
    const res = await get('aobaAdmin', '/services');
    assert.deepEqual(contractLinks(res.body), contractIds.aobaUser);
  });

  test('あおば gets 404 on every contract of かもめ and さくら, without a trace of them', async () => {
    const missing = await get('aobaUser', '/services/999999');
    assert.equal(missing.status, 404);
    for (const [who, number] of [
      ['kamomeUser', 'N200000002'],
      ['sakuraUser', 'N200000003'],
    ]) {
      for (const c of contractIds[who]) {
        for (const asker of ['aobaUser', 'aobaAdmin']) {
          const res = await get(asker, `/services/${c.id}`);
          assert.equal(res.status, 404, `${asker} /services/${c.id} of ${who}`);
          assert.equal(h1Of(res.body), 'ページが見つかりません');
          assertNoLeak(res.body, number, `404 of /services/${c.id}`);
          // Exactly like a contract that does not exist.
          if (asker === 'aobaUser') assert.equal(res.body, missing.body, `/services/${c.id} differs from a missing one`);
        }
      }
    }
  });

  test('かもめ gets 404 on the contracts of あおば', async () => {
    for (const c of contractIds.aobaUser) {
      const res = await get('kamomeUser', `/services/${c.id}`);
      assert.equal(res.status, 404);
      assertNoLeak(res.body, 'N200000001', `404 of /services/${c.id}`);
    }
  });

  test('odd contract ids are 404', async () => {
    for (const id of ['0', '-1', '01', '1x', '99999999999999999999', '1.0']) {
      const res = await get('aobaUser', `/services/${id}`);
      assert.equal(res.status, 404, `/services/${id}`);
    }
  });

  test('customers, user or admin, get 404 on /console', async () => {
    for (const who of ['aobaUser', 'aobaAdmin', 'kamomeUser']) {
      const res = await get(who, '/console');
      assert.equal(res.status, 404, who);
      assert.equal(h1Of(res.body), 'ページが見つかりません');
      for (const n of ['N200000002', 'N200000003']) assertNoLeak(res.body, n, `/console for ${who}`);
    }
  });

  test("home links to the portals of the customer's own services only", async () => {
    const portals = async (who) => {
      const res = await get(who, '/');
      assert.equal(res.status, 200);
      const section = /<section class="service-links[\s\S]*?<\/section>/.exec(res.body)?.[0] || '';
      return [...section.matchAll(/<a [^>]*>([^<]*)<\/a>/g)].map((m) => m[1]).sort();
    };
    assert.deepEqual(await portals('aobaUser'), ['マネージドCSPM', 'マネージドSOAR']);
    assert.deepEqual(await portals('kamomeUser'), ['マネージドEDR', 'マネージドSOAR']);
    assert.deepEqual(await portals('sakuraUser'), ['マネージドCSPM', 'マネージドEDR']);
  });

  test('the menu of a customer does not offer the console', async () => {
    const res = await get('aobaAdmin', '/');
    assert.equal(res.status, 200);
    assert.ok(!res.body.includes('href="/console"'));
  });
});

describe('provider staff', () => {
  for (const who of ['agent', 'providerAdmin']) {
    test(`${who} opens /console and sees the three customers`, async () => {
      const res = await get(who, '/console');
      assert.equal(res.status, 200);
      assert.equal(h1Of(res.body), 'お客様一覧');
      const rows = [...res.body.matchAll(/<tr><td>(N\d+)<\/td><td>([^<]*)<\/td><td>(\d+)<\/td><td>(\d+)<\/td><\/tr>/g)].map(
        (m) => [m[1], m[2], Number(m[3]), Number(m[4])],
      );
      assert.deepEqual(rows, [
        ['N200000001', 'あおば商事株式会社', 2, 2],
        ['N200000002', 'かもめ物流株式会社', 2, 2],
        ['N200000003', 'さくら精工株式会社', 2, 2],
      ]);
    });
  }

  test('staff have no customer pages (404 on /services and a contract)', async () => {
    for (const path of ['/services', `/services/${contractIds.aobaUser[0].id}`]) {
      const res = await get('agent', path);
      assert.equal(res.status, 404, path);
    }
  });

  test('the console pager copes with odd page numbers', async () => {
    for (const q of ['page=2', 'page=0', 'page=x', 'page=99999999999999999999']) {
      const res = await get('agent', `/console?${q}`);
      assert.equal(res.status, 200, q);
    }
  });
});

describe('in a browser', () => {
  let browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
  });

  test('a customer follows the table to a contract page', async () => {
    const context = await newContext(browser, base);
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.kamomeUser.id);
      await page.goto('/services');
      const rows = page.locator('table tbody tr');
      assert.equal(await rows.count(), 2);
      await navigating(page, () => page.getByRole('link', { name: 'マネージドEDR' }).click());
      assert.match(new URL(page.url()).pathname, /^\/services\/\d+$/);
      assert.equal(await page.locator('h1').textContent(), 'マネージドEDR');
      const kv = page.locator('dl.kv').first();
      assert.equal(await kv.locator('dt:has-text("お客様番号") + dd').textContent(), 'N200000002');
      assert.equal(await kv.locator('dt:has-text("ご契約者名") + dd').textContent(), 'かもめ物流株式会社');
      assert.equal(await page.locator('h2', { hasText: 'サービス利用情報' }).count(), 1);
      // Another customer's contract: the 404 page, nothing of theirs.
      await page.goto(`/services/${contractIds.aobaUser[0].id}`);
      assert.equal(await page.locator('h1').textContent(), 'ページが見つかりません');
      assert.ok(!(await page.content()).includes('あおば'));
    } finally {
      await context.close();
    }
  });

  test('the agent sees お客様一覧 in the menu', async () => {
    const context = await newContext(browser, base);
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.agent.id);
      await navigating(page, () => page.locator('#site-nav').getByRole('link', { name: 'お客様一覧' }).click());
      assert.equal(new URL(page.url()).pathname, '/console');
      assert.equal(await page.locator('table tbody tr').count(), 3);
      assert.equal(await page.locator('#site-nav a[href="/services"]').count(), 0);
    } finally {
      await context.close();
    }
  });
});
