// HTTP-level behaviour, without a browser: headers, caching, errors, CSRF,
// redirects, keep-alive.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import {
  FORM,
  csrfOf,
  form,
  h1Of,
  htmlLangOf,
  jarRequest,
  request,
  setCookies,
  signInHTTP,
  signedInJar,
} from './lib/http.mjs';
import { ACCOUNTS, DEMO_PASSWORD, startServer } from './lib/server.mjs';

let srv;
let base;
before(async () => {
  srv = await startServer();
  base = srv.baseURL;
});
after(async () => {
  await srv?.stop();
});

function assertPageSecurityHeaders(res, what) {
  const h = res.headers;
  const csp = h['content-security-policy'];
  assert.ok(csp, `${what}: no Content-Security-Policy`);
  const directives = Object.fromEntries(
    csp
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name.toLowerCase(), values];
      }),
  );
  assert.deepEqual(directives['frame-ancestors'], ["'none'"], `${what}: frame-ancestors: ${csp}`);
  assert.ok(!csp.includes("'unsafe-inline'"), `${what}: CSP allows 'unsafe-inline': ${csp}`);
  assert.ok(!csp.includes("'unsafe-eval'"), `${what}: CSP allows 'unsafe-eval': ${csp}`);
  const scriptSrc = directives['script-src'] || directives['default-src'];
  assert.ok(scriptSrc, `${what}: neither script-src nor default-src: ${csp}`);
  assert.ok(!scriptSrc.includes('*'), `${what}: script-src allows any origin: ${csp}`);
  assert.equal(h['x-content-type-options'], 'nosniff', `${what}: X-Content-Type-Options`);
  assert.ok(
    ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'].includes(h['referrer-policy']),
    `${what}: Referrer-Policy ${h['referrer-policy']}`,
  );
  assert.equal(h['x-frame-options'], 'DENY', `${what}: X-Frame-Options`);
  assert.match(h['cache-control'] || '', /\bno-store\b/, `${what}: Cache-Control ${h['cache-control']}`);
}

describe('security headers', () => {
  test('the sign-in page', async () => {
    const res = await request(base, '/login');
    assert.equal(res.status, 200);
    assertPageSecurityHeaders(res, 'GET /login');
    assert.match(res.headers['content-type'], /^text\/html;\s*charset=utf-8$/i);
  });

  test('a signed-in page with personal data (/services)', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
    const res = await jarRequest(base, jar, '/services');
    assert.equal(res.status, 200);
    assertPageSecurityHeaders(res, 'GET /services');
  });

  test('an error page (404)', async () => {
    const res = await request(base, '/no-such-page');
    assert.equal(res.status, 404);
    assertPageSecurityHeaders(res, 'GET /no-such-page');
  });

  test('the session cookie is HttpOnly and SameSite', async () => {
    const { res } = await signInHTTP(base, ACCOUNTS.aobaUser.id);
    assert.equal(res.status, 303);
    const line = (res.headers['set-cookie'] || []).find((l) => l.startsWith('mg_session='));
    assert.ok(line, 'no mg_session cookie set at sign-in');
    assert.match(line, /;\s*HttpOnly/i);
    assert.match(line, /;\s*SameSite=(Lax|Strict)/i);
    assert.match(line, /;\s*Path=\//i);
  });
});

