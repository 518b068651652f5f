// Cases (SPEC §4, guide 4.6 and 4.8): the whole life of a case in the
// browser, a customer and an agent in two browser contexts, once in Japanese
// and once in English (a customer who switched /profile to English):
// inquiry with an attachment → 新規 → the agent assigns, notes, comments and
// asks (お客様確認待ち) → the customer answers (→ MSOC 作業中) → resolved →
// rejected (→ 作業中) → resolved → accepted without a dialog (→ クローズ) →
// read-only. ケースをクローズ asks for a confirmation first. Then every
// customer action POSTed in every state (refusals answer 409 and change
// nothing), and the mails in the outbox folder.
//
// The flow is driven by structure (form actions, ids), so that a missing
// translation does not hide the behaviour behind it: the labels seen on the
// way are collected and checked by a test of their own per language.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, Jar, csrfOf, form, jarRequest } from './lib/http.mjs';
import { readOutbox } from './lib/outbox.mjs';
import { ACCOUNTS, CUSTOMERS, startServer } from './lib/server.mjs';

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

// ---------------------------------------------------------------- labels

const STATES = ['new', 'working', 'awaiting', 'resolved', 'closed'];

/** What SPEC §4 and the guide name things (ja), and the English catalog (en). */
const LABELS = {
  ja: {
    states: {
      new: '新規',
      working: 'MSOC 作業中', // "{provider short name} 作業中"; the demo's short name is MSOC
      awaiting: 'お客様確認待ち',
      resolved: '解決済み(クローズ待ち)',
      closed: 'クローズ',
    },
    close: 'ケースをクローズ',
    accept: 'ソリューションを承認',
    reject: 'ソリューションを却下',
    inquiry: 'お問い合わせ',
    send: '送信',
    categories: {
      service: 'サービスについて',
      product: '製品仕様について',
      alert: 'アラートについて',
      fault: '故障について',
      report_question: '月次レポートについて',
      other: 'その他',
    },
  },
  en: {
    states: {
      new: 'New',
      working: 'MSOC working',
      awaiting: 'Awaiting customer',
      resolved: 'Resolved (awaiting close)',
      closed: 'Closed',
    },
    close: 'Close the case',
    accept: 'Accept the solution',
    reject: 'Reject the solution',
    inquiry: 'Inquiry',
    send: 'Send',
    categories: {
      service: 'About the service',
      product: 'About product specifications',
      alert: 'About alerts',
      fault: 'About a fault',
      report_question: 'About the monthly report',
      other: 'Other',
    },
  },
};
// The guide writes 解決済み（クローズ待ち） with full-width parentheses: either is right.
const sameLabel = (a, b) => a.replace(/（/g, '(').replace(/）/g, ')') === b.replace(/（/g, '(').replace(/）/g, ')');

/** The state code of a label shown in either language, or null. */
function stateCode(label) {
  const l = (label || '').trim();
  for (const lang of ['ja', 'en'])
    for (const [code, text] of Object.entries(LABELS[lang].states)) if (sameLabel(l, text)) return code;
  return null;
}

/** Label mismatches seen during a language's run: checked by a test of their own. */
const labelProblems = { ja: [], en: [] };
function expectLabel(lang, what, actual, expected) {
  const a = (actual ?? '').replace(/\s+/g, ' ').trim();
  if (!sameLabel(a, expected)) labelProblems[lang].push(`${what}: shows "${a}", expected "${expected}"`);
}

// ---------------------------------------------------------------- HTTP helpers

