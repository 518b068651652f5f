// Cases and security (SPEC §1, §4, §9): another company's customers get 404
// on every URL of a case, exactly as for a case that does not exist;
// customers get 404 on the console's case URLs; state-changing requests
// without the CSRF token, with another session's token or marked
// cross-site are refused 403 and change nothing; internal work notes and
// their files never reach the customer (page, activity, downloads, mails);
// HTML typed by users is shown as text; the case pages pass axe-core.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { checkA11y, launchBrowser, navigating, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { FORM, csrfOf, form, h1Of, jarRequest, signedInJar } from './lib/http.mjs';
import { readOutbox } from './lib/outbox.mjs';
import { ACCOUNTS, CUSTOMERS, startServer } from './lib/server.mjs';

let srv;
let base;
let browser;
const jars = {};

// The case of あおば (A) that the others probe, and what it holds.
const A = {
  subject: 'あおばの秘密のケース AOBA-SUBJECT-5e1',
  description: 'あおばの説明 AOBA-DESCRIPTION-5e1',
  publicFile: { name: 'aoba-public.txt', data: 'AOBA-PUBLIC-FILE-5e1\n' },
  agentFile: { name: 'monthly-report.txt', data: 'AGENT-PUBLIC-FILE-5e1\n' },
  internalFile: { name: 'internal-analysis-SECRET-5e1.txt', data: 'INTERNAL-FILE-CONTENT-SECRET-5e1\n' },
  note: '内部メモ: 顧客には見せない INTERNAL-NOTE-SECRET-5e1',
  comment: 'ご確認をお願いします PUBLIC-COMMENT-5e1',
  number: null,
  files: {}, // name -> attachment id
};
const SECRETS = ['INTERNAL-NOTE-SECRET-5e1', 'internal-analysis-SECRET-5e1', 'INTERNAL-FILE-CONTENT-SECRET-5e1'];
let kamomeCase; // a case of かもめ

// ---------------------------------------------------------------- helpers

