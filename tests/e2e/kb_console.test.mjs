// Knowledge bases and categories in the console: renaming in both languages
// (validated next to the fields, what was typed kept, nothing changed when
// refused), deleting (refused with its reason while articles or categories
// remain, a category's articles moved to the chosen category first), what
// customers see afterwards, the audit trail, and who may do it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { csrfOf, FORM, form, h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { hitNumbers, resultCount, writeArticle } from './lib/knowledge.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

const CSPM = 'お客様向けドキュメント (マネージドCSPM)';
const SOAR = 'お客様向けドキュメント (マネージドSOAR)';

let srv;
let base;
const jars = {};

const get = (who, p) => jarRequest(base, jars[who], p);
const q = (s) => encodeURIComponent(s);

/** POSTs a form as who, with the csrf token of one of their pages. */
async function post(who, p, fields) {
  const page = await get(who, '/console/kb/bases');
  return jarRequest(base, jars[who], p, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), ...fields }) });
}

/** Knowledge base name (as listed) -> id, from the console's list. */
async function baseIds() {
  const list = await get('agent', '/console/kb/bases');
  assert.equal(list.status, 200);
  return Object.fromEntries([...list.body.matchAll(/<h2><a href="\/console\/kb\/bases\/(\d+)">([^<]*)<\/a><\/h2>/g)].map((m) => [m[2], m[1]]));
}

/** The categories of the console's list: [{kb: base id, text: "name_ja / name_en", id}]. */
async function categoryList() {
  const list = await get('agent', '/console/kb/bases');
  const out = [];
  for (const card of list.body.matchAll(/<section class="card kb-base"><h2><a href="\/console\/kb\/bases\/(\d+)">[\s\S]*?<\/section>/g)) {
    for (const m of card[0].matchAll(/<li><a href="\/console\/kb\/categories\/(\d+)">([^<]*)<\/a><\/li>/g)) {
      out.push({ kb: card[1], text: m[2], id: m[1] });
    }
  }
  return out;
}

/** The id of the category text ("name_ja / name_en") of knowledge base kb (any when omitted). */
async function categoryId(text, kb) {
  return (await categoryList()).find((c) => c.text === text && (!kb || c.kb === kb))?.id;
}

/** The audit events of the knowledge console, oldest first: [{event, detail}]. */
function auditTrail() {
  const out = execFileSync('sqlite3', ['-json', path.join(srv.dataDir, 'madoguchi.db'), "SELECT event, detail FROM audit_events WHERE event LIKE 'kb.%' ORDER BY id"], { encoding: 'utf8' });
  return out.trim() ? JSON.parse(out) : [];
}