/** A multipart/form-data body; fields is a list of [name, value] in order (csrf first). */
function multipart(fields, files = []) {
  const boundary = `----madoguchi-e2e-${Math.random().toString(16).slice(2)}`;
  const parts = [];
  for (const [name, value] of fields) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field || 'files'}"; filename="${f.name}"\r\n` +
          `Content-Type: ${f.type || 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(f.data),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function postMultipart(jar, url, fields, files = [], headers = {}) {
  const { body, type } = multipart(fields, files);
  return jarRequest(base, jar, url, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body });
}

/** A jar holding the cookies of a browser context: the same session over node:http. */
async function jarOf(context) {
  const jar = new Jar();
  for (const c of await context.cookies()) jar.cookies[c.name] = c.value;
  return jar;
}

/** The state label of a case page (the first row of its fields). */
function stateLabelOf(html) {
  const m = /<dl class="kv"><dt>[^<]*<\/dt><dd>([^<]*)<\/dd>/.exec(html);
  return m ? m[1] : null;
}

/** The activity stream of a case page, as HTML. */
function activityOf(html) {
  return /<ol class="activity-stream">[\s\S]*?<\/ol>/.exec(html)?.[0] ?? null;
}

/** A case as its customer sees it over HTTP. */
async function customerCase(jar, number) {
  const res = await jarRequest(base, jar, `/cases/${number}`);
  assert.equal(res.status, 200, `GET /cases/${number}`);
  const label = stateLabelOf(res.body);
  return { res, label, state: stateCode(label), activity: activityOf(res.body), csrf: csrfOf(res.body) };
}

/** Sends an inquiry over HTTP (no attachment); returns the case number. */
async function inquiryHTTP(jar, subject) {
  const page = await jarRequest(base, jar, '/inquiry');
  assert.equal(page.status, 200);
  const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
  const res = await postMultipart(jar, '/inquiry', [
    ['csrf', csrfOf(page.body)],
    ['service', service],
    ['category', 'other'],
    ['subject', subject],
    ['description', `${subject} の詳細`],
  ]);
  assert.equal(res.status, 303, `POST /inquiry: ${res.status}`);
  const m = /^\/cases\/(CS\d{7})$/.exec(res.headers.location || '');
  assert.ok(m, `POST /inquiry went to ${res.headers.location}`);
  return m[1];
}

/** The agent sets the state (and keeps the assignee) through the console's form. */
async function agentSetState(jar, number, state) {
  const page = await jarRequest(base, jar, `/console/cases/${number}`);
  assert.equal(page.status, 200);
  const options = /<select id="assignee"[^>]*>([\s\S]*?)<\/select>/.exec(page.body)?.[1] ?? '';
  const assignee = /<option value="(\d+)" selected>/.exec(options)?.[1] ?? '0';
  return jarRequest(base, jar, `/console/cases/${number}/update`, {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(page.body), state, assignee }),
  });
}

// ---------------------------------------------------------------- mails

/** Every .eml of the outbox folder, oldest first: {file, to, subject, lang, text, raw}. */
const outbox = () => readOutbox(srv.dataDir);

/** The mails to address about case number, waiting for count of them (the sender is asynchronous). */
async function mailsAbout(address, number, count, wait = 5_000) {
  const deadline = Date.now() + wait;
  for (;;) {
    const found = outbox().filter((m) => m.to.toLowerCase().includes(`<${address}>`) && m.subject.includes(`[${number}]`));
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
}

// ---------------------------------------------------------------- browser helpers

/** What the customer's case page shows and offers. */
async function customerView(page) {
  const main = page.locator('main');
  const label = (await main.locator('dl.kv dd').first().textContent()).trim();
  return {
    label,
    state: stateCode(label),
    close: await main.locator('form[action$="/close"] button').count(),
    accept: await main.locator('form[action$="/accept"] button').count(),
    reject: await main.locator('form[action$="/reject"] button').count(),
    commentBox: await main.locator('form[action$="/comments"] textarea').count(),
    text: await main.textContent(),
  };
}

/** Fails with what the browser shows unless a form led to a case page. */
async function landedOnCase(page, what) {
  const p = new URL(page.url()).pathname;
  if (!/^\/(console\/)?cases\/CS\d{7}$/.test(p)) {
    const h1 = (await page.locator('h1').first().textContent().catch(() => '')) || '';
    assert.fail(`${what}: the browser shows ${p} "${h1.trim()}" instead of a case page`);
  }
}

/** Sends an inquiry without an attachment through the form; returns the case number. */
async function inquiryInBrowser(page, subject) {
  await page.goto('/inquiry');
  await page.locator('#subject').fill(subject);
  await page.locator('#description').fill('close me');
  await navigating(page, () => page.locator('form[action="/inquiry"] button[type="submit"]').click());
  await landedOnCase(page, 'an inquiry without an attachment');
  return /\/cases\/(CS\d{7})$/.exec(page.url())[1];
}

async function agentUpdate(page, { state, assignee }) {
  if (state) await page.locator('#state').selectOption(state);
  if (assignee) await page.locator('#assignee').selectOption({ label: assignee });
  await navigating(page, () => page.locator('form.case-console button[type="submit"]').click());
  assert.equal(new URL(page.url()).pathname.startsWith('/console/cases/'), true, page.url());
}

async function agentComment(page, text, visibility) {
  const f = page.locator('form[action$="/comments"]');
  await f.locator('textarea#body').fill(text);
  await f.locator(`input[name="visibility"][value="${visibility}"]`).check();
  await navigating(page, () => f.locator('button[type="submit"]').click());
  await landedOnCase(page, `the agent's ${visibility} comment`);
}

