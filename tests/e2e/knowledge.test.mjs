// Knowledge (ナレッジ): search in Japanese and English with every filter and
// sort, the 3-character rule, paging, Markdown that tries to inject script,
// view counts, attachments, what a customer may not see (another service's
// article, a draft, a retired article, another customer's), and a search
// broader than the count's cap (its own server, with 1,050 more articles).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { csrfOf, FORM, form, h1Of, jarRequest, request, signedInJar } from './lib/http.mjs';
import { hitNumbers, hitTimes, hitTitles, postMultipart, resultCount, viewsOf, writeArticle } from './lib/knowledge.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let base;
const jars = {};
const numbers = {}; // demo article title -> KB number

const get = (who, path) => jarRequest(base, jars[who], path);
const q = (s) => encodeURIComponent(s);
// Alphabetical order compares titles lower-cased (ASCII, as SQL lower() does), byte by byte.
const alphaKey = (t) => Buffer.from(t.replace(/[A-Z]/g, (c) => c.toLowerCase()));
const byAlphaKey = (a, b) => Buffer.compare(alphaKey(a), alphaKey(b));

before(async () => {
  srv = await startServer();
  base = srv.baseURL;
  for (const key of ['aobaUser', 'kamomeUser', 'sakuraUser', 'agent', 'providerAdmin']) {
    jars[key] = await signedInJar(base, ACCOUNTS[key].id);
  }
  const list = await get('agent', '/console/kb');
  assert.equal(list.status, 200);
  for (const m of list.body.matchAll(/<tr><td>(KB\d{7})<\/td><td><a href="\/console\/kb\/\d+">([^<]*)<\/a>/g)) {
    numbers[m[2]] = m[1];
  }
  assert.ok(numbers['よくあるご質問'], 'demo articles are listed in the console');
});
after(async () => {
  await srv?.stop();
});

