// Announcements (お知らせ): a banner per current announcement on home (title,
// 詳細, ×), × closes it for that user for good while the lists keep it,
// targeted announcements stay invisible to the other customers, and the
// display window decides when a banner shows.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { csrfOf, FORM, form, jarRequest, signedInJar } from './lib/http.mjs';
import { tokyoLocal, writeArticle } from './lib/knowledge.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
const jars = {};

const get = (who, path) => jarRequest(base, jars[who], path);

/** The banners of home: [{number, title}]. */
async function banners(who) {
  const res = await get(who, '/');
  assert.equal(res.status, 200);
  return [...res.body.matchAll(/<p class="kb-banner-title"><a id="banner-(KB\d{7})" href="\/knowledge\/KB\d{7}">([^<]*)<\/a>/g)].map((m) => ({
    number: m[1],
    title: m[2],
  }));
}

/** The titles of the current announcements listed on home. */
async function homeList(who) {
  const res = await get(who, '/');
  const section = /<section class="kb-announcements card">([\s\S]*?)<\/section>/.exec(res.body)?.[1] || '';
  return [...section.matchAll(/<li><a href="\/knowledge\/KB\d{7}">([^<]*)<\/a>/g)].map((m) => m[1]);
}

async function listPage(who) {
  const res = await get(who, '/announcements');
  assert.equal(res.status, 200);
  return [...res.body.matchAll(/<li><a href="\/knowledge\/(KB\d{7})">([^<]*)<\/a>/g)].map((m) => m[2]);
}

before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  for (const key of ['aobaUser', 'aobaAdmin', 'kamomeUser', 'sakuraUser', 'sakuraAdmin', 'agent']) {
    jars[key] = await signedInJar(base, ACCOUNTS[key].id);
  }
});
after(async () => {
  await srv?.stop();
});

const COMMON = 'カスタマーポータルメンテナンスのお知らせ';
const SOAR = 'お知らせSOAR_20260214_1';
const SAKURA = 'さくら精工様向け: 定期メンテナンスのご案内';

describe('banners', () => {
  test('each customer sees the banners meant for it', async () => {
    const titles = async (who) => (await banners(who)).map((b) => b.title).sort();
    assert.deepEqual(await titles('aobaUser'), [SOAR, COMMON].sort(), 'あおば: SOAR and common');
    assert.deepEqual(await titles('kamomeUser'), [SOAR, COMMON].sort(), 'かもめ: SOAR and common');
    assert.deepEqual(await titles('sakuraUser'), [COMMON, SAKURA].sort(), 'さくら: no SOAR, its own');
    for (const who of ['aobaUser', 'kamomeUser']) {
      assert.ok(!(await listPage(who)).includes(SAKURA), `${who} does not list the さくら announcement`);
      const home = await get(who, '/');
      assert.ok(!home.body.includes('さくら精工様向け'), `${who} home`);
    }
    // Staff have no banners.
    const staff = await get('agent', '/');
    assert.doesNotMatch(staff.body, /kb-banner/);
  });

  test('詳細 and the title open the article', async () => {
    const [b] = await banners('aobaUser');
    const home = await get('aobaUser', '/');
    assert.match(home.body, new RegExp(`<a class="btn btn-secondary kb-banner-more" href="/knowledge/${b.number}" aria-describedby="banner-${b.number}">`));
    const art = await get('aobaUser', `/knowledge/${b.number}`);
    assert.equal(art.status, 200);
    assert.match(art.body, new RegExp(`<h1 class="page-title">${b.title}</h1>`));
  });

  test('× in the browser closes the banner in place, for good; the lists keep it', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/');
      assert.equal(await page.locator('.kb-banner').count(), 2);
      await checkA11y(page, { label: 'home with banners' });
      const first = page.locator('.kb-banner').first();
      const title = await first.locator('.kb-banner-title a').textContent();
      const url = page.url();
      let navigated = false;
      page.on('framenavigated', (f) => {
        if (f === page.mainFrame()) navigated = true;
      });
      const done = page.waitForResponse((r) => r.url().includes('/dismiss') && r.request().method() === 'POST');
      await first.locator('button.kb-banner-close').click();
      assert.equal((await done).status(), 204);
      await page.locator('.kb-banner', { hasText: title }).waitFor({ state: 'detached' });
      assert.equal(navigated, false, 'closed in place');
      assert.equal(page.url(), url);
      assert.equal(await page.locator('.kb-banner').count(), 1);
      await page.reload();
      assert.equal(await page.locator('.kb-banner').count(), 1, 'does not come back');
      assert.equal(await page.locator('.kb-banner', { hasText: title }).count(), 0);
      // The lists keep it.
      assert.ok((await homeList('aobaUser')).includes(title));
      assert.ok((await listPage('aobaUser')).includes(title));
      // Another user of the same customer still has it.
      assert.ok((await banners('aobaAdmin')).some((b) => b.title === title));
      // The title of the other banner opens the article.
      await navigating(page, () => page.locator('.kb-banner .kb-banner-title a').click());
      assert.match(page.url(), /\/knowledge\/KB\d{7}$/);
      await page.goto('/announcements');
      await checkA11y(page, { label: '/announcements' });
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
    }
  });

  test('× without JavaScript: a form post that comes back home', async () => {
    const home = await get('kamomeUser', '/');
    const [b] = await banners('kamomeUser');
    const res = await jarRequest(base, jars.kamomeUser, `/announcements/${b.number}/dismiss`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(home.body) }),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/');
    assert.ok(!(await banners('kamomeUser')).some((x) => x.number === b.number));
    assert.ok((await listPage('kamomeUser')).includes(b.title));
    // Twice is fine.
    const again = await jarRequest(base, jars.kamomeUser, `/announcements/${b.number}/dismiss`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(home.body) }),
    });
    assert.equal(again.status, 303);
  });

  test('× needs the CSRF token, and only works on announcements the user may see', async () => {
    const home = await get('sakuraUser', '/');
    const [b] = await banners('sakuraUser');
    const noToken = await jarRequest(base, jars.sakuraUser, `/announcements/${b.number}/dismiss`, { method: 'POST', headers: FORM, body: '' });
    assert.equal(noToken.status, 403);
    assert.ok((await banners('sakuraUser')).some((x) => x.number === b.number), 'still there');
    // あおば cannot close (nor learn about) the さくら announcement.
    const sakura = (await banners('sakuraUser')).find((x) => x.title === SAKURA);
    const aobaHome = await get('aobaUser', '/');
    for (const n of [sakura.number, 'KB9999999']) {
      const res = await jarRequest(base, jars.aobaUser, `/announcements/${n}/dismiss`, {
        method: 'POST',
        headers: FORM,
        body: form({ csrf: csrfOf(aobaHome.body) }),
      });
      assert.equal(res.status, 404, n);
    }
    // A knowledge article that is not an announcement cannot be "closed".
    const art = /href="\/knowledge\/(KB\d{7})"/.exec((await get('aobaUser', '/knowledge?lang=en')).body)[1];
    const res = await jarRequest(base, jars.aobaUser, `/announcements/${art}/dismiss`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(aobaHome.body) }),
    });
    assert.equal(res.status, 404);
    void home;
  });
});