function multipart(fields, files = []) {
  const boundary = `----madoguchi-sec-${Math.random().toString(16).slice(2)}`;
  const parts = [];
  const add = ([name, value]) =>
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const addFile = (f) =>
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\n` +
          `Content-Type: ${f.type || 'text/plain'}\r\n\r\n`,
      ),
      Buffer.from(f.data),
      Buffer.from('\r\n'),
    );
  for (const item of fields) {
    if (Array.isArray(item)) add(item);
    else addFile(item); // a file among the fields, where it is placed
  }
  files.forEach(addFile);
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

function postMultipart(who, url, fields, files = [], headers = {}) {
  const { body, type } = multipart(fields, files);
  return jarRequest(base, jars[who], url, { method: 'POST', headers: { 'Content-Type': type, ...headers }, body });
}

function postForm(who, url, fields, headers = {}) {
  return jarRequest(base, jars[who], url, { method: 'POST', headers: { ...FORM, ...headers }, body: form(fields) });
}

const get = (who, url) => jarRequest(base, jars[who], url);

/** A valid CSRF token of who's own session (from a page they may see). */
async function tokenOf(who) {
  const staff = who === 'agent';
  const res = await get(who, staff ? '/console/cases/new' : '/inquiry');
  assert.equal(res.status, 200);
  return csrfOf(res.body);
}

async function inquiry(who, subject, description, files = []) {
  const page = await get(who, '/inquiry');
  const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
  const res = await postMultipart(
    who,
    '/inquiry',
    [
      ['csrf', csrfOf(page.body)],
      ['service', service],
      ['category', 'other'],
      ['subject', subject],
      ['description', description],
    ],
    files,
  );
  assert.equal(res.status, 303, `inquiry of ${who}: ${res.status}`);
  return /(CS\d{7})$/.exec(res.headers.location)[1];
}

/** The attachments of a case page: {name: id}, and which are marked internal. */
function attachmentIds(html) {
  const list = /<ul class="attachments">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  const out = {};
  for (const m of list.matchAll(/<a href="[^"]*\/files\/(\d+)">([^<]*)<\/a>/g)) out[m[2]] = m[1];
  return out;
}

/** What the owner sees of a case: the state label and the activity stream. */
async function snapshot(number) {
  const res = await get('aobaUser', `/cases/${number}`);
  assert.equal(res.status, 200);
  return {
    state: /<dl class="kv"><dt>[^<]*<\/dt><dd>([^<]*)<\/dd>/.exec(res.body)?.[1],
    activity: /<ol class="activity-stream">[\s\S]*?<\/ol>/.exec(res.body)?.[0],
    attachments: attachmentIds(res.body),
  };
}

function storeObjects() {
  const root = path.join(srv.dataDir, 'files');
  const out = [];
  if (!fs.existsSync(root)) return out;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) for (const f of fs.readdirSync(path.join(root, a, b))) out.push(f);
  }
  return out.sort();
}

/** Every mail of the outbox folder, decoded: {file, to, subject, text, raw}. */
const outbox = () => readOutbox(srv.dataDir);

async function waitForMail(pred, wait = 5000) {
  const deadline = Date.now() + wait;
  while (Date.now() < deadline) {
    if (outbox().some(pred)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

function assertNoTraceOfA(body, what) {
  for (const s of [A.number, A.subject, 'AOBA-DESCRIPTION-5e1', 'N200000001', CUSTOMERS.N200000001, ...SECRETS]) {
    assert.ok(!body.includes(s), `${what} shows "${s}"`);
  }
}

// ---------------------------------------------------------------- set-up

before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
  base = srv.baseURL;
  for (const who of ['aobaUser', 'aobaAdmin', 'kamomeUser', 'kamomeAdmin', 'agent']) {
    jars[who] = await signedInJar(base, ACCOUNTS[who].id);
  }
  // あおば's case: a file of the customer; the agent's public comment with a
  // file, and an internal note with an internal file; then 確認待ち (mailed).
  A.number = await inquiry('aobaUser', A.subject, A.description, [A.publicFile]);
  const console1 = await get('agent', `/console/cases/${A.number}`);
  let res = await postMultipart(
    'agent',
    `/console/cases/${A.number}/comments`,
    [
      ['csrf', csrfOf(console1.body)],
      ['visibility', 'internal'],
      ['body', A.note],
    ],
    [A.internalFile],
  );
  assert.equal(res.status, 303, `internal note: ${res.status}`);
  res = await postMultipart(
    'agent',
    `/console/cases/${A.number}/comments`,
    [
      ['csrf', csrfOf(console1.body)],
      ['visibility', 'public'],
      ['body', A.comment],
    ],
    [A.agentFile],
  );
  assert.equal(res.status, 303, `public comment: ${res.status}`);
  res = await postForm('agent', `/console/cases/${A.number}/update`, {
    csrf: csrfOf(console1.body),
    state: 'awaiting',
    assignee: '0',
  });
  assert.equal(res.status, 303, `awaiting: ${res.status}`);
  const staffView = await get('agent', `/console/cases/${A.number}`);
  A.files = attachmentIds(staffView.body);
  assert.deepEqual(Object.keys(A.files).sort(), [A.agentFile.name, A.internalFile.name, A.publicFile.name].sort());
  kamomeCase = await inquiry('kamomeUser', 'かもめのケース', 'かもめの説明');
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

// ---------------------------------------------------------------- tenancy

describe("another company's customers", () => {
  for (const who of ['kamomeUser', 'kamomeAdmin']) {
    test(`${who} gets 404 on every URL of あおば's case, like a case that does not exist`, async () => {
      const before = await snapshot(A.number);
      const missing = await get(who, '/cases/CS9999999');
      assert.equal(missing.status, 404);
      const page = await get(who, `/cases/${A.number}`);
      assert.equal(page.status, 404, `GET /cases/${A.number}`);
      assert.equal(h1Of(page.body), h1Of(missing.body));
      assert.equal(page.body, missing.body, 'the 404 differs from that of a case that does not exist');
      assertNoTraceOfA(page.body, `GET /cases/${A.number}`);

      const csrf = await tokenOf(who);
      const probes = [];
      for (const action of ['close', 'accept', 'reject']) {
        probes.push([`POST /cases/${A.number}/${action}`, () => postForm(who, `/cases/${A.number}/${action}`, { csrf })]);
      }
      probes.push([
        `POST /cases/${A.number}/comments`,
        () =>
          postMultipart(
            who,
            `/cases/${A.number}/comments`,
            [
              ['csrf', csrf],
              ['body', 'intruder comment'],
            ],
            [{ name: `intruder-${who}.txt`, data: `INTRUDER-FILE-${who}\n` }],
          ),
      ]);
      for (const [name, id] of Object.entries(A.files)) {
        probes.push([`GET /cases/${A.number}/files/${id} (${name})`, () => get(who, `/cases/${A.number}/files/${id}`)]);
        // Their own case number with あおば's attachment id.
        probes.push([`GET /cases/${kamomeCase}/files/${id} (${name})`, () => get(who, `/cases/${kamomeCase}/files/${id}`)]);
        probes.push([`GET /console/cases/${A.number}/files/${id}`, () => get(who, `/console/cases/${A.number}/files/${id}`)]);
      }
      probes.push([`GET /console/cases/${A.number}`, () => get(who, `/console/cases/${A.number}`)]);
      probes.push([
        `POST /console/cases/${A.number}/update`,
        () => postForm(who, `/console/cases/${A.number}/update`, { csrf, state: 'closed', assignee: '0' }),
      ]);
      probes.push([
        `POST /console/cases/${A.number}/comments`,
        () =>
          postMultipart(who, `/console/cases/${A.number}/comments`, [
            ['csrf', csrf],
            ['visibility', 'public'],
            ['body', 'intruder'],
          ]),
      ]);
      probes.push(['GET /console/cases/new', () => get(who, '/console/cases/new')]);
      probes.push([
        'POST /console/cases/new',
        () =>
          postMultipart(who, '/console/cases/new', [
            ['csrf', csrf],
            ['customer', 'N200000001'],
            ['category', 'alarm'],
            ['subject', 'intruder'],
            ['description', 'intruder'],
          ]),
      ]);
      const wrong = [];
      for (const [name, run] of probes) {
        const res = await run();
        if (res.status !== 404) wrong.push(`${name}: ${res.status}`);
        else assertNoTraceOfA(res.body, name);
      }
      assert.deepEqual(wrong, [], 'answers other than 404');
      const after = await snapshot(A.number);
      assert.deepEqual(after, before, "あおば's case changed");
    });
  }

  test('an attachment id of あおば under a かもめ case, and odd ids, are 404 for あおば too', async () => {
    for (const id of Object.values(A.files)) {
      const res = await get('aobaUser', `/cases/${kamomeCase}/files/${id}`);
      assert.equal(res.status, 404, `/cases/${kamomeCase}/files/${id}`);
    }
    for (const id of ['0', '-1', '1x', '99999999999999999999', '1.0', '1%2F1']) {
      const res = await get('aobaUser', `/cases/${A.number}/files/${id}`);
      assert.equal(res.status, 404, `/cases/${A.number}/files/${id}`);
    }
    for (const n of ['CS000000', 'CS00000001', 'cs0000001', 'XX0000001', 'CS000000a']) {
      const res = await get('aobaUser', `/cases/${n}`);
      assert.equal(res.status, 404, `/cases/${n}`);
    }
  });
});