describe('static assets', () => {
  let cssURL;
  let jsURL;
  before(async () => {
    const page = await request(base, '/login');
    cssURL = /<link rel="stylesheet" href="([^"]+)"/.exec(page.body)?.[1];
    jsURL = /<script src="([^"]+)"/.exec(page.body)?.[1];
  });

  test('URLs carry a content hash', () => {
    assert.match(cssURL, /^\/static\/app\.[0-9a-f]{8,}\.css$/);
    assert.match(jsURL, /^\/static\/app\.[0-9a-f]{8,}\.js$/);
  });

  test('ETag and immutable caching', async () => {
    for (const url of [cssURL, jsURL]) {
      const res = await request(base, url);
      assert.equal(res.status, 200, url);
      assert.match(res.headers.etag || '', /^"[^"]+"$/, `${url}: strong ETag`);
      const cc = res.headers['cache-control'] || '';
      assert.match(cc, /\bimmutable\b/, `${url}: Cache-Control ${cc}`);
      assert.ok(Number(/max-age=(\d+)/.exec(cc)?.[1]) >= 31536000, `${url}: max-age in ${cc}`);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.bodyBytes > 0);
      assert.equal(Number(res.headers['content-length']), res.bodyBytes);
    }
    const css = await request(base, cssURL);
    assert.match(css.headers['content-type'], /^text\/css/);
    const js = await request(base, jsURL);
    assert.match(js.headers['content-type'], /^(text|application)\/javascript/);
  });

  test('304 Not Modified on If-None-Match', async () => {
    const first = await request(base, cssURL);
    const etag = first.headers.etag;
    const res = await request(base, cssURL, { headers: { 'If-None-Match': etag } });
    assert.equal(res.status, 304);
    assert.equal(res.bodyBytes, 0);
    assert.equal(res.headers.etag, etag);
    assert.match(res.headers['cache-control'] || '', /\bimmutable\b/);
    const other = await request(base, cssURL, { headers: { 'If-None-Match': '"something-else"' } });
    assert.equal(other.status, 200, 'a different ETag gets the full file');
  });

  test('an unknown hash is 404', async () => {
    const res = await request(base, cssURL.replace(/\.[0-9a-f]+\.css$/, '.000000000000.css'));
    assert.equal(res.status, 404);
  });
});

describe('error pages', () => {
  test('404 in Japanese by default', async () => {
    const res = await request(base, '/no-such-page');
    assert.equal(res.status, 404);
    assert.equal(htmlLangOf(res.body), 'ja');
    assert.equal(res.headers['content-language'], 'ja');
    assert.equal(h1Of(res.body), 'ページが見つかりません');
    assert.match(res.body, /お探しのページは存在しないか、表示する権限がありません。/);
  });

  test('404 in English with Accept-Language: en', async () => {
    const res = await request(base, '/no-such-page', { headers: { 'Accept-Language': 'en' } });
    assert.equal(res.status, 404);
    assert.equal(htmlLangOf(res.body), 'en');
    assert.equal(res.headers['content-language'], 'en');
    assert.equal(h1Of(res.body), 'Page not found');
  });

  test('Accept-Language with q-values picks the preferred language', async () => {
    const en = await request(base, '/login', { headers: { 'Accept-Language': 'fr;q=1, en;q=0.8, ja;q=0.5' } });
    assert.equal(htmlLangOf(en.body), 'en');
    const ja = await request(base, '/login', { headers: { 'Accept-Language': 'en;q=0.4, ja-JP' } });
    assert.equal(htmlLangOf(ja.body), 'ja');
  });

  test('405 with Allow for POST /services (no body)', async () => {
    const res = await request(base, '/services', { method: 'POST', headers: { 'Content-Length': '0' } });
    assert.equal(res.status, 405);
    assert.match(res.headers.allow || '', /\bGET\b/);
    assert.equal(h1Of(res.body), '許可されていない操作です');
  });

  test('405 with Allow for POST /services carrying a form body', async () => {
    const res = await request(base, '/services', { method: 'POST', headers: FORM, body: 'a=b' });
    assert.equal(res.status, 405);
    assert.match(res.headers.allow || '', /\bGET\b/);
  });

  test('405 for other methods lists the methods the path takes', async () => {
    for (const [method, path, allowed] of [
      ['PUT', '/services', ['GET', 'HEAD']],
      ['DELETE', '/services', ['GET', 'HEAD']],
      ['PUT', '/login', ['GET', 'HEAD', 'POST']],
    ]) {
      const res = await request(base, path, { method, headers: { 'Content-Length': '0' } });
      assert.equal(res.status, 405, `${method} ${path}`);
      const allow = (res.headers.allow || '').split(',').map((m) => m.trim()).filter(Boolean).sort();
      assert.deepEqual(allow, allowed, `${method} ${path}: Allow: ${res.headers.allow}`);
    }
  });

  test('404 for a POST with a form body to an unknown path', async () => {
    const res = await request(base, '/no-such-page', { method: 'POST', headers: FORM, body: 'a=b' });
    assert.equal(res.status, 404);
  });

  test('405 with Allow for GET /logout (POST only)', async () => {
    const res = await request(base, '/logout');
    assert.equal(res.status, 405);
    assert.match(res.headers.allow || '', /\bPOST\b/);
  });

  test('413 for a POST /login body over 4096 bytes', async () => {
    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const body = form({ csrf: csrfOf(page.body), user_id: 'x', password: 'y', pad: 'a'.repeat(5000) });
    assert.ok(Buffer.byteLength(body) > 4096);
    const res = await request(base, '/login', {
      method: 'POST',
      headers: { ...FORM, Cookie: `mg_pre=${pre}` },
      body,
    });
    assert.equal(res.status, 413);
    assert.equal(h1Of(res.body), '送信されたデータが大きすぎます');
    assert.equal(setCookies(res).mg_session, undefined);
  });

  test('a POST /login body of exactly 4096 bytes is accepted', async () => {
    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const fields = { csrf: csrfOf(page.body), user_id: 'nobody@example.cs', password: 'wrong', pad: '' };
    fields.pad = 'a'.repeat(4096 - Buffer.byteLength(form(fields)));
    const body = form(fields);
    assert.equal(Buffer.byteLength(body), 4096);
    const res = await request(base, '/login', { method: 'POST', headers: { ...FORM, Cookie: `mg_pre=${pre}` }, body });
    assert.equal(res.status, 401);
  });

  test('400 for a malformed percent escape in the path', async () => {
    for (const path of ['/%zz', '/services/%zz', '/%', '/services/%E3%81']) {
      const res = await request(base, path);
      assert.equal(res.status, 400, path);
      assert.equal(h1Of(res.body), '不正なリクエスト', path);
    }
  });

  test('400 for a malformed percent escape in the query', async () => {
    const res = await request(base, '/login?next=%zz');
    assert.equal(res.status, 400);
  });

  test('dot segments are refused', async () => {
    const res = await request(base, '/static/../login');
    assert.equal(res.status, 400);
  });
});

