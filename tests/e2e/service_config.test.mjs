// Service configuration (サービス設定情報): the customer's contract pages, one
// per service, and what provider admins maintain in the console: customers
// (number, name), contracts (service, 種別, プラン, dates) and the links to
// each service's portal — all audited, bad input refused next to the field.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, newContext, signIn } from './lib/browser.mjs';
import { csrfOf, FORM, form, h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { optionValue } from './lib/knowledge.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
const jars = {};

const get = (who, p) => jarRequest(base, jars[who], p);
async function post(who, p, fields, formPage = p) {
  const page = await get(who, formPage);
  return jarRequest(base, jars[who], p, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

function contractLinks(html) {
  return [...html.matchAll(/<a href="\/services\/(\d+)">([^<]*)<\/a>/g)].map((m) => ({ id: m[1], name: m[2] }));
}

async function audit(eventLike) {
  const db = path.join(srv.dataDir, 'madoguchi.db');
  const { stdout } = await promisify(execFile)('sqlite3', [db, `SELECT event || '|' || detail FROM audit_events WHERE event LIKE '${eventLike}' ORDER BY id`]);
  return stdout.trim().split('\n').filter(Boolean);
}

before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  for (const key of ['aobaUser', 'kamomeUser', 'sakuraUser', 'agent', 'providerAdmin']) {
    jars[key] = await signedInJar(base, ACCOUNTS[key].id);
  }
});
after(async () => {
  await srv?.stop();
});

describe('the customer side', () => {
  test('a contract page per service, with お客様情報 and サービス利用情報', async () => {
    const list = await get('sakuraUser', '/services');
    const links = contractLinks(list.body);
    assert.deepEqual(links.map((l) => l.name).sort(), ['マネージドCSPM', 'マネージドEDR']);
    for (const l of links) {
      const res = await get('sakuraUser', `/services/${l.id}`);
      assert.equal(res.status, 200);
      assert.equal(h1Of(res.body), l.name);
      assert.match(res.body, /<dt>お客様番号<\/dt><dd>N200000003<\/dd>/);
      assert.match(res.body, /<dt>ご契約者名<\/dt><dd>さくら精工株式会社<\/dd>/);
      assert.match(res.body, new RegExp(`<dt>サービス名</dt><dd>${l.name}</dd>`));
      assert.match(res.body, /<dt>ご契約開始日<\/dt><dd>\d{4}-\d{2}-\d{2}<\/dd>/);
      assert.match(res.body, /<dt>次回契約更新日<\/dt>/);
      assert.match(res.body, /<dt>種別<\/dt><dd>[^<]+<\/dd>/);
      assert.match(res.body, /<dt>ご契約プラン<\/dt><dd>[^<]+<\/dd>/);
      assert.match(res.body, /営業担当/);
    }
  });

  test("another customer's contract answers 404 like a missing one", async () => {
    const missing = await get('aobaUser', '/services/999999');
    assert.equal(missing.status, 404);
    const theirs = contractLinks((await get('sakuraUser', '/services')).body);
    for (const c of theirs) {
      const res = await get('aobaUser', `/services/${c.id}`);
      assert.equal(res.status, 404);
      assert.equal(res.body, missing.body);
    }
  });
});

describe('console: customers and contracts (provider admins)', () => {
  test('agents and customers cannot reach it', async () => {
    for (const p of ['/console/customers', '/console/customers/new', '/console/customers/1', '/console/services', '/console/contracts/1']) {
      assert.equal((await get('agent', p)).status, 404, `agent ${p}`);
      assert.equal((await get('aobaUser', p)).status, 404, `customer ${p}`);
    }
  });

  test('create a customer; bad and duplicate numbers are refused next to the field', async () => {
    const bad = await post('providerAdmin', '/console/customers/new', { number: 'X12', name: 'てすと株式会社' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /<input id="number" name="number"[^>]*aria-invalid="true"[^>]*value="X12"/);
    assert.match(bad.body, /value="てすと株式会社"/);
    const dup = await post('providerAdmin', '/console/customers/new', { number: 'N200000001', name: '重複' });
    assert.equal(dup.status, 422);
    assert.match(dup.body, /id="number-error"/);
    const noName = await post('providerAdmin', '/console/customers/new', { number: 'N200000099', name: '  ' });
    assert.equal(noName.status, 422);
    assert.match(noName.body, /id="name-error"/);
    const list0 = await get('providerAdmin', '/console/customers');
    assert.doesNotMatch(list0.body, /N200000099/, 'nothing was created');
    const ok = await post('providerAdmin', '/console/customers/new', { number: 'N200000099', name: 'てすと株式会社' });
    assert.equal(ok.status, 303);
    assert.match(ok.headers.location, /^\/console\/customers\/\d+\?saved=1$/);
    const list = await get('providerAdmin', '/console/customers');
    assert.match(list.body, /<tr><td>N200000099<\/td><td><a href="\/console\/customers\/\d+">てすと株式会社<\/a><\/td><td>0<\/td><td>0<\/td><\/tr>/);
    assert.ok((await audit('customer.created')).some((l) => l.includes('N200000099')));
  });

  test('rename a customer and maintain its contracts; the customer sees them', async () => {
    const list = await get('providerAdmin', '/console/customers');
    const id = /<a href="\/console\/customers\/(\d+)">かもめ物流株式会社<\/a>/.exec(list.body)[1];
    const p = `/console/customers/${id}`;
    const bad = await post('providerAdmin', p, { name: '' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /id="name-error"/);
    const ren = await post('providerAdmin', p, { name: 'かもめ物流ホールディングス株式会社' });
    assert.equal(ren.status, 303);
    const svcPage = await get('kamomeUser', `/services/${contractLinks((await get('kamomeUser', '/services')).body)[0].id}`);
    assert.match(svcPage.body, /<dt>ご契約者名<\/dt><dd>かもめ物流ホールディングス株式会社<\/dd>/);

    // A contract for CSPM, with bad input first.
    const page = await get('providerAdmin', p);
    const cspm = optionValue(page.body, 'service', 'マネージドCSPM');
    const soar = optionValue(page.body, 'service', 'マネージドSOAR');
    const badK = await post('providerAdmin', `${p}/contracts`, { service: cspm, kind: '', plan: 'プレミアム', start_date: '2026-02-30', renewal_date: '2025-01-01' }, p);
    assert.equal(badK.status, 422);
    for (const f of ['kind', 'start_date']) assert.match(badK.body, new RegExp(`id="${f}-error"`), f);
    assert.match(badK.body, /<input id="plan" name="plan"[^>]*value="プレミアム"/);
    const dupK = await post('providerAdmin', `${p}/contracts`, { service: soar, kind: 'マネージドサービス', plan: 'x', start_date: '2026-01-01', renewal_date: '' }, p);
    assert.equal(dupK.status, 422, 'かもめ has SOAR already');
    assert.match(dupK.body, /id="service-error"/);
    const addK = await post('providerAdmin', `${p}/contracts`, { service: cspm, kind: 'マネージドサービス', plan: 'プレミアム', start_date: '2026-12-01', renewal_date: '2027-12-01' }, p);
    assert.equal(addK.status, 303);
    const mine = contractLinks((await get('kamomeUser', '/services')).body);
    const added = mine.find((c) => c.name === 'マネージドCSPM');
    assert.ok(added, 'the customer sees the new contract');
    const view = await get('kamomeUser', `/services/${added.id}`);
    assert.match(view.body, /<dt>ご契約プラン<\/dt><dd>プレミアム<\/dd>/);
    assert.match(view.body, /<dt>次回契約更新日<\/dt><dd>2027-12-01<\/dd>/);

    // Edit it.
    const cid = /<a href="\/console\/contracts\/(\d+)">マネージドCSPM<\/a>/.exec((await get('providerAdmin', p)).body)[1];
    const edit = await post('providerAdmin', `/console/contracts/${cid}`, { service: cspm, kind: 'トライアル', plan: 'エントリー', start_date: '2026-12-01', renewal_date: '' });
    assert.equal(edit.status, 303);
    const view2 = await get('kamomeUser', `/services/${added.id}`);
    assert.match(view2.body, /<dt>種別<\/dt><dd>トライアル<\/dd>/);
    assert.match(view2.body, /<dt>次回契約更新日<\/dt><dd>—<\/dd>/);
    const badEdit = await post('providerAdmin', `/console/contracts/${cid}`, { service: soar, kind: 'x', plan: 'y', start_date: '2026-12-01', renewal_date: '' });
    assert.equal(badEdit.status, 422, 'two contracts for one service');
    assert.match(badEdit.body, /id="service-error"/);

    // The new contract brings the service's knowledge to the customer.
    const kb = await get('kamomeUser', '/knowledge');
    assert.match(kb.body, /お客様向けドキュメント \(マネージドCSPM\)/);

    const events = await audit('contract.%');
    assert.ok(events.some((l) => l.startsWith('contract.created|')));
    assert.ok(events.some((l) => l.startsWith('contract.updated|')));
    assert.ok((await audit('customer.updated')).length >= 1);
    // Not in the customer's login history.
    const hist = await get('kamomeUser', '/history');
    assert.doesNotMatch(hist.body, /contract\./);
  });

  test("the links to the services' portals", async () => {
    const page = await get('providerAdmin', '/console/services');
    const id = /action="\/console\/services\/(\d+)"><h2>マネージドSOAR<\/h2>/.exec(page.body)[1];
    const field = `portal-${id}`;
    for (const bad of ['javascript:alert(1)', 'ftp://soar.example/', 'https://a b.example/']) {
      const res = await post('providerAdmin', `/console/services/${id}`, { [field]: bad }, '/console/services');
      assert.equal(res.status, 422, bad);
      assert.match(res.body, new RegExp(`id="${field}-error"`));
    }
    const ok = await post('providerAdmin', `/console/services/${id}`, { [field]: 'https://soar-portal.example/login' }, '/console/services');
    assert.equal(ok.status, 303);
    const home = await get('aobaUser', '/');
    assert.match(home.body, /<a rel="noopener" href="https:\/\/soar-portal\.example\/login">マネージドSOAR<\/a>/);
    // Empty: no link.
    const none = await post('providerAdmin', `/console/services/${id}`, { [field]: '' }, '/console/services');
    assert.equal(none.status, 303);
    const home2 = await get('aobaUser', '/');
    assert.doesNotMatch(home2.body, /soar-portal\.example/);
    assert.ok((await audit('service.portal_updated')).length >= 2);
  });

  test('accessibility of the console pages', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.providerAdmin.id);
      const list = await get('providerAdmin', '/console/customers');
      const id = /<a href="\/console\/customers\/(\d+)">/.exec(list.body)[1];
      const cid = /<a href="\/console\/contracts\/(\d+)">/.exec((await get('providerAdmin', `/console/customers/${id}`)).body)[1];
      for (const p of ['/console/customers', '/console/customers/new', `/console/customers/${id}`, `/console/contracts/${cid}`, '/console/services']) {
        await page.goto(p);
        await checkA11y(page, { label: p });
      }
    } finally {
      await browser.close();
    }
  });
});