describe('the inquiry form', () => {
  test("takes only the customer's own services and the categories a customer may pick (422, no case)", async () => {
    const page = await get('aobaUser', '/inquiry');
    const own = [...page.body.matchAll(/<option value="(\d+)"/g)].map((m) => m[1]);
    const kpage = await get('kamomeUser', '/inquiry');
    const theirs = /<select id="service" name="service">([\s\S]*?)<\/select>/.exec(kpage.body)[1];
    const foreign = [...theirs.matchAll(/<option value="(\d+)">/g)].map((m) => m[1]).find((id) => !own.includes(id));
    assert.ok(foreign, 'かもめ has a service あおば lacks');
    const first = await inquiry('aobaUser', 'before the refused ones', 'x');
    const csrf = csrfOf(page.body);
    const wrong = [];
    for (const [i, [what, service, category]] of [
      ["another customer's service", foreign, 'other'],
      ['no service', '', 'other'],
      ['a category raised by the provider (alarm)', own[0], 'alarm'],
      ['a category raised by the provider (monthly_report)', own[0], 'monthly_report'],
      ['an unknown category', own[0], 'nonsense'],
    ].entries()) {
      const res = await postMultipart('aobaUser', '/inquiry', [
        ['csrf', csrf],
        ['service', service],
        ['category', category],
        ['subject', `refused inquiry ${i}`],
        ['description', 'x'],
      ]);
      if (res.status !== 422) wrong.push(`${what}: ${res.status}`);
      else if (!res.body.includes(`value="refused inquiry ${i}"`)) wrong.push(`${what}: the subject typed is not kept`);
    }
    assert.deepEqual(wrong, []);
    const next = await inquiry('aobaUser', 'after the refused ones', 'x');
    assert.equal(Number(next.slice(2)), Number(first.slice(2)) + 1, 'a refused inquiry made a case');
  });
});