describe('CSRF', () => {
  test('POST /login without a csrf token: 403, no session', async () => {
    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const res = await request(base, '/login', {
      method: 'POST',
      headers: { ...FORM, Cookie: `mg_pre=${pre}` },
      body: form({ user_id: ACCOUNTS.aobaUser.id, password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 403);
    assert.equal(setCookies(res).mg_session, undefined);
    assert.equal(h1Of(res.body), 'フォームの有効期限が切れました');
  });

  test('POST /login with a wrong token, or without its cookie: 403, no session', async () => {
    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const token = csrfOf(page.body);
    const creds = { user_id: ACCOUNTS.aobaUser.id, password: DEMO_PASSWORD };
    const cases = [
      { what: 'tampered token', cookie: `mg_pre=${pre}`, body: { csrf: token.slice(0, -2) + 'AA', ...creds } },
      { what: 'no cookie', cookie: undefined, body: { csrf: token, ...creds } },
      { what: 'other cookie', cookie: `mg_pre=${'A'.repeat(43)}`, body: { csrf: token, ...creds } },
      { what: 'token twice', cookie: `mg_pre=${pre}`, body: `csrf=${token}&csrf=${token}&${form(creds)}` },
    ];
    for (const c of cases) {
      const headers = { ...FORM };
      if (c.cookie) headers.Cookie = c.cookie;
      const body = typeof c.body === 'string' ? c.body : form(c.body);
      const res = await request(base, '/login', { method: 'POST', headers, body });
      assert.equal(res.status, 403, c.what);
      assert.equal(setCookies(res).mg_session, undefined, c.what);
    }
  });

  test('a cross-site POST is refused even with a valid token', async () => {
    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const res = await request(base, '/login', {
      method: 'POST',
      headers: { ...FORM, Cookie: `mg_pre=${pre}`, 'Sec-Fetch-Site': 'cross-site' },
      body: form({ csrf: csrfOf(page.body), user_id: ACCOUNTS.aobaUser.id, password: DEMO_PASSWORD }),
    });
    assert.equal(res.status, 403);
    assert.equal(setCookies(res).mg_session, undefined);
  });

  test('POST /logout without a token does not sign out', async () => {
    const jar = await signedInJar(base, ACCOUNTS.aobaUser.id);
    const res = await jarRequest(base, jar, '/logout', { method: 'POST', headers: FORM, body: '' });
    assert.equal(res.status, 403);
    const still = await jarRequest(base, jar, '/services');
    assert.equal(still.status, 200, 'the session must survive a forged sign-out');
  });
});

describe('redirects', () => {
  test('a visitor asking for /services is sent to sign in with next', async () => {
    const res = await request(base, '/services');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login\?next=(%2F|\/)services$/);
    assert.equal(setCookies(res).mg_session, undefined);
  });

  test('a visitor asking for /services/1 and / is sent to sign in', async () => {
    const res = await request(base, '/services/1');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login\?next=(%2F|\/)services(%2F|\/)1$/);
    const home = await request(base, '/');
    assert.equal(home.status, 303);
    assert.match(home.headers.location, /^\/login(\?next=(%2F|\/))?$/);
  });

  test('sign-in follows a local next', async () => {
    const { res } = await signInHTTP(base, ACCOUNTS.aobaUser.id, DEMO_PASSWORD, { next: '/services' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/services');
  });

  for (const next of ['//evil.example', 'https://evil.example', '/\\evil.example', 'http:evil.example', '\\\\evil.example']) {
    test(`sign-in with next=${next} lands on /`, async () => {
      const { jar, res } = await signInHTTP(base, ACCOUNTS.aobaUser.id, DEMO_PASSWORD, { next });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/');
      assert.ok(jar.get('mg_session'), 'signed in all the same');
    });
  }

  test('the sign-in form does not carry an unsafe next', async () => {
    const res = await request(base, `/login?next=${encodeURIComponent('//evil.example')}`);
    assert.equal(res.status, 200);
    assert.ok(!res.body.includes('evil.example'), 'next=//evil.example is echoed in the form');
  });

  test('/lang with an unsafe next goes to /login', async () => {
    for (const next of ['//evil.example', 'https://evil.example']) {
      const res = await request(base, `/lang?to=en&next=${encodeURIComponent(next)}`);
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/login', next);
      assert.equal(setCookies(res).mg_lang, 'en');
    }
  });
});

describe('escaping', () => {
  test('what a visitor sends comes back as text, not markup', async () => {
    const evil = '"><img src=x onerror=alert(1)>';
    const form1 = await request(base, `/login?next=${encodeURIComponent(`/${evil}`)}`);
    assert.equal(form1.status, 200);
    assert.ok(!form1.body.includes('<img src=x'), 'next is echoed unescaped');
    assert.match(form1.body, /name="next" value="\/&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;"/);

    const page = await request(base, '/login');
    const pre = setCookies(page).mg_pre;
    const res = await request(base, '/login', {
      method: 'POST',
      headers: { ...FORM, Cookie: `mg_pre=${pre}` },
      body: form({ csrf: csrfOf(page.body), user_id: evil, password: 'x' }),
    });
    assert.equal(res.status, 401);
    assert.ok(!res.body.includes('<img src=x'), 'the user ID is echoed unescaped');
    assert.match(res.body, /id="user_id"[^>]*value="&quot;&gt;&lt;img src=x onerror=alert\(1\)&gt;"/);

    const notFound = await request(base, `/${encodeURIComponent(evil)}`);
    assert.equal(notFound.status, 404);
    assert.ok(!notFound.body.includes('<img src=x'), 'the path is echoed unescaped');
  });
});

describe('connections', () => {
  test('keep-alive: several requests on one connection', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await request(base, '/login', { agent });
      const second = await request(base, '/login', { agent });
      const third = await request(base, '/services', { agent }); // a redirect
      const fourth = await request(base, '/no-such-page', { agent }); // an error
      const fifth = await request(base, '/healthz', { agent });
      for (const [i, r] of [first, second, third, fourth, fifth].entries()) {
        assert.notEqual((r.headers.connection || '').toLowerCase(), 'close', `response ${i + 1} closes the connection`);
      }
      assert.equal(first.reusedSocket, false);
      for (const r of [second, third, fourth, fifth]) {
        assert.equal(r.reusedSocket, true, 'a later request did not reuse the connection');
        assert.equal(r.localPort, first.localPort, 'a later request used another socket');
      }
      assert.deepEqual([first, second, third, fourth, fifth].map((r) => r.status), [200, 200, 303, 404, 200]);
    } finally {
      agent.destroy();
    }
  });

  test('HEAD and GET of /login agree', async () => {
    const get = await request(base, '/login');
    const head = await request(base, '/login', { method: 'HEAD' });
    assert.equal(head.status, get.status);
    assert.equal(head.bodyBytes, 0);
    const skip = new Set(['date', 'x-request-id', 'set-cookie']);
    const names = (r) => Object.keys(r.headers).filter((k) => !skip.has(k)).sort();
    assert.deepEqual(names(head), names(get));
    for (const k of names(get)) {
      assert.equal(head.headers[k], get.headers[k], `header ${k}`);
    }
    assert.equal(Number(head.headers['content-length']), get.bodyBytes);
  });

  test('HEAD and GET of a protected page redirect alike', async () => {
    const get = await request(base, '/services');
    const head = await request(base, '/services', { method: 'HEAD' });
    assert.equal(get.status, 303);
    assert.equal(head.status, get.status);
    assert.equal(head.headers.location, get.headers.location);
  });

  test('X-Request-Id on every answer, unique', async () => {
    const answers = await Promise.all([
      request(base, '/login'),
      request(base, '/login'),
      request(base, '/no-such-page'),
      request(base, '/services'),
      request(base, '/healthz'),
    ]);
    const ids = answers.map((r) => r.headers['x-request-id']);
    for (const id of ids) assert.match(id || '', /^[0-9a-zA-Z-]{8,}$/);
    assert.equal(new Set(ids).size, ids.length, `duplicate request ids: ${ids}`);
  });

  test('/healthz answers ok', async () => {
    const res = await request(base, '/healthz');
    assert.equal(res.status, 200);
    assert.equal(res.body, 'ok\n');
  });
});

/**
 * Sends raw bytes on a new connection and reads until the server closes it
 * (or ms pass). Returns {text, closed, elapsed}.
 */
function raw(bytes, ms = 5000) {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(base);
    const started = Date.now();
    const sock = net.connect({ host: hostname, port: Number(port) });
    let text = '';
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ text, closed: false, elapsed: Date.now() - started });
    }, ms);
    sock.on('connect', () => sock.write(bytes));
    sock.on('data', (d) => (text += d.toString('latin1')));
    sock.on('error', reject);
    sock.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true, elapsed: Date.now() - started });
    });
  });
}
const statusLines = (text) => text.split('\r\n').filter((l) => /^HTTP\/1\.\d \d{3}/.test(l));