describe('targets and display window', () => {
  test('an announcement for the customers of some services', async () => {
    const a = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: 'EDR 利用者向けのお知らせ',
      body: 'EDR をご利用のお客様へ。',
      target: 'services',
      services: ['マネージドEDR'],
      showFrom: tokyoLocal(-1),
      showUntil: tokyoLocal(24),
    });
    assert.equal(a.status, 303);
    assert.ok((await banners('kamomeUser')).some((b) => b.number === a.number), 'かもめ has EDR');
    assert.ok((await banners('sakuraUser')).some((b) => b.number === a.number), 'さくら has EDR');
    assert.ok(!(await banners('aobaUser')).some((b) => b.number === a.number), 'あおば has no EDR');
    assert.equal((await get('aobaUser', `/knowledge/${a.number}`)).status, 404);
  });

  test('an announcement for some customers', async () => {
    const a = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: 'あおば商事様へのお知らせ',
      body: '個別のお知らせです。',
      target: 'customers',
      customers: 'N200000001',
    });
    assert.equal(a.status, 303);
    assert.ok((await banners('aobaUser')).some((b) => b.number === a.number));
    for (const who of ['kamomeUser', 'sakuraUser']) {
      assert.ok(!(await banners(who)).some((b) => b.number === a.number), who);
      assert.equal((await get(who, `/knowledge/${a.number}`)).status, 404, who);
      assert.ok(!(await listPage(who)).includes('あおば商事様へのお知らせ'), who);
    }
  });

  test('the window decides when the banner shows', async () => {
    const future = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: '来週のお知らせ',
      body: 'まだ表示されません。',
      showFrom: tokyoLocal(24 * 7),
    });
    const past = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: '終わったお知らせ',
      body: 'もう表示されません。',
      showFrom: tokyoLocal(-48),
      showUntil: tokyoLocal(-24),
    });
    assert.equal(future.status, 303);
    assert.equal(past.status, 303);
    const b = await banners('sakuraUser');
    assert.ok(!b.some((x) => x.number === future.number), 'not yet');
    assert.ok(!b.some((x) => x.number === past.number), 'no longer');
    const list = await listPage('sakuraUser');
    assert.ok(!list.includes('来週のお知らせ'), 'the list shows what has begun');
    assert.ok(list.includes('終わったお知らせ'), 'past announcements stay in the list');
    assert.ok(!(await homeList('sakuraUser')).includes('終わったお知らせ'), 'home lists current ones');
  });

  test('a window that ends before it starts is refused next to the field', async () => {
    const res = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: '逆の期間',
      body: 'x',
      showFrom: tokyoLocal(10),
      showUntil: tokyoLocal(5),
    });
    assert.equal(res.status, 422);
    assert.match(res.body, /<input id="show_until" name="show_until" type="datetime-local"[^>]*aria-invalid="true"/);
    assert.match(res.body, /id="show_until-error"/);
  });

  test('customers cannot use the announcement routes of others, visitors are sent to sign in', async () => {
    const res = await jarRequest(base, new (await import('./lib/http.mjs')).Jar(), '/announcements');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login/);
    assert.equal((await get('agent', '/announcements')).status, 404);
  });
});

describe('accessibility', () => {
  test('home with banners and the list at phone width', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base, { viewport: { width: 390, height: 844 } });
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.sakuraAdmin.id);
      await page.goto('/');
      assert.ok((await page.locator('.kb-banner').count()) >= 1);
      await checkA11y(page, { label: 'home (phone)' });
      await page.goto('/announcements');
      await checkA11y(page, { label: '/announcements (phone)' });
    } finally {
      await browser.close();
    }
  });
});