describe('search', () => {
  test('fewer than 3 characters: told next to the field, nothing searched', async () => {
    for (const s of ['ab', 'パス', ' x ', 'あ']) {
      const res = await get('aobaUser', `/knowledge?q=${q(s)}`);
      assert.equal(res.status, 200);
      assert.match(res.body, /<input id="q" name="q" type="search"[^>]*aria-invalid="true"[^>]*aria-describedby="q-error"/);
      assert.match(res.body, /<p class="field-error" id="q-error">[^<]+<\/p>/);
      assert.equal(hitNumbers(res.body).length, 0, s);
      assert.match(res.body, new RegExp(`value="${s.trim()}"`), 'what was typed is kept');
    }
    const three = await get('aobaUser', `/knowledge?q=${q('パスワ')}`);
    assert.doesNotMatch(three.body, /q-error/);
    assert.ok(hitNumbers(three.body).includes(numbers['よくあるご質問']));
  });

  test('Japanese substring search with highlighted snippets', async () => {
    const res = await get('aobaUser', `/knowledge?q=${q('パスワード')}`);
    assert.equal(res.status, 200);
    assert.deepEqual(hitNumbers(res.body), [numbers['よくあるご質問']]);
    assert.equal(resultCount(res.body), 1);
    assert.match(res.body, /<p class="kb-hit-snippet" lang="ja">[^<]*<mark>パスワード<\/mark>/);
    // A substring inside a word (no word boundaries in Japanese).
    const mid = await get('aobaUser', `/knowledge?q=${q('ンテナンス')}`);
    assert.ok(hitNumbers(mid.body).includes(numbers['カスタマーポータルメンテナンスのお知らせ']));
    assert.match(mid.body, /<mark>ンテナンス<\/mark>/);
  });

  test('English search is case-insensitive and finds substrings; titles are marked', async () => {
    for (const s of ['misconfig', 'MISCONFIGURATION', 'isconfigur']) {
      const res = await get('aobaUser', `/knowledge?q=${q(s)}`);
      assert.deepEqual(hitNumbers(res.body), [numbers['Managed CSPM service specification']], s);
      assert.match(res.body, /<mark>m?isconfig/i);
    }
    const t = await get('aobaUser', `/knowledge?q=${q('playbook')}`);
    assert.match(t.body, /<a href="\/knowledge\/KB\d{7}" lang="en">Managed SOAR <mark>playbook<\/mark> operations<\/a>/);
    // Two words: both must occur.
    const two = await get('aobaUser', `/knowledge?q=${q('search characters')}`);
    assert.deepEqual(hitNumbers(two.body), [numbers['Customer portal guide: searching the knowledge base']]);
    const none = await get('aobaUser', `/knowledge?q=${q('search zebra')}`);
    assert.equal(resultCount(none.body), 0);
  });

  test('what is typed is never markup: quotes, tags and FTS syntax are plain text', async () => {
    for (const s of ['"><script>alert(1)</script>', 'NEAR(a b)', 'title:x OR *', '"""', "'); DROP TABLE kb_articles; --"]) {
      const res = await get('aobaUser', `/knowledge?q=${q(s)}`);
      assert.equal(res.status, 200, s);
      assert.doesNotMatch(res.body, /<script>alert/);
    }
    const still = await get('aobaUser', `/knowledge?q=${q('パスワード')}`);
    assert.equal(resultCount(still.body), 1);
  });

  test('the language filter, as a chip that removes it', async () => {
    const en = await get('aobaUser', '/knowledge?lang=en');
    const langs = [...en.body.matchAll(/<h3 class="kb-hit-title"><a href="[^"]+" lang="(\w+)"/g)].map((m) => m[1]);
    assert.ok(langs.length >= 3);
    assert.ok(langs.every((l) => l === 'en'), langs.join());
    assert.match(en.body, /<a class="kb-chip" href="\/knowledge" aria-label="[^"]*English[^"]*">English <span aria-hidden="true">×<\/span><\/a>/);
    const ja = await get('aobaUser', `/knowledge?q=${q('サービス')}&lang=ja`);
    assert.ok(hitNumbers(ja.body).length >= 1);
    assert.ok([...ja.body.matchAll(/kb-hit-title"><a href="[^"]+" lang="(\w+)"/g)].every((m) => m[1] === 'ja'));
    const enq = await get('aobaUser', `/knowledge?q=${q('サービス')}&lang=en`);
    assert.equal(resultCount(enq.body), 0);
  });

  test('knowledge base, category and author filters, combined, with すべて消去', async () => {
    const page = await get('aobaUser', '/knowledge');
    const kb = /<a href="\/knowledge\?kb=(\d+)">お客様向けドキュメント \(マネージドCSPM\)<\/a>/.exec(page.body)[1];
    const byKb = await get('aobaUser', `/knowledge?kb=${kb}`);
    const wheres = [...byKb.body.matchAll(/<p class="kb-hit-where">([^<]*)<\/p>/g)].map((m) => m[1]);
    assert.equal(wheres.length, 6);
    assert.ok(wheres.every((w) => w.startsWith('お客様向けドキュメント (マネージドCSPM)')));
    // Categories of that knowledge base only, once it is chosen.
    const cat = /<a href="\/knowledge\?kb=\d+&amp;cat=(\d+)">1\. サービス仕様書<\/a>/.exec(byKb.body)[1];
    const byCat = await get('aobaUser', `/knowledge?kb=${kb}&cat=${cat}`);
    assert.deepEqual(hitNumbers(byCat.body).sort(), [numbers['マネージドCSPM サービス仕様書'], numbers['Managed CSPM service specification']].sort());
    // Author.
    const author = /<a href="\/knowledge\?author=(\d+)">見晴 管理者<\/a>/.exec(page.body)[1];
    const byAuthor = await get('aobaUser', `/knowledge?author=${author}`);
    const authors = [...byAuthor.body.matchAll(/<p class="kb-hit-meta muted">([^<•]*) •/g)].map((m) => m[1].trim());
    assert.ok(authors.length >= 3);
    assert.ok(authors.every((a) => a === '見晴 管理者'));
    // All four at once, with a query.
    const all = await get('aobaUser', `/knowledge?q=${q('CSPM')}&lang=en&kb=${kb}&cat=${cat}&author=${author}`);
    assert.deepEqual(hitNumbers(all.body), [numbers['Managed CSPM service specification']]);
    const chips = [...all.body.matchAll(/<a class="kb-chip" href="([^"]*)"/g)].map((m) => m[1].replace(/&amp;/g, '&'));
    assert.equal(chips.length, 4);
    assert.ok(chips.every((h) => h.includes('q=CSPM')), 'removing a chip keeps the query');
    const clear = /<a class="kb-clear" href="([^"]*)">/.exec(all.body)[1].replace(/&amp;/g, '&');
    assert.equal(clear, '/knowledge?q=CSPM');
    const cleared = await get('aobaUser', clear);
    assert.ok(resultCount(cleared.body) > 1);
    assert.doesNotMatch(cleared.body, /kb-chip/);
  });

  test('sorts: relevance (default with a query), views, newest, alphabetical', async () => {
    const rel = await get('aobaUser', `/knowledge?q=${q('CSPM')}`);
    assert.match(rel.body, /<a href="\/knowledge\?q=CSPM&amp;sort=relevance" aria-current="true">/);
    const newest = await get('aobaUser', `/knowledge?q=${q('CSPM')}&sort=newest`);
    const times = hitTimes(newest.body);
    assert.ok(times.length >= 3);
    assert.deepEqual(times, [...times].sort((a, b) => b - a));
    const alpha = await get('aobaUser', '/knowledge?sort=alpha');
    const titles = hitTitles(alpha.body);
    assert.deepEqual(titles, [...titles].sort(byAlphaKey));
    // Views: read one article three times, it comes first.
    const n = numbers['Prisma Cloud ご利用ガイド'];
    for (let i = 0; i < 3; i++) await get('kamomeUser', `/knowledge/${n}`).catch(() => {});
    for (let i = 0; i < 3; i++) assert.equal((await get('aobaUser', `/knowledge/${n}`)).status, 200);
    const views = await get('aobaUser', '/knowledge?sort=views');
    assert.equal(hitNumbers(views.body)[0], n);
    const counts = [...views.body.matchAll(/<p class="kb-hit-meta muted">[^•]*• [^\d•]*(\d+)/g)].map((m) => Number(m[1]));
    assert.ok(counts.length >= 5);
    assert.deepEqual(counts, [...counts].sort((a, b) => b - a));
    // Without a query there is no relevance: newest is the default.
    const browse = await get('aobaUser', '/knowledge');
    assert.doesNotMatch(browse.body, /sort=relevance/);
    assert.match(browse.body, /sort=newest" aria-current="true"/);
  });

  test('result count and paging (20 a page)', async () => {
    for (let i = 1; i <= 23; i++) {
      const a = await writeArticle(base, jars.agent, {
        kb: 'お客様向けドキュメント (マネージドCSPM)',
        lang: i % 2 ? 'ja' : 'en',
        title: `ページング試験 ${String(i).padStart(2, '0')}`,
        body: `ページング試験の記事 ${i} (paging test)`,
      });
      assert.equal(a.status, 303);
    }
    const p1 = await get('aobaUser', `/knowledge?q=${q('ページング試験')}&sort=alpha`);
    assert.equal(resultCount(p1.body), 23);
    assert.equal(hitNumbers(p1.body).length, 20);
    assert.match(p1.body, /<span>1~20 件目 \/ 23 件<\/span>|<span>1–20 of 23<\/span>/);
    const next = /<a rel="next" href="([^"]*)">/.exec(p1.body)[1].replace(/&amp;/g, '&');
    const p2 = await get('aobaUser', next);
    assert.deepEqual(hitTitles(p2.body), ['ページング試験 21', 'ページング試験 22', 'ページング試験 23']);
    // Other customers of CSPM see them; かもめ (no CSPM) does not.
    const kamome = await get('kamomeUser', `/knowledge?q=${q('ページング試験')}`);
    assert.equal(resultCount(kamome.body), 0);
  });
});