describe('message framing (RFC 9112)', () => {
  test('Content-Length beside Transfer-Encoding: 400, the connection closes, nothing hides in the body', async () => {
    const smuggled = 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n';
    const { text, closed } = await raw(
      'POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n' + smuggled,
    );
    assert.deepEqual(statusLines(text).map((l) => l.split(' ')[1]), ['400']);
    assert.equal(closed, true, 'the connection stayed open');
    assert.ok(!text.includes('ok\n'), 'the request in the body was answered');
  });

  for (const te of ['gzip, chunked', 'chunked, gzip', 'identity', 'x']) {
    test(`Transfer-Encoding: ${te} is answered 501 at once`, async () => {
      const { text, closed, elapsed } = await raw(`POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ${te}\r\n\r\n0\r\n\r\n`);
      assert.deepEqual(statusLines(text).map((l) => l.split(' ')[1]), ['501']);
      assert.equal(closed, true);
      assert.ok(elapsed < 4000, `answered after ${elapsed} ms`);
    });
  }

  test('plain chunked bodies still work', async () => {
    const { text } = await raw('POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: Chunked\r\nContent-Type: application/x-www-form-urlencoded\r\nConnection: close\r\n\r\n4\r\na=bc\r\n0\r\n\r\n');
    assert.deepEqual(statusLines(text).map((l) => l.split(' ')[1]), ['403'], 'a chunked form without a token is a CSRF refusal, as with Content-Length');
  });

  test('HTTP/1.1 without Host: 400; HTTP/1.0 without Host is served', async () => {
    const v11 = await raw('GET /login HTTP/1.1\r\n\r\n');
    assert.deepEqual(statusLines(v11.text).map((l) => l.split(' ')[1]), ['400']);
    assert.equal(v11.closed, true);
    const v10 = await raw('GET /login HTTP/1.0\r\n\r\n');
    assert.deepEqual(statusLines(v10.text).map((l) => l.split(' ')[1]), ['200']);
  });
});