describe('the subject limit', () => {
  // 件名 holds 160 characters on both channels, counted as characters: a
  // Japanese subject (3 bytes a character) has the same room as an English one.
  test('160 Japanese characters are taken, 161 refused with the message next to the field, on the inquiry and the console', async () => {
    const fits = 'あ'.repeat(160);
    const number = await inquiry('aobaUser', fits, 'x');
    const page = await get('aobaUser', `/cases/${number}`);
    assert.ok(page.body.includes(fits), 'the whole subject is kept');
    const inq = await get('aobaUser', '/inquiry');
    const service = /<select id="service" name="service"><option value="(\d+)"/.exec(inq.body)[1];
    const long = 'あ'.repeat(161);
    const refused = await postMultipart('aobaUser', '/inquiry', [
      ['csrf', csrfOf(inq.body)],
      ['service', service],
      ['category', 'other'],
      ['subject', long],
      ['description', 'x'],
    ]);
    assert.equal(refused.status, 422);
    assert.match(refused.body, /160 ?文字/);
    const staffCsrf = await tokenOf('agent');
    const raise = (subject) =>
      postMultipart('agent', '/console/cases/new', [
        ['csrf', staffCsrf],
        ['customer', 'N200000001'],
        ['category', 'monthly_report'],
        ['subject', subject],
        ['description', 'x'],
      ]);
    assert.equal((await raise(fits)).status, 303);
    const again = await raise(long);
    assert.equal(again.status, 422);
    assert.match(again.body, /160 ?文字/);
  });
});

describe('required fields of only white space', () => {
  // A subject or a description of spaces, tabs and ideographic spaces (U+3000)
  // is empty: the inquiry is refused next to the field and no case is made.
  test('a subject or description of white space only is refused as empty (422, no case)', async () => {
    const inq = await get('aobaUser', '/inquiry');
    const service = /<select id="service" name="service"><option value="(\d+)"/.exec(inq.body)[1];
    const first = await inquiry('aobaUser', 'before the blank ones', 'x');
    for (const [subject, description, field] of [
      ['\u3000\u3000', 'x', 'subject'],
      [' \u3000\t', 'x', 'subject'],
      ['a subject', '\u3000\n\u3000 ', 'description'],
    ]) {
      const res = await postMultipart('aobaUser', '/inquiry', [
        ['csrf', csrfOf(inq.body)],
        ['service', service],
        ['category', 'other'],
        ['subject', subject],
        ['description', description],
      ]);
      assert.equal(res.status, 422, `${field} of white space: ${res.status}`);
      assert.match(res.body, new RegExp(`id="${field}-error"`));
    }
    const next = await inquiry('aobaUser', 'after the blank ones', 'x');
    assert.equal(Number(next.slice(2)), Number(first.slice(2)) + 1, 'a blank inquiry made a case');
  });
});

describe('uploads the server refuses', () => {
  // SPEC §9: a refused request changes nothing; an upload that no case takes
  // must not stay in the file store (where nothing refers to it or removes it).
  test('leave nothing in the file store (404 case of another company or none, 409 closed case, 422 inquiry)', async () => {
    const closed = await inquiry('aobaUser', 'closed for the refused upload', 'x');
    const t = await tokenOf('aobaUser');
    assert.equal((await postForm('aobaUser', `/cases/${closed}/close`, { csrf: t })).status, 303);
    const before = storeObjects();
    const kept = [];
    const probe = async (what, who, url, fields, expect) => {
      const name = `refused-${kept.length}-${Date.now()}.txt`;
      const res = await postMultipart(who, url, fields, [{ name, data: `REFUSED ${what} ${Math.random()}\n` }]);
      assert.equal(res.status, expect, `${what}: ${res.status}`);
      const now = storeObjects().filter((o) => !before.includes(o));
      if (now.length > kept.length) kept.push(`${what} (${res.status})`);
    };
    const kt = await tokenOf('kamomeUser');
    await probe("a comment on another company's case", 'kamomeUser', `/cases/${A.number}/comments`, [['csrf', kt], ['body', 'x']], 404);
    await probe('a comment on a case that does not exist', 'aobaUser', '/cases/CS9999999/comments', [['csrf', t], ['body', 'x']], 404);
    await probe('a comment on a closed case', 'aobaUser', `/cases/${closed}/comments`, [['csrf', t], ['body', 'x']], 409);
    await probe(
      'an inquiry with a missing subject',
      'aobaUser',
      '/inquiry',
      [['csrf', t], ['service', '1'], ['category', 'other'], ['subject', ''], ['description', 'x']],
      422,
    );
    assert.deepEqual(kept, [], 'refused uploads kept in data/files');
  });
});