describe('articles', () => {
  test('an article shows its number, title, author, relative time, views and where it belongs', async () => {
    const n = numbers['よくあるご質問'];
    const res = await get('aobaUser', `/knowledge/${n}`);
    assert.equal(res.status, 200);
    assert.equal(h1Of(res.body), 'よくあるご質問');
    assert.match(res.body, new RegExp(`<p class="kb-number">${n}</p>`));
    assert.match(res.body, /見晴 太郎/);
    assert.match(res.body, /<time datetime="[^"]+Z" title="[^"]+">(3 日前|3 days ago)<\/time>/);
    assert.match(res.body, /お客様向けドキュメント \(マネージドCSPM\) \| 2\. カスタマーポータルご利用ガイド/);
    // Markdown: headings one level down, lists, bold, a safe relative link.
    assert.match(res.body, /<h2>よくあるご質問<\/h2>/);
    assert.match(res.body, /<ol><li>/);
    assert.match(res.body, /<strong>\.cs<\/strong>/);
    assert.match(res.body, /<a rel="noopener noreferrer" href="\/password\/reset">パスワードのリセット<\/a>/);
  });

  test('each view counts once', async () => {
    const n = numbers['マネージドCSPM サービス仕様書'];
    const first = viewsOf((await get('aobaUser', `/knowledge/${n}`)).body);
    const second = viewsOf((await get('sakuraUser', `/knowledge/${n}`)).body);
    assert.equal(second, first + 1);
    const head = await request(base, `/knowledge/${n}`, { method: 'HEAD', headers: { Cookie: jars.aobaUser.header() } });
    assert.equal(head.status, 200);
    const third = viewsOf((await get('aobaUser', `/knowledge/${n}`)).body);
    assert.equal(third, second + 1, 'HEAD does not count');
    const list = await get('aobaUser', `/knowledge?q=${q('サービス仕様書')}`);
    assert.match(list.body, new RegExp(`href="/knowledge/${n}"[\\s\\S]*?<p class="kb-hit-meta muted">[^•]*• [^\\d•]*${third}\\b`));
  });

  test('Markdown that tries to inject script is rendered harmless', async () => {
    const body = [
      '# Heading <script>alert("h")</script>',
      '',
      '<script>alert(1)</script>',
      '',
      '<img src=x onerror="alert(2)">',
      '',
      '<div onclick="alert(3)">raw html block</div>',
      '',
      '[click me](javascript:alert(4)) and [entity](&#106;avascript:alert(5)) and [upper](JAVASCRIPT:alert(6))',
      '',
      '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(8)) [tab](java\tscript:alert(9))',
      '',
      '<javascript:alert(10)> <a href="javascript:alert(11)">inline</a> <span onmouseover=alert(12)>x</span>',
      '',
      '![img](javascript:alert(13)) ![remote](https://evil.example/x.png) ![local](/static/favicon.svg "t\\" onerror=\\"alert(14)")',
      '',
      '[ok](https://example.com/?a=1&b="2") `<b>code</b>`',
      '',
      '```html',
      '<script>alert(15)</script>',
      '```',
    ].join('\n');
    const a = await writeArticle(base, jars.agent, { kb: 'お客様向けドキュメント (マネージドCSPM)', title: 'XSS 試験記事', body });
    assert.equal(a.status, 303);
    const res = await get('aobaUser', `/knowledge/${a.number}`);
    assert.equal(res.status, 200);
    const article = /<div class="kb-body">([\s\S]*?)<\/div><\/article>/.exec(res.body)[1];
    assert.doesNotMatch(article, /<script/i);
    assert.doesNotMatch(article, /<img src="x"|<div onclick|<span onmouseover|<a href="javascript/i);
    assert.doesNotMatch(article, /\son[a-z]+="/i, 'no event attribute');
    for (const m of article.matchAll(/\s(href|src)="([^"]*)"/g)) {
      assert.match(m[2], /^(https?:\/\/|\/[^/\\]|#|mailto:)/i, `${m[1]}=${m[2]}`);
    }
    assert.match(article, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/, 'raw HTML is shown as text');
    assert.match(article, /<span class="md-link-refused">click me<\/span>/);
    assert.match(article, /<span class="md-link-refused">entity<\/span>/);
    assert.match(article, /<span class="md-link-refused">upper<\/span>/);
    assert.match(article, /<a rel="noopener noreferrer" href="https:\/\/evil\.example\/x\.png">remote<\/a>/);
    assert.match(article, /<img src="\/static\/favicon\.svg" alt="local" title="t&quot; onerror=&quot;alert\(14\)" loading="lazy">/);
    assert.match(article, /href="https:\/\/example\.com\/\?a=1&amp;b=&quot;2&quot;"/);
    assert.match(article, /<code>&lt;b&gt;code&lt;\/b&gt;<\/code>/);

    // In the browser: no dialog, no script error, no CSP violation.
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const errors = watchErrors(page);
      let dialogs = 0;
      page.on('dialog', async (d) => {
        dialogs++;
        await d.dismiss();
      });
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto(`/knowledge/${a.number}`);
      await page.locator('.kb-body').hover();
      for (const el of await page.locator('.kb-body span, .kb-body img').all()) await el.hover().catch(() => {});
      await page.locator('.md-link-refused').first().click();
      await page.waitForTimeout(300);
      assert.equal(dialogs, 0);
      // The local image of the article does not exist: its 404 is the only error allowed.
      assert.deepEqual(errors.filter((e) => !/Failed to load resource.*404/.test(e)), []);
      assert.equal(await page.evaluate(() => document.querySelectorAll('.kb-body script, .kb-body iframe, .kb-body [onerror], .kb-body [onclick]').length), 0);
      await checkA11y(page, { label: 'article with hostile Markdown' });
    } finally {
      await browser.close();
    }
  });

  test('attachments download with their bytes and their Japanese name', async () => {
    const data = crypto.randomBytes(300_000);
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), data]);
    const a = await writeArticle(base, jars.agent, {
      kb: 'お客様向けドキュメント (マネージドCSPM)',
      category: '4. クラウドアカウント情報記入シート',
      title: '記入シート (添付あり)',
      body: '添付ファイルをダウンロードしてください。',
      files: [
        { field: 'files', name: 'クラウドアカウント情報記入シート 2026.pdf', data: pdf, type: 'application/pdf' },
        { field: 'files', name: 'notes;v2 (final).txt', data: Buffer.from('plain notes\n'), type: 'text/plain' },
      ],
    });
    assert.equal(a.status, 303);
    const res = await get('sakuraUser', `/knowledge/${a.number}`);
    const links = [...res.body.matchAll(/<li><a download href="(\/knowledge\/KB\d{7}\/files\/\d+)">([^<]*)<\/a>/g)];
    assert.equal(links.length, 2);
    assert.equal(links[0][2], 'クラウドアカウント情報記入シート 2026.pdf');
    const dl = await fetch(new URL(links[0][1], base), { headers: { Cookie: jars.sakuraUser.header() } });
    assert.equal(dl.status, 200);
    const bytes = Buffer.from(await dl.arrayBuffer());
    assert.ok(bytes.equals(pdf), 'the same bytes');
    assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
    const cd = dl.headers.get('content-disposition');
    assert.ok(cd.startsWith('attachment; filename="'), cd);
    assert.match(cd, /filename\*=UTF-8''%E3%82%AF%E3%83%A9%E3%82%A6%E3%83%89/);
    const star = /filename\*=UTF-8''(.*)$/.exec(cd)[1];
    assert.equal(decodeURIComponent(star), 'クラウドアカウント情報記入シート 2026.pdf');
    assert.match(/filename="([^"]*)"/.exec(cd)[1], /^[\x20-\x7e]+\.pdf$/);
    const txt = await fetch(new URL(links[1][1], base), { headers: { Cookie: jars.sakuraUser.header() } });
    assert.equal(await txt.text(), 'plain notes\n');
    assert.equal(txt.headers.get('content-disposition'), "attachment; filename=\"notes_v2 (final).txt\"; filename*=UTF-8''notes%3Bv2%20%28final%29.txt");
    // かもめ has no CSPM: the file is as missing as the article.
    const other = await get('kamomeUser', links[0][1]);
    assert.equal(other.status, 404);
    const missing = await get('kamomeUser', `/knowledge/${a.number}/files/999999`);
    assert.equal(other.body, missing.body);
    // A file id of another article is not reachable through this one.
    const wrong = await get('sakuraUser', `/knowledge/${numbers['よくあるご質問']}/files/${links[0][1].split('/').pop()}`);
    assert.equal(wrong.status, 404);
  });
});