// ---------------------------------------------------------------- the flow, in two languages

const RUNS = [
  {
    lang: 'ja',
    customer: ACCOUNTS.aobaUser,
    address: 'user@aoba.example',
    service: 'マネージドCSPM',
    category: 'alert',
    subject: 'アラートの件数が急増しました',
    description: '昨夜から CSPM のアラートが 3 倍に増えています。\n原因の調査をお願いします。',
    file: { name: 'アラート一覧.csv', mimeType: 'text/csv', buffer: Buffer.from('時刻,件数\n01:00,12\n02:00,37\n') },
    note: '内部メモ: 顧客の設定変更が原因の可能性 NOTE-JA-7f3a',
    comment: 'ご連絡ありがとうございます。昨日の設定変更の内容を教えてください。',
    answer: '昨日 18 時にポリシーを 2 件追加しました。',
  },
  {
    lang: 'en',
    customer: ACCOUNTS.kamomeUser,
    address: 'user@kamome.example',
    service: 'Managed EDR',
    category: 'fault',
    subject: 'EDR agent stops on two hosts',
    description: 'Since Monday the agent stops on hosts web-01 and web-02.\nPlease investigate.',
    file: { name: 'agent-log.txt', mimeType: 'text/plain', buffer: Buffer.from('2026-11-20 agent stopped: code 7\n') },
    note: 'Internal: probably the kernel update NOTE-EN-91c2',
    comment: 'Thank you. Which kernel version do the two hosts run?',
    answer: 'Both run 6.1.0-27.',
  },
];

