// The client's address behind a reverse proxy (--trusted-proxy): the test
// itself connects from 127.0.0.1 and plays the proxy, sending
// X-Forwarded-For as nginx would. With 127.0.0.1 trusted, the right-most
// untrusted entry is the client for the login history, the sign-in failure
// limit per address and the loopback rule of /metrics. Without the setting,
// and from any peer that is not a trusted proxy, the header is a forgery
// and changes nothing.
import assert from 'node:assert/strict';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { csrfOf, FORM, form, Jar, jarRequest, request, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';

const WRONG = 'Wrong#Password1';
const IP_FAILURE_LIMIT = 30; // src/auth/limits.h

// An address of this host that is not loopback: a peer that is no trusted proxy.
const OUTSIDE = Object.values(os.networkInterfaces())
  .flat()
  .find((i) => i.family === 'IPv4' && !i.internal)?.address;

let proxied; // serve --trusted-proxy 127.0.0.1
let direct; // serve without the setting
let exposed; // serve --trusted-proxy 127.0.0.1, listening on OUTSIDE

before(async () => {
  [proxied, direct, exposed] = await Promise.all([
    startServer({ args: ['--trusted-proxy', '127.0.0.1'] }),
    startServer(),
    OUTSIDE ? startServer({ args: ['--trusted-proxy', '127.0.0.1', '--listen', `${OUTSIDE}:0`] }) : null,
  ]);
  if (exposed) exposed.baseURL = `http://${OUTSIDE}:${exposed.port}`;
});
after(async () => {
  await Promise.all([proxied?.stop(), direct?.stop(), exposed?.stop()]);
});

const xff = (value) => (value === undefined ? {} : { 'X-Forwarded-For': value });

/** GET /login then POST /login, both with the headers given; the POST's answer. */
async function signInVia(srv, userId, password, headers = {}) {
  const jar = new Jar();
  const page = await jarRequest(srv.baseURL, jar, '/login', { headers });
  assert.equal(page.status, 200);
  const body = form({ csrf: csrfOf(page.body), user_id: userId, password });
  return jarRequest(srv.baseURL, jar, '/login', { method: 'POST', headers: { ...FORM, ...headers }, body });
}

/** The addresses of the failed sign-ins of userId, in aoba's login history (newest first). */
async function failedFrom(srv, userId) {
  const admin = await signedInJar(srv.baseURL, ACCOUNTS.aobaAdmin.id);
  const res = await jarRequest(srv.baseURL, admin, '/history');
  assert.equal(res.status, 200);
  const rows = [
    ...res.body.matchAll(
      /<tr><td><time[^>]*>[^<]*<\/time><\/td><td data-event="([^"]*)">[^<]*<\/td><td>([^<]*)<\/td><td>[^<]*<\/td><td>([^<]*)<\/td>/g,
    ),
  ];
  return rows.filter((m) => m[1] === 'auth.login_failed' && m[2] === userId).map((m) => m[3]);
}

const metrics = (srv, forwarded) => request(srv.baseURL, '/metrics', { headers: xff(forwarded) });