describe('the console is for provider staff', () => {
  for (const who of ['aobaUser', 'aobaAdmin']) {
    test(`${who} gets 404 on /console/cases/<n> and /console/cases/new`, async () => {
      const csrf = await tokenOf(who);
      const before = await snapshot(A.number);
      const checks = [
        [`GET /console/cases/${A.number}`, await get(who, `/console/cases/${A.number}`)],
        ['GET /console/cases/new', await get(who, '/console/cases/new')],
        [
          'POST /console/cases/new',
          await postMultipart(who, '/console/cases/new', [
            ['csrf', csrf],
            ['customer', 'N200000001'],
            ['category', 'alarm'],
            ['subject', 'self-raised'],
            ['description', 'x'],
          ]),
        ],
        [
          `POST /console/cases/${A.number}/update`,
          await postForm(who, `/console/cases/${A.number}/update`, { csrf, state: 'resolved', assignee: '0' }),
        ],
        [
          `POST /console/cases/${A.number}/comments (internal)`,
          await postMultipart(who, `/console/cases/${A.number}/comments`, [
            ['csrf', csrf],
            ['visibility', 'internal'],
            ['body', 'customer-made note'],
          ]),
        ],
        [
          `GET /console/cases/${A.number}/files/${A.files[A.internalFile.name]}`,
          await get(who, `/console/cases/${A.number}/files/${A.files[A.internalFile.name]}`),
        ],
      ];
      const wrong = checks.filter(([, res]) => res.status !== 404).map(([name, res]) => `${name}: ${res.status}`);
      assert.deepEqual(wrong, []);
      assert.deepEqual(await snapshot(A.number), before);
    });
  }

  test('the agent gets 404 on the customer-side case URLs', async () => {
    assert.equal((await get('agent', `/cases/${A.number}`)).status, 404);
    assert.equal((await get('agent', '/inquiry')).status, 404);
  });
});

// ---------------------------------------------------------------- CSRF and cross-site