for (const run of RUNS) {
  const L = LABELS[run.lang];
  describe(`the life of a case (${run.lang})`, () => {
    let customerCtx;
    let agentCtx;
    let cpage; // the customer's page
    let apage; // the agent's page
    let errors;
    let number;
    const dialogs = [];
    // The steps of the flow build on each other: after a failure the next ones are skipped.
    let failedStep = null;
    const step = (name, fn) =>
      test(name, async (t) => {
        if (failedStep) {
          t.skip(`the earlier step "${failedStep}" failed`);
          return;
        }
        try {
          await fn(t);
        } catch (e) {
          failedStep = name;
          throw e;
        }
      });

    before(async () => {
      customerCtx = await newContext(browser, base);
      agentCtx = await newContext(browser, base);
      cpage = await customerCtx.newPage();
      apage = await agentCtx.newPage();
      errors = watchErrors(cpage);
      // Every dialog is recorded; the tests that expect one handle it first.
      cpage.on('dialog', (d) => {
        dialogs.push({ type: d.type(), message: d.message() });
      });
      await Promise.all([signIn(cpage, run.customer.id), signIn(apage, ACCOUNTS.agent.id)]);
    });
    after(async () => {
      await customerCtx?.close();
      await agentCtx?.close();
    });

    if (run.lang === 'en') {
      step('the customer switches their language to English in /profile', async () => {
        await cpage.goto('/profile');
        await cpage.locator('#lang').selectOption('en');
        await navigating(cpage, () => cpage.locator('form[action="/profile"] button[type="submit"]').click());
        await cpage.goto('/');
        assert.equal(await cpage.locator('html').getAttribute('lang'), 'en');
      });
    }

    step('the customer sends an inquiry with an attachment; the case opens in 新規 with CS + 7 digits', async () => {
      await cpage.goto('/');
      await navigating(cpage, () => cpage.locator('#site-nav a[href="/inquiry"]').click());
      assert.equal(new URL(cpage.url()).pathname, '/inquiry');
      expectLabel(run.lang, 'inquiry page title', await cpage.locator('main h1').textContent(), L.inquiry);
      // The categories a customer may pick, and only those.
      const cats = await cpage.locator('#category option').evaluateAll((os) => os.map((o) => [o.value, o.textContent]));
      assert.deepEqual(
        cats.map(([v]) => v),
        Object.keys(L.categories),
      );
      for (const [v, text] of cats) expectLabel(run.lang, `category ${v}`, text, L.categories[v]);
      expectLabel(
        run.lang,
        'send button',
        await cpage.locator('form[action="/inquiry"] button[type="submit"]').textContent(),
        L.send,
      );

      await cpage.locator('#service').selectOption({ label: run.service });
      await cpage.locator('#category').selectOption(run.category);
      await cpage.locator('#subject').fill(run.subject);
      await cpage.locator('#description').fill(run.description);
      await cpage.locator('#files').setInputFiles(run.file);
      await cpage.locator('form[action="/inquiry"] button[type="submit"]').click();
      await cpage.waitForURL(/\/cases\/CS\d{7}$/);
      await cpage.waitForLoadState('load');

      number = /\/cases\/(CS\d{7})$/.exec(cpage.url())[1];
      assert.match(number, /^CS\d{7}$/);
      assert.equal((await cpage.locator('main h1 .case-number').textContent()).trim(), number);
      assert.ok((await cpage.locator('main h1').textContent()).includes(run.subject));
      const v = await customerView(cpage);
      assert.equal(v.state, 'new', `state shows "${v.label}"`);
      expectLabel(run.lang, 'state after the inquiry', v.label, L.states.new);
      const kv = (await cpage.locator('main dl.kv dd').allTextContents()).map((d) => d.trim());
      // State, category, customer number, contract holder, service, contact, created, updated.
      assert.ok(
        sameLabel(kv[1], LABELS.ja.categories[run.category]) || sameLabel(kv[1], LABELS.en.categories[run.category]),
        `the category shows "${kv[1]}"`,
      );
      expectLabel(run.lang, 'category on the case page', kv[1], L.categories[run.category]);
      for (const want of [run.customer.customer, CUSTOMERS[run.customer.customer], run.service, run.customer.name]) {
        assert.ok(kv.includes(want), `the fields show ${want}: ${kv.join(' | ')}`);
      }
      assert.ok(v.text.includes(run.description.split('\n')[0]), 'the description is shown');
      // Open: ケースをクローズ only; a comment box.
      assert.deepEqual([v.close, v.accept, v.reject, v.commentBox], [1, 0, 0, 1]);
      expectLabel(run.lang, 'close button', await cpage.locator('form[action$="/close"] button').textContent(), L.close);

      // The attachment downloads with its name and its bytes.
      const link = cpage.locator('main ul.attachments a', { hasText: run.file.name });
      assert.equal(await link.count(), 1, 'the attachment is listed');
      const [download] = await Promise.all([cpage.waitForEvent('download'), link.click()]);
      assert.equal(download.suggestedFilename(), run.file.name);
      const got = fs.readFileSync(await download.path());
      assert.ok(got.equals(run.file.buffer), 'the downloaded bytes are those sent');

      // The state message closes with ×.
      const message = cpage.locator('main .alert:has(.alert-close)');
      assert.equal(await message.count(), 1, 'a state message with ×');
      await message.locator('.alert-close').click();
      assert.equal(await message.count(), 0, 'the message is gone after ×');
    });

    step('the agent finds it at /console/cases/<number>, assigns themselves, adds a work note and a public comment, asks the customer', async () => {
      await apage.goto(`/console/cases/${number}`);
      assert.equal((await apage.locator('main h1 .case-number').textContent()).trim(), number);
      assert.equal(await apage.locator('#state').inputValue(), 'new');
      assert.equal(await apage.locator('#assignee').inputValue(), '0', 'unassigned at first');

      await agentUpdate(apage, { assignee: ACCOUNTS.agent.name });
      const assigneeId = await apage.locator('#assignee').inputValue();
      assert.notEqual(assigneeId, '0');
      assert.equal((await apage.locator('#assignee option:checked').textContent()).trim(), ACCOUNTS.agent.name);
      assert.ok((await apage.locator('main dl.kv').textContent()).includes(ACCOUNTS.agent.name), 'the fields show the assignee');

      await agentComment(apage, run.note, 'internal');
      assert.equal(await apage.locator('.activity-note', { hasText: run.note }).count(), 1, 'the agent sees the note');
      await agentComment(apage, run.comment, 'public');
      assert.equal(await apage.locator('.activity:not(.activity-note)', { hasText: run.comment }).count(), 1);
      // A note or a comment does not move the state by itself.
      assert.equal(await apage.locator('#state').inputValue(), 'new');

      await agentUpdate(apage, { state: 'awaiting' });
      assert.equal(await apage.locator('#state').inputValue(), 'awaiting');
      assert.equal(await apage.locator('#assignee').inputValue(), assigneeId, 'the assignee stays');
    });

    step('the customer sees the comment and not the note, answers, and the case returns to MSOC 作業中', async () => {
      await cpage.reload();
      let v = await customerView(cpage);
      assert.equal(v.state, 'awaiting', `state shows "${v.label}"`);
      expectLabel(run.lang, 'state awaiting', v.label, L.states.awaiting);
      assert.ok(v.text.includes(run.comment), 'the public comment is shown');
      assert.ok(!(await cpage.content()).includes(run.note), 'the internal note is not in the page');
      assert.equal(await cpage.locator('.activity-note').count(), 0);
      assert.deepEqual([v.close, v.accept, v.reject, v.commentBox], [1, 0, 0, 1]);

      const f = cpage.locator('form[action$="/comments"]');
      await f.locator('textarea').fill(run.answer);
      await navigating(cpage, () => f.locator('button[type="submit"]').click());
      await landedOnCase(cpage, "the customer's comment");
      assert.equal(new URL(cpage.url()).pathname, `/cases/${number}`);
      v = await customerView(cpage);
      assert.equal(v.state, 'working', `state shows "${v.label}"`);
      expectLabel(run.lang, 'state working', v.label, L.states.working);
      assert.ok(v.text.includes(run.answer), 'the answer is in the activity');

      await apage.reload();
      assert.equal(await apage.locator('#state').inputValue(), 'working');
      assert.equal(await apage.locator('.activity', { hasText: run.answer }).count(), 1, 'the agent sees the answer');
    });

    step('resolved: the customer rejects (→ 作業中), the agent resolves again, the customer accepts (→ クローズ) without a dialog', async () => {
      await agentUpdate(apage, { state: 'resolved' });
      await cpage.reload();
      let v = await customerView(cpage);
      assert.equal(v.state, 'resolved', `state shows "${v.label}"`);
      expectLabel(run.lang, 'state resolved', v.label, L.states.resolved);
      // In resolved: accept and reject, no close.
      assert.deepEqual([v.close, v.accept, v.reject], [0, 1, 1]);
      expectLabel(run.lang, 'accept button', await cpage.locator('form[action$="/accept"] button').textContent(), L.accept);
      expectLabel(run.lang, 'reject button', await cpage.locator('form[action$="/reject"] button').textContent(), L.reject);

      const before = dialogs.length;
      await navigating(cpage, () => cpage.locator('form[action$="/reject"] button').click());
      v = await customerView(cpage);
      assert.equal(v.state, 'working', `after reject the state shows "${v.label}"`);
      assert.deepEqual([v.close, v.accept, v.reject], [1, 0, 0]);

      await apage.reload();
      assert.equal(await apage.locator('#state').inputValue(), 'working');
      await agentUpdate(apage, { state: 'resolved' });

      await cpage.reload();
      assert.equal((await customerView(cpage)).state, 'resolved');
      await navigating(cpage, () => cpage.locator('form[action$="/accept"] button').click());
      assert.equal(dialogs.length, before, `no dialog on reject or accept: ${JSON.stringify(dialogs.slice(before))}`);
      v = await customerView(cpage);
      assert.equal(v.state, 'closed', `after accept the state shows "${v.label}"`);
      expectLabel(run.lang, 'state closed', v.label, L.states.closed);
    });

    step('the closed case is read-only (no comment box, no actions) and points to a new inquiry', async () => {
      const v = await customerView(cpage);
      assert.deepEqual([v.close, v.accept, v.reject, v.commentBox], [0, 0, 0, 0]);
      assert.equal(await cpage.locator(`main form[action^="/cases/${number}/"]`).count(), 0, 'no form acts on the case');
      assert.equal(await cpage.locator('main a[href="/inquiry"]').count(), 1, 'a link to a new inquiry');
      // The attachment still downloads.
      assert.equal(await cpage.locator('main ul.attachments a').count(), 1);
      // The agent's view is read-only too.
      await apage.reload();
      assert.equal(await apage.locator('form.case-console').count(), 0, 'no console form on a closed case');
      assert.equal(await apage.locator(`main form[action^="/console/cases/${number}/"]`).count(), 0);
      // And the link leads to the inquiry form.
      await navigating(cpage, () => cpage.locator('main a[href="/inquiry"]').click());
      assert.equal(new URL(cpage.url()).pathname, '/inquiry');
    });

    test('ケースをクローズ asks for a confirmation: dismissing changes nothing, accepting closes', async () => {
      const second = await inquiryInBrowser(cpage, `${run.subject} (2)`);
      assert.notEqual(second, number);
      assert.equal((await customerView(cpage)).state, 'new');

      const n = dialogs.length;
      const dismissed = new Promise((resolve) =>
        cpage.once('dialog', async (d) => {
          await d.dismiss();
          resolve(d);
        }),
      );
      await cpage.locator('form[action$="/close"] button').click();
      const d1 = await dismissed;
      assert.equal(d1.type(), 'confirm');
      assert.ok(d1.message().length > 0, 'the dialog says something');
      await cpage.waitForTimeout(300);
      assert.equal(new URL(cpage.url()).pathname, `/cases/${second}`);
      await cpage.reload();
      assert.equal((await customerView(cpage)).state, 'new', 'dismissing changed nothing');

      const accepted = new Promise((resolve) =>
        cpage.once('dialog', async (d) => {
          await d.accept();
          resolve(d);
        }),
      );
      await navigating(cpage, () => cpage.locator('form[action$="/close"] button').click());
      await accepted;
      assert.equal(dialogs.length, n + 2);
      const v = await customerView(cpage);
      assert.equal(v.state, 'closed', `after the confirmed close the state shows "${v.label}"`);
      assert.deepEqual([v.close, v.accept, v.reject, v.commentBox], [0, 0, 0, 0]);

      // From working and awaiting too, the dialog guards the close.
      for (const state of ['working', 'awaiting']) {
        const k = await inquiryInBrowser(cpage, `${run.subject} (${state})`);
        await apage.goto(`/console/cases/${k}`);
        await agentUpdate(apage, { state });
        await cpage.reload();
        assert.equal((await customerView(cpage)).state, state);
        const seen = new Promise((resolve) =>
          cpage.once('dialog', async (d) => {
            await d.accept();
            resolve(d);
          }),
        );
        await navigating(cpage, () => cpage.locator('form[action$="/close"] button').click());
        assert.equal((await seen).type(), 'confirm');
        assert.equal((await customerView(cpage)).state, 'closed', `closed from ${state}`);
      }
    });

    step('mails: created, public comment, awaiting, resolved and the rating reach the customer; none has the work note', async () => {
      // created, comment, awaiting, resolved, resolved (again after the rejection), how did we do
      const mails = await mailsAbout(run.address, number, 6);
      assert.equal(
        mails.length,
        6,
        `mails to ${run.address} about ${number}:\n${mails.map((m) => `  ${m.file} ${m.subject}`).join('\n')}`,
      );
      const [created, comment, awaiting, resolved1, resolved2, rating] = mails;
      assert.match(rating.text, /\/rate\/[A-Za-z0-9_-]+\?score=5/, 'the closed case asks for a rating');
      assert.ok(created.text.includes(run.description.split('\n')[0]), 'the creation mail holds the description');
      assert.ok(comment.text.includes(run.comment), 'the comment mail holds the comment');
      assert.ok(comment.text.includes(ACCOUNTS.agent.name), "the comment mail names the agent");
      for (const m of mails) {
        assert.ok(m.subject.includes(run.subject), `subject ${m.subject}`);
        assert.ok(m.text.includes(`${base}/cases/${number}`), `${m.file} links to the case on this server`);
        assert.equal(m.lang, run.lang, `${m.file} Content-Language`);
      }
      assert.notEqual(awaiting.subject, resolved1.subject, 'awaiting and resolved mails differ');
      assert.equal(resolved1.subject, resolved2.subject);
      assert.ok(!awaiting.text.includes(run.comment) && !resolved1.text.includes(run.comment));
      if (run.lang === 'en') {
        assert.match(created.subject, /Case created/);
        assert.match(comment.subject, /New comment/);
        assert.match(awaiting.subject, /Awaiting your answer/);
        assert.match(resolved1.subject, /Resolved/);
        assert.match(rating.subject, /How did we do\?/);
      } else {
        // Japanese mails for a Japanese customer (SPEC §9: mails included).
        const english = /Case created|New comment|Awaiting your answer|Resolved|How did we do|Dear |This message was sent automatically/;
        const untranslated = mails.filter((m) => english.test(m.subject) || english.test(m.text)).map((m) => `${m.file}: ${m.subject}`);
        assert.deepEqual(untranslated, [], 'mails to a Japanese customer carry English texts');
      }
      // Nothing of the note, in any mail to anybody.
      const marker = run.note.split(' ').pop();
      const leaking = outbox().filter((m) => m.text.includes(marker) || m.subject.includes(marker) || m.raw.includes(marker));
      assert.deepEqual(
        leaking.map((m) => m.file),
        [],
        'a mail holds the internal note',
      );
    });

    test(`every label of the flow reads in ${run.lang === 'ja' ? 'Japanese' : 'English'}`, () => {
      assert.deepEqual(labelProblems[run.lang], [], `labels that differ from SPEC §4 / the guide:\n  ${labelProblems[run.lang].join('\n  ')}`);
    });

    test('no script error or failed load on the way', () => {
      assert.deepEqual(errors, []);
    });
  });
}