describe('what a customer may not see answers 404 like a missing article', () => {
  test('an article of a service the customer does not subscribe to', async () => {
    const edr = numbers['Managed EDR: isolating a host'];
    const missing = await get('aobaUser', '/knowledge/KB9999999');
    assert.equal(missing.status, 404);
    const res = await get('aobaUser', `/knowledge/${edr}`);
    assert.equal(res.status, 404);
    assert.equal(res.body, missing.body);
    assert.doesNotMatch(res.body, /isolating/);
    assert.equal((await get('kamomeUser', `/knowledge/${edr}`)).status, 200, 'かもめ has EDR');
    const search = await get('aobaUser', `/knowledge?q=${q('isolat')}`);
    assert.equal(resultCount(search.body), 0);
    const bases = await get('aobaUser', '/knowledge');
    assert.doesNotMatch(bases.body, /マネージドEDR/);
  });

  test('a draft, then a retired article', async () => {
    const draft = numbers['下書き: 未公開の記事'];
    const missing = await get('aobaUser', '/knowledge/KB9999999');
    const res = await get('aobaUser', `/knowledge/${draft}`);
    assert.equal(res.status, 404);
    assert.equal(res.body, missing.body);
    // Retire a published article: it disappears from the article URL and the search.
    const a = await writeArticle(base, jars.agent, { kb: 'お客様向けドキュメント (マネージドSOAR)', title: '公開終了テスト記事', body: '公開終了の確認' });
    assert.equal((await get('aobaUser', `/knowledge/${a.number}`)).status, 200);
    const edit = await get('agent', `/console/kb/${a.id}`);
    const retire = await jarRequest(base, jars.agent, `/console/kb/${a.id}/retire`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(edit.body) }),
    });
    assert.equal(retire.status, 303);
    const gone = await get('aobaUser', `/knowledge/${a.number}`);
    assert.equal(gone.status, 404);
    assert.equal(gone.body, missing.body);
    assert.equal(resultCount((await get('aobaUser', `/knowledge?q=${q('公開終了テスト')}`)).body), 0);
  });

  test("another customer's targeted announcement", async () => {
    const n = numbers['さくら精工様向け: 定期メンテナンスのご案内'];
    assert.equal((await get('sakuraUser', `/knowledge/${n}`)).status, 200);
    const missing = await get('aobaUser', '/knowledge/KB9999999');
    const res = await get('aobaUser', `/knowledge/${n}`);
    assert.equal(res.status, 404);
    assert.equal(res.body, missing.body);
    assert.equal(resultCount((await get('aobaUser', `/knowledge?q=${q('定期メンテナンス')}`)).body), 0);
  });

  test('odd article numbers and staff', async () => {
    for (const p of ['/knowledge/KB1', '/knowledge/kb0000001', '/knowledge/KB00000001', '/knowledge/KB0000001/files/abc']) {
      assert.equal((await get('aobaUser', p)).status, 404, p);
    }
    // Staff read articles in the console, not on the customer pages.
    assert.equal((await get('agent', '/knowledge')).status, 404);
  });

  test('the console is staff-only', async () => {
    for (const p of ['/console/kb', '/console/kb/new', '/console/kb/1', '/console/kb/bases']) {
      assert.equal((await get('aobaUser', p)).status, 404, p);
    }
  });
});