describe('behind a trusted proxy', () => {
  test('/metrics: a loopback client passes, a forwarded outside client is refused', async () => {
    // The proxy's host itself, without a header or naming loopback.
    assert.equal((await metrics(proxied)).status, 200);
    assert.equal((await metrics(proxied, '127.0.0.1')).status, 200);
    // Over loopback, but for an outside client: 404 as for any stranger.
    assert.equal((await metrics(proxied, '203.0.113.9')).status, 404);
    assert.equal((await metrics(proxied, '2001:db8::9')).status, 404);
    // The client wrote a loopback address itself; the proxy appended the real one.
    assert.equal((await metrics(proxied, '127.0.0.1, 203.0.113.9')).status, 404);
    // Several header lines count as one list, in order.
    // (Headers as raw pairs: Node adds no Host header to those.)
    const twoLines = await request(proxied.baseURL, '/metrics', {
      headers: ['Host', `127.0.0.1:${proxied.port}`, 'X-Forwarded-For', '127.0.0.1', 'X-Forwarded-For', '203.0.113.9'],
    });
    assert.equal(twoLines.status, 404);
  });

  test("the login history records the client's address, not the proxy's nor a forged one", async () => {
    const a = await signInVia(proxied, ACCOUNTS.aobaUser.id, WRONG, xff('198.51.100.7'));
    assert.equal(a.status, 401);
    const b = await signInVia(proxied, ACCOUNTS.aobaUser.id, WRONG, xff('10.9.9.9, 198.51.100.8'));
    assert.equal(b.status, 401);
    assert.deepEqual(await failedFrom(proxied, ACCOUNTS.aobaUser.id), ['198.51.100.8', '198.51.100.7']);
  });

  test('the sign-in failure limit counts per client, and a forged entry does not escape it', async () => {
    const sprayer = xff('203.0.113.50');
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      const res = await signInVia(proxied, `spray-${i}@nowhere.example.cs`, WRONG, sprayer);
      assert.equal(res.status, 401, `failure ${i + 1}`);
    }
    const blocked = await signInVia(proxied, ACCOUNTS.sakuraUser.id, DEMO_PASSWORD, sprayer);
    assert.equal(blocked.status, 429, 'the sprayer is throttled');
    // Writing another address left of the proxy's entry changes nothing.
    const forged = await signInVia(proxied, ACCOUNTS.sakuraUser.id, DEMO_PASSWORD, xff('203.0.113.51, 203.0.113.50'));
    assert.equal(forged.status, 429, 'a forged entry escapes the throttle');
    // Another client behind the same proxy signs in.
    const other = await signInVia(proxied, ACCOUNTS.sakuraUser.id, DEMO_PASSWORD, xff('203.0.113.51'));
    assert.equal(other.status, 303, 'a neighbour behind the proxy is throttled too');
  });
});

describe('without a trusted proxy: X-Forwarded-For is ignored', () => {
  test('/metrics over loopback answers whatever the header says', async () => {
    assert.equal((await metrics(direct, '203.0.113.9')).status, 200);
    assert.equal((await metrics(direct, 'garbage')).status, 200);
  });

  test("the login history records the peer's address", async () => {
    const res = await signInVia(direct, ACCOUNTS.aobaUser.id, WRONG, xff('198.51.100.7'));
    assert.equal(res.status, 401);
    assert.deepEqual(await failedFrom(direct, ACCOUNTS.aobaUser.id), ['127.0.0.1']);
  });

  test('a client cannot escape the failure limit by naming a new address each time', async () => {
    // The failure of the test above counts too: the limit is met within 30 more.
    let refused = 0;
    for (let i = 0; i < IP_FAILURE_LIMIT; i++) {
      const res = await signInVia(direct, `spray-${i}@nowhere.example.cs`, WRONG, xff(`203.0.113.${i + 1}`));
      assert.ok([401, 429].includes(res.status), `failure ${i + 1}: ${res.status}`);
      if (res.status === 429) refused++;
    }
    assert.ok(refused >= 1, 'never throttled');
    const blocked = await signInVia(direct, ACCOUNTS.sakuraUser.id, DEMO_PASSWORD, xff('198.51.100.99'));
    assert.equal(blocked.status, 429);
  });
});

describe('a client that reaches the port directly, past the trusted proxy', { skip: !OUTSIDE && 'no address but loopback' }, () => {
  test('cannot open /metrics by claiming to be loopback', async () => {
    assert.equal((await metrics(exposed)).status, 404);
    assert.equal((await metrics(exposed, '127.0.0.1')).status, 404);
    assert.equal((await metrics(exposed, '::1')).status, 404);
  });

  test('is recorded under its own address, whatever the header says', async () => {
    const res = await signInVia(exposed, ACCOUNTS.aobaUser.id, WRONG, xff('127.0.0.1'));
    assert.equal(res.status, 401);
    assert.deepEqual(await failedFrom(exposed, ACCOUNTS.aobaUser.id), [OUTSIDE]);
  });
});