// ---------------------------------------------------------------- forms as browsers send them

describe('forms sent as a browser sends them', () => {
  // A browser always sends a part for a file input, with filename="" and no
  // bytes when no file was chosen (forms.js only takes over when one was).
  const emptyFile = { name: '', type: 'application/octet-stream', data: '' };
  let jar;
  let ctx;
  before(async () => {
    ctx = await newContext(browser, base);
    const p = await ctx.newPage();
    await signIn(p, ACCOUNTS.sakuraAdmin.id);
    jar = await jarOf(ctx);
  });
  after(async () => {
    await ctx?.close();
  });

  test('an inquiry with an empty file input is accepted, without an attachment', async () => {
    const page = await jarRequest(base, jar, '/inquiry');
    const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
    const res = await postMultipart(
      jar,
      '/inquiry',
      [
        ['csrf', csrfOf(page.body)],
        ['service', service],
        ['category', 'other'],
        ['subject', 'no file chosen'],
        ['description', 'sent without an attachment'],
      ],
      [emptyFile],
    );
    assert.equal(res.status, 303, `POST /inquiry with an empty file part answered ${res.status}`);
    const number = /^\/cases\/(CS\d{7})$/.exec(res.headers.location)[1];
    const c = await customerCase(jar, number);
    assert.equal(/<ul class="attachments">/.test(c.res.body), false, 'no attachment');
  });

  test('a comment with an empty file input is accepted, without an attachment', async () => {
    const number = await inquiryHTTP(jar, 'comment without a file');
    const before = await customerCase(jar, number);
    const res = await postMultipart(jar, `/cases/${number}/comments`, [['csrf', before.csrf], ['body', 'just words']], [emptyFile]);
    assert.equal(res.status, 303, `POST /cases/${number}/comments with an empty file part answered ${res.status}`);
    const after = await customerCase(jar, number);
    assert.ok(after.activity.includes('just words'));
  });
});