describe('requests without the CSRF token or from another site', () => {
  let B; // a case of あおば in 新規
  before(async () => {
    B = await inquiry('aobaUser', 'CSRF の対象', 'x');
  });

  test('the customer actions refuse a missing, wrong, foreign or cross-site token with 403', async () => {
    const own = await tokenOf('aobaUser');
    const foreign = await tokenOf('kamomeUser');
    const before = await snapshot(B);
    const wrong = [];
    for (const action of ['close', 'accept', 'reject']) {
      const url = `/cases/${B}/${action}`;
      for (const [what, fields, headers] of [
        ['no token', {}, {}],
        ['an empty token', { csrf: '' }, {}],
        ['a wrong token', { csrf: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, {}],
        ["another session's token", { csrf: foreign }, {}],
        ['the right token, cross-site', { csrf: own }, { 'Sec-Fetch-Site': 'cross-site' }],
      ]) {
        const res = await postForm('aobaUser', url, fields, headers);
        if (res.status !== 403) wrong.push(`${url} with ${what}: ${res.status}`);
      }
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(await snapshot(B), before, 'the case changed');
    // The right token from the same site goes through (the control).
    const ok = await postForm('aobaUser', `/cases/${B}/close`, { csrf: own }, { 'Sec-Fetch-Site': 'same-origin' });
    assert.equal(ok.status, 303);
  });

  test('comments and inquiries (multipart) refuse a missing, wrong, late or cross-site token with 403; nothing is kept', async () => {
    const C = await inquiry('aobaUser', 'CSRF multipart', 'x');
    const own = await tokenOf('aobaUser');
    const foreign = await tokenOf('kamomeUser');
    const before = await snapshot(C);
    const objects = storeObjects();
    const file = { name: 'csrf-probe.txt', data: 'CSRF-PROBE-FILE\n' };
    const url = `/cases/${C}/comments`;
    const wrong = [];
    for (const [what, fields, files, headers] of [
      ['no token', [['body', 'no token']], [], {}],
      ['no token, with a file', [['body', 'no token']], [file], {}],
      ['a wrong token, with a file', [['csrf', 'bad'], ['body', 'bad']], [file], {}],
      ["another session's token", [['csrf', foreign], ['body', 'foreign']], [file], {}],
      ['the token after the file', [['body', 'late'], file, ['csrf', own]], [], {}],
      ['the right token, cross-site', [['csrf', own], ['body', 'cross']], [file], { 'Sec-Fetch-Site': 'cross-site' }],
    ]) {
      const res = await postMultipart('aobaUser', url, fields, files, headers);
      if (res.status !== 403) wrong.push(`${url} with ${what}: ${res.status}`);
    }
    // An inquiry without its token makes no case.
    const page = await get('aobaUser', '/inquiry');
    const service = /<select id="service" name="service"><option value="(\d+)"/.exec(page.body)[1];
    const inq = await postMultipart(
      'aobaUser',
      '/inquiry',
      [
        ['service', service],
        ['category', 'other'],
        ['subject', 'no token'],
        ['description', 'no token'],
      ],
      [file],
    );
    if (inq.status !== 403) wrong.push(`/inquiry without a token: ${inq.status}`);
    assert.deepEqual(wrong, []);
    assert.deepEqual(await snapshot(C), before, 'the case changed');
    assert.deepEqual(storeObjects(), objects, 'a refused upload was kept in the file store');
    const next = await inquiry('aobaUser', 'after the refused inquiry', 'x');
    assert.equal(Number(next.slice(2)), Number(C.slice(2)) + 1, 'the refused inquiry made a case');
  });

  test("the console's update and comments refuse a missing or cross-site token with 403", async () => {
    const D = await inquiry('aobaUser', 'CSRF console', 'x');
    const own = await tokenOf('agent');
    const before = await snapshot(D);
    const wrong = [];
    const u = `/console/cases/${D}/update`;
    for (const [what, fields, headers] of [
      ['no token', { state: 'resolved', assignee: '0' }, {}],
      ['the right token, cross-site', { csrf: own, state: 'resolved', assignee: '0' }, { 'Sec-Fetch-Site': 'cross-site' }],
    ]) {
      const res = await postForm('agent', u, fields, headers);
      if (res.status !== 403) wrong.push(`${u} with ${what}: ${res.status}`);
    }
    const c = `/console/cases/${D}/comments`;
    for (const [what, fields, headers] of [
      ['no token', [['visibility', 'public'], ['body', 'x']], {}],
      ['the right token, cross-site', [['csrf', own], ['visibility', 'public'], ['body', 'x']], { 'Sec-Fetch-Site': 'cross-site' }],
    ]) {
      const res = await postMultipart('agent', c, fields, [], headers);
      if (res.status !== 403) wrong.push(`${c} with ${what}: ${res.status}`);
    }
    assert.deepEqual(wrong, []);
    assert.deepEqual(await snapshot(D), before);
  });

  test('a form on another site that posts to ケースをクローズ changes nothing', async () => {
    const E = await inquiry('aobaUser', 'cross-site target', 'x');
    // localhost and 127.0.0.1 are different sites to the browser.
    const evil = http.createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><html><body><form id="f" method="post" action="${base}/cases/${E}/close">` +
          '<input name="csrf" value="guess"></form><script>document.getElementById("f").submit()</script></body></html>',
      );
    });
    await new Promise((r) => evil.listen(0, '127.0.0.1', r));
    const context = await newContext(browser, base);
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.aobaUser.id);
      const answer = page.waitForResponse((r) => r.url().endsWith(`/cases/${E}/close`), { timeout: 10_000 });
      await page.goto(`http://localhost:${evil.address().port}/`);
      const res = await answer;
      assert.ok([403, 303].includes(res.status()), `the cross-site POST answered ${res.status()}`);
      if (res.status() === 303) assert.match(res.headers().location, /^\/login/, 'a 303 may only lead to sign-in (no cookie sent)');
      const after = await get('aobaUser', `/cases/${E}`);
      assert.ok(after.body.includes(`action="/cases/${E}/close"`), 'the case is still open');
    } finally {
      await context.close();
      evil.close();
    }
  });
});

// ---------------------------------------------------------------- internal notes and files

describe('internal work notes and their files', () => {
  test("are absent from the customer's page and activity", async () => {
    for (const who of ['aobaUser', 'aobaAdmin']) {
      const res = await get(who, `/cases/${A.number}`);
      assert.equal(res.status, 200);
      for (const s of SECRETS) assert.ok(!res.body.includes(s), `${who} sees "${s}"`);
      assert.ok(!res.body.includes('activity-note'), `${who}: a note entry`);
      assert.ok(!res.body.includes(`/files/${A.files[A.internalFile.name]}"`), `${who}: a link to the internal file`);
      // The public parts are there (the control).
      assert.ok(res.body.includes('PUBLIC-COMMENT-5e1'));
      assert.deepEqual(Object.keys(attachmentIds(res.body)).sort(), [A.agentFile.name, A.publicFile.name].sort());
    }
    // The agent sees all of it.
    const staff = await get('agent', `/console/cases/${A.number}`);
    for (const s of ['INTERNAL-NOTE-SECRET-5e1', A.internalFile.name]) assert.ok(staff.body.includes(s), `the agent misses ${s}`);
  });

  test('the internal file answers 404 to the customer, like an id that does not exist; the public ones download', async () => {
    const missing = await get('aobaUser', `/cases/${A.number}/files/999999`);
    assert.equal(missing.status, 404);
    for (const who of ['aobaUser', 'aobaAdmin']) {
      const res = await get(who, `/cases/${A.number}/files/${A.files[A.internalFile.name]}`);
      assert.equal(res.status, 404, `${who}: the internal file`);
      if (who === 'aobaUser') assert.equal(res.body, missing.body);
      for (const s of SECRETS) assert.ok(!res.body.includes(s));
      for (const f of [A.publicFile, A.agentFile]) {
        const ok = await get(who, `/cases/${A.number}/files/${A.files[f.name]}`);
        assert.equal(ok.status, 200, `${who}: ${f.name}`);
        assert.equal(ok.body, f.data);
      }
    }
    const staff = await get('agent', `/console/cases/${A.number}/files/${A.files[A.internalFile.name]}`);
    assert.equal(staff.status, 200);
    assert.equal(staff.body, A.internalFile.data);
  });

  test('no mail carries the note, the internal file or its name', async () => {
    // The public comment and the awaiting state were mailed: wait for them first.
    assert.ok(await waitForMail((m) => m.text.includes('PUBLIC-COMMENT-5e1')), 'the public comment was mailed');
    assert.ok(await waitForMail((m) => m.subject.includes(A.number) && m.subject.includes(A.subject) && /awaiting|待ち/i.test(m.subject + m.text)), 'the awaiting state was mailed');
    const leaks = outbox().filter((m) => SECRETS.some((s) => m.raw.includes(s) || m.text.includes(s) || m.subject.includes(s)));
    assert.deepEqual(
      leaks.map((m) => `${m.file} ${m.subject}`),
      [],
    );
  });

  test("the customer's browser shows no trace of the note", async () => {
    const context = await newContext(browser, base);
    try {
      const page = await context.newPage();
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto(`/cases/${A.number}`);
      const text = await page.locator('body').textContent();
      for (const s of SECRETS) assert.ok(!text.includes(s), `the page shows ${s}`);
      assert.equal(await page.locator('.activity-note').count(), 0);
      assert.equal(await page.locator('main ul.attachments a').count(), 2);
    } finally {
      await context.close();
    }
  });
});

// ---------------------------------------------------------------- escaping

describe('HTML typed by users is shown as text', () => {
  const SUBJECT = '<img src=x onerror="window.__xss=1" id="xss-subject"><b id="xss-b">太字</b>';
  const DESCRIPTION = '<script>window.__xss=2</script><a id="xss-desc" href="javascript:alert(1)">link</a>';
  const FILE_NAME = '<img src=x onerror=window.__xss=3 id=xss-file>.txt';
  const COMMENT = '<iframe id="xss-comment" srcdoc="<script>parent.__xss=4</script>"></iframe>&amp;';
  const AGENT_COMMENT = '<svg id="xss-agent" onload="window.__xss=5"></svg>"quoted" \'single\'';

  test('in the subject, description, file name and comments, on the customer and agent pages', async () => {
    const customer = await newContext(browser, base);
    const agent = await newContext(browser, base);
    try {
      const page = await customer.newPage();
      const errors = watchErrors(page);
      const dialogs = [];
      page.on('dialog', async (d) => {
        dialogs.push(d.message());
        await d.dismiss();
      });
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/inquiry');
      await page.locator('#subject').fill(SUBJECT);
      await page.locator('#description').fill(DESCRIPTION);
      await page.locator('#files').setInputFiles({ name: FILE_NAME, mimeType: 'text/plain', buffer: Buffer.from('x\n') });
      await page.locator('form[action="/inquiry"] button[type="submit"]').click();
      await page.waitForURL(/\/cases\/CS\d{7}$/);
      await page.waitForLoadState('load');
      const number = /(CS\d{7})$/.exec(page.url())[1];

      // Comments of both sides, over HTTP (the text is what matters here).
      const cpage = await get('aobaUser', `/cases/${number}`);
      let res = await postMultipart('aobaUser', `/cases/${number}/comments`, [
        ['csrf', csrfOf(cpage.body)],
        ['body', COMMENT],
      ]);
      assert.equal(res.status, 303);
      const apage = await get('agent', `/console/cases/${number}`);
      res = await postMultipart('agent', `/console/cases/${number}/comments`, [
        ['csrf', csrfOf(apage.body)],
        ['visibility', 'public'],
        ['body', AGENT_COMMENT],
      ]);
      assert.equal(res.status, 303);

      const check = async (p, label) => {
        for (const id of ['xss-subject', 'xss-b', 'xss-desc', 'xss-file', 'xss-comment', 'xss-agent']) {
          assert.equal(await p.locator(`[id="${id}"]`).count(), 0, `${label}: an element #${id} was created`);
        }
        assert.equal(await p.evaluate(() => window.__xss), undefined, `${label}: injected script ran`);
        const main = await p.locator('main').textContent();
        for (const s of [SUBJECT, DESCRIPTION, FILE_NAME, COMMENT, AGENT_COMMENT]) {
          assert.ok(main.includes(s), `${label}: the text "${s}" is not shown as typed`);
        }
        assert.ok((await p.title()).includes(SUBJECT), `${label}: the title`);
      };
      await page.reload();
      await check(page, 'customer page');
      const ap = await agent.newPage();
      await signIn(ap, ACCOUNTS.agent.id);
      await ap.goto(`/console/cases/${number}`);
      await check(ap, 'agent page');
      assert.deepEqual(dialogs, [], 'a dialog opened');
      assert.deepEqual(errors, []);

      // The download keeps the name, safely quoted.
      const ids = attachmentIds((await get('aobaUser', `/cases/${number}`)).body);
      const fileId = Object.values(ids)[0];
      const dl = await get('aobaUser', `/cases/${number}/files/${fileId}`);
      assert.equal(dl.status, 200);
      const cd = dl.headers['content-disposition'];
      assert.match(cd, /^attachment; filename="[^"\\]*"; filename\*=UTF-8''[A-Za-z0-9%!'()*._~-]+$/, cd);
      assert.equal(decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(cd)[1]), FILE_NAME);
    } finally {
      await customer.close();
      await agent.close();
    }
  });
});

