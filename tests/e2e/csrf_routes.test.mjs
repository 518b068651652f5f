// Every POST route of the route table refuses a request without its CSRF
// token, with another browser's token, with a tampered token, and with the
// right token sent from another site: 403, and the database is as it was.
// The routes come from `madoguchi routes`, so a route added to the table is
// tested without anyone writing its name here. Routes of the JSON API (flag
// "api") take no cookies and so need no CSRF token: they are checked to
// refuse a signed-in browser's cookie-only request without a bearer token.
//
// Path parameters take plausible values rather than real ids: the server
// checks the token before the handler runs, so before any object is looked
// up (src/http/server.c, dispatch), and a missing object cannot hide a
// missing check behind its 404.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { FORM, csrfOf, form, Jar, jarRequest, signedInJar } from './lib/http.mjs';
import { postMultipart } from './lib/knowledge.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';

// POST routes that may go without a token, each with its reason. None: even
// the sign-in form carries a token bound to the pre-session cookie.
const EXEMPT = new Map();

// Who signs in to reach a route of each role (the role's least privileged
// holder, so the check is met by a user the route admits).
const ROLE_ACCOUNT = {
  user: ACCOUNTS.aobaUser,
  customer: ACCOUNTS.aobaUser,
  'customer-admin': ACCOUNTS.aobaAdmin,
  staff: ACCOUNTS.agent,
  'provider-admin': ACCOUNTS.providerAdmin,
};

// A page of each role whose form carries the session's token.
const ROLE_FORM_PAGE = {
  public: '/login',
  user: '/profile',
  customer: '/profile',
  'customer-admin': '/profile',
  staff: '/profile',
  'provider-admin': '/profile',
};

/** The rows of `madoguchi routes`: {method, pattern, role, flags: Set, bodyLimit}. */
async function routeTable() {
  const { stdout } = await promisify(execFile)(BIN, ['routes'], { timeout: 10_000 });
  return stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [method, pattern, role, flags, bodyLimit] = line.split('\t');
      return { method, pattern, role, flags: new Set(flags === '-' ? [] : flags.split(',')), bodyLimit: Number(bodyLimit) };
    });
}

/** The pattern with each :name segment given a plausible value. */
function fill(pattern) {
  return pattern.replace(/:(\w+)/g, (_, name) => {
    if (name === 'token') return 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    if (name === 'number') return pattern.startsWith('/console/kb') || pattern.startsWith('/knowledge') ? 'KB0000001' : 'CS0000001';
    return '1';
  });
}

/** Everything the database holds but the sessions (each request touches its own). */
function snapshot(dataDir) {
  const db = path.join(dataDir, 'madoguchi.db');
  return promisify(execFile)('sqlite3', ['-readonly', db, '.dump'], { maxBuffer: 256 * 1024 * 1024 }).then(({ stdout }) =>
    stdout
      .split('\n')
      .filter((l) => !/^INSERT INTO "?sessions"? /.test(l))
      .join('\n'),
  );
}