// ---------------------------------------------------------------- every customer action in every state

describe('customer actions in every state (POSTed with the right CSRF token)', () => {
  let cjar;
  let ajar;
  let ctx;
  before(async () => {
    // One browser sign-in each, reused over node:http.
    ctx = await newContext(browser, base);
    const p1 = await ctx.newPage();
    await signIn(p1, ACCOUNTS.sakuraUser.id);
    cjar = await jarOf(ctx);
    const actx = await newContext(browser, base);
    const p2 = await actx.newPage();
    await signIn(p2, ACCOUNTS.agent.id);
    ajar = await jarOf(actx);
    await actx.close();
  });
  after(async () => {
    await ctx?.close();
  });

  // What each action does from each state; null: refused with 409.
  const ALLOWED = {
    close: { new: 'closed', working: 'closed', awaiting: 'closed', resolved: null, closed: null },
    accept: { new: null, working: null, awaiting: null, resolved: 'closed', closed: null },
    reject: { new: null, working: null, awaiting: null, resolved: 'working', closed: null },
    // A comment is taken in every open state; on a case awaiting the customer it returns it to the provider.
    comments: { new: 'new', working: 'working', awaiting: 'working', resolved: 'resolved', closed: null },
  };

  for (const action of Object.keys(ALLOWED)) {
    test(`${action}: allowed where it should be, 409 and no change elsewhere`, async () => {
      const wrong = [];
      for (const from of STATES) {
        const number = await inquiryHTTP(cjar, `matrix ${action} from ${from}`);
        if (from !== 'new') {
          const moved = await agentSetState(ajar, number, from);
          assert.equal(moved.status, 303, `agent sets ${from}`);
        }
        const before = await customerCase(cjar, number);
        assert.equal(before.state, from, `${number} is ${from} (shows ${before.label})`);
        const res =
          action === 'comments'
            ? await postMultipart(cjar, `/cases/${number}/comments`, [
                ['csrf', before.csrf],
                ['body', `comment while ${from}`],
              ])
            : await jarRequest(base, cjar, `/cases/${number}/${action}`, {
                method: 'POST',
                headers: FORM,
                body: form({ csrf: before.csrf }),
              });
        const after = await customerCase(cjar, number);
        const expected = ALLOWED[action][from];
        if (expected === null) {
          if (res.status !== 409) wrong.push(`${action} from ${from}: ${res.status}, expected 409`);
          else if (!/role="alert"/.test(res.body)) wrong.push(`${action} from ${from}: 409 without an error message`);
          if (after.state !== from) wrong.push(`${action} from ${from} (refused) moved the case to ${after.state}`);
          if (after.activity !== before.activity) wrong.push(`${action} from ${from} (refused) changed the activity`);
        } else {
          if (res.status !== 303 || res.headers.location !== `/cases/${number}`)
            wrong.push(`${action} from ${from}: ${res.status} ${res.headers.location}, expected 303 to the case`);
          if (after.state !== expected) wrong.push(`${action} from ${from}: now ${after.state}, expected ${expected}`);
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  test('accepting twice: the second answers 409', async () => {
    const number = await inquiryHTTP(cjar, 'accept twice');
    await agentSetState(ajar, number, 'resolved');
    const { csrf } = await customerCase(cjar, number);
    const post = () => jarRequest(base, cjar, `/cases/${number}/accept`, { method: 'POST', headers: FORM, body: form({ csrf }) });
    assert.equal((await post()).status, 303);
    assert.equal((await post()).status, 409);
    assert.equal((await customerCase(cjar, number)).state, 'closed');
  });

  test('the agent cannot reopen or comment on a closed case (409, unchanged)', async () => {
    const number = await inquiryHTTP(cjar, 'closed stays closed');
    const { csrf } = await customerCase(cjar, number);
    assert.equal(
      (await jarRequest(base, cjar, `/cases/${number}/close`, { method: 'POST', headers: FORM, body: form({ csrf }) })).status,
      303,
    );
    const before = await customerCase(cjar, number);
    for (const to of ['new', 'working', 'awaiting', 'resolved']) {
      const res = await agentSetState(ajar, number, to);
      assert.equal(res.status, 409, `agent moves a closed case to ${to}`);
    }
    const page = await jarRequest(base, ajar, `/console/cases/${number}`);
    const res = await postMultipart(ajar, `/console/cases/${number}/comments`, [
      ['csrf', csrfOf(page.body)],
      ['visibility', 'public'],
      ['body', 'too late'],
    ]);
    assert.equal(res.status, 409, 'agent comments on a closed case');
    const after = await customerCase(cjar, number);
    assert.equal(after.state, 'closed');
    assert.equal(after.activity, before.activity);
  });
});