// ---------------------------------------------------------------- accessibility

describe('accessibility (axe-core, no serious or critical findings)', () => {
  test('the inquiry page, a case page (customer and agent) and /console/cases/new', async () => {
    const customer = await newContext(browser, base);
    const agent = await newContext(browser, base);
    try {
      const page = await customer.newPage();
      await signIn(page, ACCOUNTS.aobaUser.id);
      await page.goto('/inquiry');
      await checkA11y(page, { label: '/inquiry' });
      // The form with its errors shown.
      await page.locator('#subject').fill(' ');
      await page.locator('#description').evaluate((t) => {
        t.removeAttribute('required');
      });
      await page.locator('#subject').evaluate((t) => {
        t.removeAttribute('required');
        t.value = '';
      });
      await navigating(page, () => page.locator('form[action="/inquiry"] button[type="submit"]').click());
      await checkA11y(page, { label: '/inquiry with errors' });
      await page.goto(`/cases/${A.number}`);
      await checkA11y(page, { label: `/cases/${A.number} (customer, awaiting)` });

      const ap = await agent.newPage();
      await signIn(ap, ACCOUNTS.agent.id);
      await ap.goto(`/console/cases/${A.number}`);
      await checkA11y(ap, { label: `/console/cases/${A.number} (agent)` });
      await ap.goto('/console/cases/new');
      await checkA11y(ap, { label: '/console/cases/new' });

      // Resolved (accept / reject) and closed pages too.
      const R = await inquiry('aobaUser', 'a11y resolved', 'x');
      const con = await get('agent', `/console/cases/${R}`);
      await postForm('agent', `/console/cases/${R}/update`, { csrf: csrfOf(con.body), state: 'resolved', assignee: '0' });
      await page.goto(`/cases/${R}`);
      await checkA11y(page, { label: `/cases/${R} (customer, resolved)` });
      await navigating(page, () => page.locator('form[action$="/accept"] button').click());
      await checkA11y(page, { label: `/cases/${R} (customer, closed)` });
    } finally {
      await customer.close();
      await agent.close();
    }
  });
});