/** The value of input#id of a page. */
function inputValue(html, id) {
  const m = new RegExp(`<input id="${id}"[^>]*value="([^"]*)"`).exec(html);
  return m ? m[1].replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : null;
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

describe('renaming', () => {
  test('every knowledge base and category links to its page, which shows its names in the form', async () => {
    const ids = await baseIds();
    assert.ok(ids[CSPM] && ids[SOAR], Object.keys(ids).join());
    const page = await get('agent', `/console/kb/bases/${ids[CSPM]}`);
    assert.equal(page.status, 200);
    assert.equal(h1Of(page.body), CSPM);
    assert.equal(inputValue(page.body, 'name_ja'), CSPM);
    assert.equal(inputValue(page.body, 'name_en'), 'Customer documents (Managed CSPM)');
    assert.match(page.body, /<dt>(Articles|記事)<\/dt><dd>\d+<\/dd>/);
    const cat = await get('agent', `/console/kb/categories/${await categoryId('2. カスタマーポータルご利用ガイド / 2. Customer portal guide')}`);
    assert.equal(cat.status, 200);
    assert.equal(inputValue(cat.body, 'name_ja'), '2. カスタマーポータルご利用ガイド');
    assert.equal(inputValue(cat.body, 'position'), '1');
    for (const p of ['/console/kb/bases/999999', '/console/kb/categories/999999', '/console/kb/bases/abc']) {
      assert.equal((await get('agent', p)).status, 404, p);
    }
  });

  test('bad names are answered next to their fields, what was typed kept, nothing changed', async () => {
    const ids = await baseIds();
    const id = ids[SOAR];
    const long = 'x'.repeat(101);
    const res = await post('agent', `/console/kb/bases/${id}`, { name_ja: '   ', name_en: long });
    assert.equal(res.status, 422);
    assert.match(res.body, /<input id="name_ja" name="name_ja" type="text"[^>]*aria-invalid="true"/);
    assert.match(res.body, /<p class="field-error" id="name_ja-error">[^<]+<\/p>/);
    assert.match(res.body, /<p class="field-error" id="name_en-error">[^<]+<\/p>/);
    assert.equal(inputValue(res.body, 'name_en'), long, 'what was typed is kept');
    // Another knowledge base's names, whatever the case and the spaces around them.
    const dup = await post('agent', `/console/kb/bases/${id}`, { name_ja: ' お知らせ (サービス共通) ', name_en: 'ANNOUNCEMENTS (all services)' });
    assert.equal(dup.status, 422);
    assert.match(dup.body, /id="name_ja-error">(Another knowledge base already has this name\.|同じ名称のナレッジベースがすでにあります。)</);
    assert.match(dup.body, /id="name_en-error">(Another knowledge base already has this name\.|同じ名称のナレッジベースがすでにあります。)</);
    assert.equal(inputValue(dup.body, 'name_en'), 'ANNOUNCEMENTS (all services)');
    const ctl = await post('agent', `/console/kb/bases/${id}`, { name_ja: 'タブ\tあり', name_en: 'ok' });
    assert.equal(ctl.status, 422);
    assert.match(ctl.body, /id="name_ja-error"/);
    assert.doesNotMatch(ctl.body, /id="name_en-error"/);
    const again = await get('agent', `/console/kb/bases/${id}`);
    assert.equal(inputValue(again.body, 'name_ja'), SOAR, 'nothing changed');
    assert.equal((await baseIds())[SOAR], id);
    // Keeping its own names (only the case changes) is no conflict.
    const same = await post('agent', `/console/kb/bases/${id}`, { name_ja: SOAR, name_en: 'customer documents (managed soar)' });
    assert.equal(same.status, 303);
    const back = await post('agent', `/console/kb/bases/${id}`, { name_ja: SOAR, name_en: 'Customer documents (Managed SOAR)' });
    assert.equal(back.status, 303);
  });

  test('a knowledge base renamed in both languages: customers see the new name at once; audited', async () => {
    const ids = await baseIds();
    const id = ids[CSPM];
    const res = await post('agent', `/console/kb/bases/${id}`, { name_ja: '  CSPM 利用者向け資料  ', name_en: 'CSPM customer library' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/console/kb/bases/${id}?saved=1`);
    const page = await get('agent', res.headers.location);
    assert.equal(h1Of(page.body), 'CSPM 利用者向け資料', 'trimmed');
    assert.match(page.body, /role="status"/);
    assert.equal((await baseIds())['CSPM 利用者向け資料'], id);
    // A customer of CSPM: the filter and the articles carry the new name, the old one is gone.
    const list = await get('aobaUser', '/knowledge');
    assert.match(list.body, new RegExp(`<a href="/knowledge\\?kb=${id}">CSPM 利用者向け資料</a>`));
    assert.doesNotMatch(list.body, /マネージドCSPM\)/);
    const byKb = await get('aobaUser', `/knowledge?kb=${id}`);
    assert.ok(hitNumbers(byKb.body).length > 0);
    assert.match(byKb.body, /<p class="kb-hit-where">CSPM 利用者向け資料 \| /);
    // In English, the English name.
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const p = await context.newPage();
      await signIn(p, ACCOUNTS.sakuraUser.id);
      await p.goto('/profile');
      await p.locator('#lang').selectOption('en');
      await navigating(p, () => p.locator('form[action="/profile"] button[type="submit"]').click());
      await p.goto('/knowledge');
      assert.equal(await p.locator(`.kb-bases a[href="/knowledge?kb=${id}"]`).textContent(), 'CSPM customer library');
      await p.goto(`/knowledge?kb=${id}`);
      assert.ok((await p.locator('.kb-hit-where').first().textContent()).startsWith('CSPM customer library'));
    } finally {
      await browser.close();
    }
    const trail = auditTrail().filter((e) => e.event === 'kb.base_renamed');
    assert.ok(trail.some((e) => e.detail === `${CSPM} / Customer documents (Managed CSPM) → CSPM 利用者向け資料 / CSPM customer library`), JSON.stringify(trail));
  });

  test('a category: its names are unique within its knowledge base only; position checked; renamed', async () => {
    const guide = await categoryId('2. カスタマーポータルご利用ガイド / 2. Customer portal guide');
    const dup = await post('agent', `/console/kb/categories/${guide}`, { name_ja: '1. サービス仕様書', name_en: 'Portal guide', position: 'abc' });
    assert.equal(dup.status, 422);
    assert.match(dup.body, /id="name_ja-error">(Another category of this knowledge base has this name\.|このナレッジベースには同じ名称のカテゴリがすでにあります。)</);
    assert.match(dup.body, /id="position-error"/);
    assert.equal(inputValue(dup.body, 'position'), 'abc');
    assert.equal(inputValue(dup.body, 'name_en'), 'Portal guide');
    assert.equal(await categoryId('2. カスタマーポータルご利用ガイド / 2. Customer portal guide'), guide, 'nothing changed');
    // "1. Service specifications" is the English name of categories of other knowledge bases too.
    const ok = await post('agent', `/console/kb/categories/${guide}`, { name_ja: '2. ポータルの使い方', name_en: '2. Using the portal', position: '7' });
    assert.equal(ok.status, 303);
    const page = await get('agent', `/console/kb/categories/${guide}`);
    assert.equal(h1Of(page.body), '2. ポータルの使い方');
    assert.equal(inputValue(page.body, 'position'), '7');
    const n = /<a href="\/knowledge\/(KB\d{7})"/.exec((await get('aobaUser', `/knowledge?cat=${guide}`)).body)[1];
    assert.match((await get('aobaUser', `/knowledge/${n}`)).body, /\| 2\. ポータルの使い方 \|/);
    assert.ok(auditTrail().some((e) => e.event === 'kb.category_updated' && e.detail.includes('→ 2. ポータルの使い方 / 2. Using the portal (7)')));
  });

  test('new knowledge bases and categories may not take a name in use either', async () => {
    const res = await post('agent', '/console/kb/bases', { service: '', name_ja: 'お知らせ (サービス共通)', name_en: 'Something new' });
    assert.equal(res.status, 422);
    assert.match(res.body, /id="name_ja-error"/);
    assert.match(res.body, /value="Something new"/);
    const ids = await baseIds();
    const cat = await post('agent', '/console/kb/categories', { kb: ids[SOAR], cat_name_ja: '新しいカテゴリ', cat_name_en: '1. service SPECIFICATIONS', position: '0' });
    assert.equal(cat.status, 422);
    assert.match(cat.body, /id="cat_name_en-error"/);
  });
});

describe('deleting', () => {
  test('a knowledge base that holds articles or categories is not deleted: the reason next to the button', async () => {
    const ids = await baseIds();
    const id = ids[SOAR];
    const before = await get('aobaUser', `/knowledge?kb=${id}`);
    const res = await post('agent', `/console/kb/bases/${id}/delete`, {});
    assert.equal(res.status, 409);
    assert.match(res.body, /<button class="btn btn-secondary" type="submit" aria-describedby="delete-error">/);
    assert.match(res.body, /<p class="field-error" role="alert" id="delete-error">[^<]*(articles: \d+, categories: 1|記事: \d+ 件、カテゴリ: 1 件)[^<]*<\/p>/);
    assert.equal((await baseIds())[SOAR], id, 'still listed');
    const after = await get('aobaUser', `/knowledge?kb=${id}`);
    assert.deepEqual(hitNumbers(after.body), hitNumbers(before.body), 'its articles are still there');
    assert.ok(!auditTrail().some((e) => e.event === 'kb.base_deleted'));
  });

  test('an empty knowledge base is deleted once its last category is; audited', async () => {
    const created = await post('agent', '/console/kb/bases', { service: '', name_ja: '削除テスト', name_en: 'Deletion test' });
    assert.equal(created.status, 303);
    const id = (await baseIds())['削除テスト'];
    assert.ok(id);
    const cat = await post('agent', '/console/kb/categories', { kb: id, cat_name_ja: '空のカテゴリ', cat_name_en: 'Empty category', position: '' });
    assert.equal(cat.status, 303);
    const refused = await post('agent', `/console/kb/bases/${id}/delete`, {});
    assert.equal(refused.status, 409);
    assert.match(refused.body, /articles: 0, categories: 1|記事: 0 件、カテゴリ: 1 件/);
    const catId = await categoryId('空のカテゴリ / Empty category', id);
    const catPage = await get('agent', `/console/kb/categories/${catId}`);
    assert.doesNotMatch(catPage.body, /id="move_to"/, 'nothing to move');
    const gone = await post('agent', `/console/kb/categories/${catId}/delete`, {});
    assert.equal(gone.status, 303);
    assert.equal(gone.headers.location, '/console/kb/bases?deleted=category');
    const del = await post('agent', `/console/kb/bases/${id}/delete`, {});
    assert.equal(del.status, 303);
    assert.equal(del.headers.location, '/console/kb/bases?deleted=kb');
    const list = await get('agent', del.headers.location);
    assert.match(list.body, /role="status"/);
    assert.equal((await baseIds())['削除テスト'], undefined);
    assert.equal((await get('agent', `/console/kb/bases/${id}`)).status, 404);
    const trail = auditTrail();
    assert.ok(trail.some((e) => e.event === 'kb.category_deleted' && e.detail === '空のカテゴリ / Empty category'));
    assert.ok(trail.some((e) => e.event === 'kb.base_deleted' && e.detail === '削除テスト / Deletion test'));
  });

  test('a category that holds articles: refused without a destination, then its articles moved to the one chosen', async () => {
    const ids = await baseIds();
    const cspm = ids['CSPM 利用者向け資料'] || ids[CSPM];
    const made = await post('agent', '/console/kb/categories', { kb: cspm, cat_name_ja: '移動元カテゴリ', cat_name_en: 'Source category', position: '9' });
    assert.equal(made.status, 303);
    const from = await categoryId('移動元カテゴリ / Source category', cspm);
    const spec = await categoryId('1. サービス仕様書 / 1. Service specifications', cspm);
    const soarSpec = await categoryId('1. サービス仕様書 / 1. Service specifications', ids[SOAR]);
    assert.ok(from && spec && soarSpec && spec !== soarSpec);
    const kbLabel = h1Of((await get('agent', `/console/kb/bases/${cspm}`)).body);
    const a = await writeArticle(base, jars.agent, { kb: kbLabel, category: '移動元カテゴリ', title: '移動される記事', body: 'カテゴリ移動の確認' });
    assert.equal(a.status, 303);
    const b = await writeArticle(base, jars.agent, { kb: kbLabel, category: '移動元カテゴリ', title: '移動される下書き', body: '下書きも移動する', action: 'save' });
    assert.equal(b.status, 303);
    assert.match((await get('aobaUser', `/knowledge/${a.number}`)).body, /\| 移動元カテゴリ \|/);

    const page = await get('agent', `/console/kb/categories/${from}`);
    assert.match(page.body, /<dt>(Articles|記事)<\/dt><dd>2<\/dd>/);
    assert.match(page.body, /<select id="move_to" name="move_to">/);
    assert.ok(page.body.includes(`<option value="${spec}">`), 'a category of the same knowledge base is offered');
    assert.ok(!page.body.includes(`<option value="${soarSpec}">`), 'not one of another knowledge base');

    // No destination: refused, with the count, nothing changed.
    const refused = await post('agent', `/console/kb/categories/${from}/delete`, { move_to: '' });
    assert.equal(refused.status, 409);
    assert.match(refused.body, /id="delete-error">[^<]*(\(2\)|（2 件）)/);
    assert.match(refused.body, /<select id="move_to"/);
    // A category of another knowledge base, or itself: refused too.
    for (const bad of [soarSpec, from, '999999', 'x']) {
      const res = await post('agent', `/console/kb/categories/${from}/delete`, { move_to: bad });
      assert.equal(res.status, 422, bad);
      assert.match(res.body, /id="delete-error">(Choose a category of the same knowledge base\.|同じナレッジベースのカテゴリを選択してください。)</);
    }
    assert.equal(await categoryId('移動元カテゴリ / Source category', cspm), from, 'still there');
    assert.match((await get('aobaUser', `/knowledge/${a.number}`)).body, /\| 移動元カテゴリ \|/, 'the article did not move');

    const moved = await post('agent', `/console/kb/categories/${from}/delete`, { move_to: spec });
    assert.equal(moved.status, 303);
    assert.equal(await categoryId('移動元カテゴリ / Source category'), undefined);
    assert.match((await get('aobaUser', `/knowledge/${a.number}`)).body, /\| 1\. サービス仕様書 \|/);
    const draft = await get('agent', `/console/kb/${b.id}`);
    assert.match(draft.body, new RegExp(`<option value="${spec}" selected>`), 'the draft moved too');
    assert.ok(auditTrail().some((e) => e.event === 'kb.category_deleted' && e.detail === '移動元カテゴリ / Source category (2 → 1. サービス仕様書)'));
  });

  test('or to no category', async () => {
    const ids = await baseIds();
    const soar = ids[SOAR];
    const made = await post('agent', '/console/kb/categories', { kb: soar, cat_name_ja: '一時カテゴリ', cat_name_en: 'Temporary', position: '3' });
    assert.equal(made.status, 303);
    const from = await categoryId('一時カテゴリ / Temporary', soar);
    const a = await writeArticle(base, jars.agent, { kb: SOAR, category: '一時カテゴリ', title: 'カテゴリなしへ', body: '本文' });
    assert.equal(a.status, 303);
    const res = await post('agent', `/console/kb/categories/${from}/delete`, { move_to: '0' });
    assert.equal(res.status, 303);
    const article = await get('aobaUser', `/knowledge/${a.number}`);
    assert.match(article.body, new RegExp(`<p class="kb-where muted" lang="ja">${SOAR.replace(/[()]/g, '\\$&')} \\| 日本語</p>`));
  });
});

describe('who may', () => {
  test('customers get 404 on every page and action; a form without its token changes nothing', async () => {
    const ids = await baseIds();
    const cat = (await categoryList())[0].id;
    for (const p of [`/console/kb/bases/${ids[SOAR]}`, `/console/kb/categories/${cat}`]) {
      assert.equal((await get('aobaUser', p)).status, 404, p);
    }
    const page = await get('aobaUser', '/knowledge');
    for (const p of [`/console/kb/bases/${ids[SOAR]}`, `/console/kb/bases/${ids[SOAR]}/delete`, `/console/kb/categories/${cat}/delete`]) {
      const res = await jarRequest(base, jars.aobaUser, p, { method: 'POST', headers: FORM, body: form({ csrf: csrfOf(page.body), name_ja: 'x', name_en: 'y' }) });
      assert.equal(res.status, 404, p);
    }
    const noToken = await jarRequest(base, jars.agent, `/console/kb/bases/${ids[SOAR]}`, { method: 'POST', headers: FORM, body: form({ name_ja: '乗っ取り', name_en: 'Hijack' }) });
    assert.equal(noToken.status, 403);
    assert.equal((await baseIds())[SOAR], ids[SOAR]);
    // The provider admin is staff too.
    assert.equal((await get('providerAdmin', `/console/kb/bases/${ids[SOAR]}`)).status, 200);
  });
});

describe('in the browser', () => {
  test('rename with the form, a refused delete, a confirmed delete; axe finds nothing serious', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const errors = watchErrors(page);
      page.on('dialog', (d) => d.accept());
      await signIn(page, ACCOUNTS.agent.id);
      await page.goto('/console/kb/bases');
      await checkA11y(page, { label: '/console/kb/bases' });
      await navigating(page, () => page.locator(`.kb-base h2 a`, { hasText: SOAR }).click());
      await checkA11y(page, { label: 'knowledge base page' });
      // Required and maxlength are checked by the browser; a name in use by the server.
      await page.locator('#name_en').fill('Announcements (all services)');
      await navigating(page, () => page.locator('form.form button[type="submit"]', { hasText: /Save|保存/ }).click());
      assert.equal(await page.locator('#name_en').getAttribute('aria-invalid'), 'true');
      await checkA11y(page, { label: 'knowledge base page with an error' });
      await page.locator('#name_en').fill('Managed SOAR documents');
      await navigating(page, () => page.locator('form.form button[type="submit"]', { hasText: /Save|保存/ }).click());
      assert.match(page.url(), /\?saved=1$/);
      assert.equal(await page.locator('#name_en').inputValue(), 'Managed SOAR documents');
      // Delete: confirmed, then refused next to the button.
      await navigating(page, () => page.locator('.kb-delete button[type="submit"]').click());
      assert.ok((await page.locator('#delete-error').textContent()).length > 10);
      await checkA11y(page, { label: 'refused delete' });
      // A category with articles: the destination, then deleted.
      await page.goto('/console/kb/bases');
      await navigating(page, () => page.locator('.kb-base li a', { hasText: '4. クラウドアカウント情報記入シート' }).click());
      await checkA11y(page, { label: 'category page' });
      const options = await page.locator('#move_to option').allTextContents();
      assert.ok(options.length >= 3, options.join());
      await page.locator('#move_to').selectOption({ index: 1 });
      await navigating(page, () => page.locator('.kb-delete button[type="submit"]').click());
      assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, '/console/kb/bases?deleted=category');
      assert.equal(await page.locator('.kb-base li a', { hasText: '4. クラウドアカウント情報記入シート' }).count(), 0);
      // The refused forms answer 422 and 409, which the console reports; nothing else.
      assert.deepEqual(errors.filter((e) => !/status of (422|409)/.test(e)), []);
    } finally {
      await browser.close();
    }
    // Its articles are still found by customers.
    assert.ok(resultCount((await get('aobaUser', `/knowledge?q=${q('記入シート')}`)).body) >= 1);
  });
});