describe('console authoring', () => {
  test('bad input is answered next to its field, what was typed kept, nothing saved', async () => {
    const before = await get('agent', '/console/kb');
    const count = /<span>\d+–\d+ of (\d+)<\/span>|<span>\d+~\d+ 件目 \/ (\d+) 件<\/span>/.exec(before.body);
    const res = await writeArticle(base, jars.agent, { kb: 'お客様向けドキュメント (マネージドCSPM)', title: '', body: 'keep this body\u0001' });
    assert.equal(res.status, 422);
    assert.match(res.body, /<input id="title" name="title" type="text"[^>]*aria-invalid="true"/);
    assert.match(res.body, /id="title-error"/);
    assert.match(res.body, /id="body-error"/);
    assert.match(res.body, />keep this body/);
    const res2 = await writeArticle(base, jars.agent, {
      kb: 'お知らせ (サービス共通)',
      title: '対象の誤り',
      body: 'x',
      target: 'customers',
      customers: 'N200000001, N999999999',
      showFrom: '2026-13-01T00:00',
    });
    assert.equal(res2.status, 422);
    assert.match(res2.body, /id="customers-error"[^>]*>[^<]*N999999999/);
    assert.match(res2.body, /id="show_from-error"/);
    assert.match(res2.body, /value="N200000001, N999999999"/);
    const after = await get('agent', '/console/kb');
    const count2 = /<span>\d+–\d+ of (\d+)<\/span>|<span>\d+~\d+ 件目 \/ (\d+) 件<\/span>/.exec(after.body);
    assert.equal(count2[1] || count2[2], count[1] || count[2], 'nothing was saved');
  });

  test('preview renders without saving; a draft is published later; numbers have no gaps', async () => {
    const prev = await writeArticle(base, jars.agent, {
      kb: 'お客様向けドキュメント (マネージドSOAR)',
      title: 'プレビュー試験',
      body: '**太字** と [リンク](javascript:x)',
      action: 'preview',
    });
    assert.equal(prev.status, 200);
    assert.match(prev.body, /<section class="kb-preview card"[\s\S]*<strong>太字<\/strong> と <span class="md-link-refused">リンク<\/span>/);
    const draft = await writeArticle(base, jars.agent, { kb: 'お客様向けドキュメント (マネージドSOAR)', title: '下書きから公開', body: '本文', action: 'save' });
    assert.equal(draft.status, 303);
    assert.equal((await get('aobaUser', `/knowledge/${draft.number}`)).status, 404);
    const edit = await get('agent', `/console/kb/${draft.id}`);
    const pub = await jarRequest(base, jars.agent, `/console/kb/${draft.id}/publish`, {
      method: 'POST',
      headers: FORM,
      body: form({ csrf: csrfOf(edit.body) }),
    });
    assert.equal(pub.status, 303);
    assert.equal((await get('aobaUser', `/knowledge/${draft.number}`)).status, 200);
    const next = await writeArticle(base, jars.agent, { kb: 'お客様向けドキュメント (マネージドSOAR)', title: '次の番号', body: '本文' });
    assert.equal(Number(next.number.slice(2)), Number(draft.number.slice(2)) + 1, 'the preview and the refused forms took no number');
    // Publishing and retiring are audited.
    const list = await get('agent', '/console/kb?state=published');
    assert.match(list.body, new RegExp(draft.number));
  });
});