/** Names of the files kept in the data directory (attachments), sorted. */
function files(dir) {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

let srv;
let table;
const jars = {}; // role → {jar, token}
const strangers = {}; // role → a token of another browser for the same role
before(async () => {
  srv = await startServer();
  table = await routeTable();
  for (const role of Object.keys(ROLE_FORM_PAGE)) {
    const open = async () => {
      const jar = role === 'public' ? new Jar() : await signedInJar(srv.baseURL, ROLE_ACCOUNT[role].id);
      const page = await jarRequest(srv.baseURL, jar, ROLE_FORM_PAGE[role]);
      assert.equal(page.status, 200, `${ROLE_FORM_PAGE[role]} as ${role}`);
      return { jar, token: csrfOf(page.body) };
    };
    jars[role] = await open();
    strangers[role] = (await open()).token;
  }
});
after(async () => {
  await srv?.stop();
});

/** POSTs to a route as its role's browser with the fields given; the status. */
async function post(route, fields, headers = {}) {
  const { jar } = jars[route.role];
  const url = fill(route.pattern);
  if (route.flags.has('multipart')) {
    const file = { field: 'files', name: 'note.txt', data: Buffer.from('not to be kept\n'), type: 'text/plain' };
    return (await postMultipart(srv.baseURL, jar, url, Object.entries(fields), [file])).status;
  }
  const res = await jarRequest(srv.baseURL, jar, url, { method: 'POST', headers: { ...FORM, ...headers }, body: form(fields) });
  return res.status;
}

/** A token with its last character changed: same length, same alphabet. */
function tampered(token) {
  const last = token.at(-1);
  return token.slice(0, -1) + (last === 'A' ? 'B' : 'A');
}

describe('CSRF on every POST route', () => {
  test('the route table lists POST routes, each requiring a token unless exempted here', () => {
    const posts = table.filter((r) => r.method === 'POST' && !r.flags.has('api'));
    assert.ok(posts.length > 50, `only ${posts.length} POST routes listed`);
    for (const r of posts) {
      if (EXEMPT.has(r.pattern)) continue;
      assert.ok(r.flags.has('csrf'), `POST ${r.pattern} has no csrf flag`);
      assert.ok(r.role in ROLE_FORM_PAGE, `POST ${r.pattern}: role ${r.role} has no test account`);
    }
    for (const pattern of EXEMPT.keys()) {
      assert.ok(posts.some((r) => r.pattern === pattern), `exempted ${pattern} is no POST route`);
    }
  });

  test('no token, another browser\'s token, a tampered token and a cross-site post are refused with 403, changing nothing', async () => {
    const dbBefore = await snapshot(srv.dataDir);
    const filesBefore = files(srv.dataDir);
    const failures = [];
    for (const r of table.filter((x) => x.method === 'POST' && !x.flags.has('api') && !EXEMPT.has(x.pattern))) {
      const own = jars[r.role].token;
      const tries = [
        ['no token', {}, {}],
        ['an empty token', { csrf: '' }, {}],
        ['another browser\'s token', { csrf: strangers[r.role] }, {}],
        ['a tampered token', { csrf: tampered(own) }, {}],
      ];
      if (!r.flags.has('multipart')) tries.push(['its own token from another site', { csrf: own }, { 'Sec-Fetch-Site': 'cross-site' }]);
      for (const [what, fields, headers] of tries) {
        const status = await post(r, { ...fields, name: 'x', title: 'x', body: 'x' }, headers);
        if (status !== 403) failures.push(`POST ${r.pattern} with ${what}: ${status}`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await snapshot(srv.dataDir), dbBefore, 'the database changed');
    assert.deepEqual(files(srv.dataDir), filesBefore, 'files were kept');
  });

  test('the tokens used above are the real ones: with its own token a post is not refused', async () => {
    const r = table.find((x) => x.pattern === '/case-filters/:id/delete');
    assert.ok(r, 'the route of the control');
    assert.notEqual(await post(r, { csrf: jars[r.role].token }), 403);
  });
});

describe('API routes take a bearer token, never cookies', () => {
  test('every API POST route refuses a signed-in browser without a bearer token: 401, changing nothing', async () => {
    const api = table.filter((x) => x.method === 'POST' && x.flags.has('api'));
    assert.ok(api.length >= 3, `only ${api.length} API POST routes listed`);
    const dbBefore = await snapshot(srv.dataDir);
    const failures = [];
    for (const r of api) {
      assert.ok(!r.flags.has('csrf'), `POST ${r.pattern}: an API route does not read forms`);
      for (const role of ['provider-admin', 'customer-admin']) {
        const { jar, token } = jars[role];
        const body = JSON.stringify({ csrf: token, customer: 'N200000001', category: 'alarm', subject: 'x', description: 'x', body: 'x', state: 'closed' });
        const res = await jarRequest(srv.baseURL, jar, fill(r.pattern), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
        if (res.status !== 401) failures.push(`POST ${r.pattern} as ${role} with cookies only: ${res.status}`);
        else if (!/^application\/problem\+json/.test(res.headers['content-type'] || '')) failures.push(`POST ${r.pattern}: 401 is not a problem document`);
      }
    }
    assert.deepEqual(failures, []);
    assert.equal(await snapshot(srv.dataDir), dbBefore, 'the database changed');
  });
});