describe('accessibility', () => {
  test('search, article and console pages pass axe', async () => {
    const browser = await launchBrowser();
    try {
      const context = await newContext(browser, base);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/knowledge');
      await checkA11y(page, { label: '/knowledge' });
      await page.locator('#q').fill('パスワード');
      await navigating(page, () => page.locator('form.kb-search button[type="submit"]').click());
      assert.equal(await page.locator('.kb-hit').count(), 1);
      await checkA11y(page, { label: '/knowledge?q=パスワード' });
      await page.goto(`/knowledge?q=ab`);
      await checkA11y(page, { label: '/knowledge?q=ab (error)' });
      await page.goto('/knowledge?lang=ja&sort=views');
      await checkA11y(page, { label: '/knowledge with a chip' });
      await navigating(page, () => page.locator('.kb-hit-title a').first().click());
      assert.match(page.url(), /\/knowledge\/KB\d{7}$/);
      await checkA11y(page, { label: 'article' });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto('/knowledge');
      await checkA11y(page, { label: '/knowledge (phone)' });
      assert.deepEqual(errors, []);

      const staff = await newContext(browser, base);
      const sp = await staff.newPage();
      await signIn(sp, ACCOUNTS.agent.id);
      for (const p of ['/console/kb', '/console/kb/new', '/console/kb/bases', '/console/kb/1']) {
        await sp.goto(p);
        await checkA11y(sp, { label: p });
      }
    } finally {
      await browser.close();
    }
  });
});

describe('a search that matches more articles than the count shows', () => {
  const CAP = 1000;
  const SEEDED = 1050;
  let big;
  const bigJars = {};
  const bigGet = (who, p) => jarRequest(big.baseURL, bigJars[who], p);
  const countText = (html) => /<h2 id="kb-count"[^>]*>([^<]*)<\/h2>/.exec(html)[1];
  const pagerText = (html) => /<nav class="pager"[^>]*>[\s\S]*?<span>([^<]*)<\/span>/.exec(html)?.[1];
  const MORE = new RegExp(`More than ${CAP} results|${CAP} 件以上`);

  before(async () => {
    big = await startServer();
    for (const key of ['aobaUser', 'kamomeUser']) bigJars[key] = await signedInJar(big.baseURL, ACCOUNTS[key].id);
    // 1,050 published articles of CSPM that match 大量試験, written straight into the
    // database (as many through the form would take minutes): article i was added
    // i-th and published i seconds before the one before it, so the most recently
    // added are the oldest; titles start alpha / Beta / gamma in turn.
    const title = "printf('%s 大量試験 %04d', CASE i % 3 WHEN 0 THEN 'alpha' WHEN 1 THEN 'Beta' ELSE 'gamma' END, i)";
    const sql = `.timeout 10000
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${SEEDED})
INSERT INTO kb_articles (number, kb_id, lang, title, sort_key, author_id, state, published_at, views, created_at, updated_at)
SELECT printf('KB9%06d', i), (SELECT id FROM kb_bases WHERE name_ja = 'お客様向けドキュメント (マネージドCSPM)'),
  CASE WHEN i % 2 THEN 'en' ELSE 'ja' END, ${title}, lower(${title}),
  (SELECT id FROM users WHERE login = 'agent@miharashi.example.cs'), 'published',
  CAST(strftime('%s', 'now') AS INTEGER) - 86400 - i, (i * 37) % 1000, 0, 0 FROM n;
INSERT INTO kb_texts (article_id, title, plain, body)
  SELECT id, title, '大量試験の本文 ' || number, '大量試験の本文 ' || number FROM kb_articles WHERE number >= 'KB9000000';
COMMIT;
`;
    execFileSync('sqlite3', [path.join(big.dataDir, 'madoguchi.db')], { input: sql });
  });
  after(async () => {
    await big?.stop();
  });

  test('the count says "more than", with a notice; the pages cover the cap', async () => {
    const res = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}`);
    assert.equal(res.status, 200);
    assert.match(countText(res.body), MORE);
    assert.match(res.body, /<p class="muted kb-broad">[^<]+<\/p>/);
    assert.equal(hitNumbers(res.body).length, 20);
    assert.match(pagerText(res.body), /^1–20 of more than 1000$|^1~20 件目 \/ 1000 件以上$/);
    assert.match(res.body, /<a rel="next" href="[^"]*page=2"/);
    const last = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&page=${CAP / 20}`);
    assert.equal(hitNumbers(last.body).length, 20);
    assert.doesNotMatch(last.body, /rel="next"/);
    const beyond = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&page=${CAP / 20 + 1}`);
    assert.equal(beyond.status, 200);
    assert.equal(hitNumbers(beyond.body).length, 0);
    assert.match(countText(beyond.body), MORE);
    // The list without a query is capped the same way.
    const list = await bigGet('aobaUser', '/knowledge');
    assert.match(countText(list.body), MORE);
  });

  test('it is sorted among the articles added most recently, in every order', async () => {
    // Newest: the newest of the candidates, not of all 1,050 (the first 49 added are left out).
    const newest = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&sort=newest`);
    const n = hitNumbers(newest.body);
    assert.equal(n[0], `KB9${String(SEEDED - CAP).padStart(6, '0')}`);
    assert.deepEqual(hitTimes(newest.body), [...hitTimes(newest.body)].sort((a, b) => b - a));
    // Alphabetical, whatever the case: "alpha", then "Beta", then "gamma".
    const alpha = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&sort=alpha`);
    const titles = hitTitles(alpha.body);
    assert.ok(titles.every((t) => t.startsWith('alpha ')), titles.join());
    assert.deepEqual(titles, [...titles].sort(byAlphaKey));
    const later = hitTitles((await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&sort=alpha&page=20`)).body);
    assert.ok(later.every((t) => t.startsWith('Beta ')), later.join());
    // Relevance: every title has the words, so the newest come first.
    const rel = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}`);
    assert.deepEqual(hitNumbers(rel.body), n);
  });

  test('a filter that brings it under the cap gives the exact count and order', async () => {
    const en = await bigGet('aobaUser', `/knowledge?q=${q('大量試験')}&lang=en&sort=views`);
    assert.equal(resultCount(en.body), SEEDED / 2);
    assert.doesNotMatch(countText(en.body), MORE);
    assert.doesNotMatch(en.body, /kb-broad/);
    const views = [...en.body.matchAll(/<p class="kb-hit-meta muted">[^•]*• [^\d•]*(\d+)/g)].map((m) => Number(m[1]));
    assert.equal(views[0], 999, 'the most viewed of all 525, whenever it was added');
    assert.deepEqual(views, [...views].sort((a, b) => b - a));
    // Another customer without CSPM sees none of them.
    const kamome = await bigGet('kamomeUser', `/knowledge?q=${q('大量試験')}`);
    assert.equal(resultCount(kamome.body), 0);
  });
});
