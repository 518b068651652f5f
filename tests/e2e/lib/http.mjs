// Plain HTTP helpers (node:http, no browser): requests with full control of
// the headers sent, a tiny cookie jar, and sign-in through the real form.
import http from 'node:http';
import { DEMO_PASSWORD } from './server.mjs';

/**
 * One request. Returns {status, headers, rawHeaders, body (string), reusedSocket, localPort}.
 * Redirects are not followed. Nothing is sent that is not asked for (no Accept-Language).
 * options: method, headers, body (string|Buffer), agent (default: a fresh connection).
 */
export function request(baseURL, path, { method = 'GET', headers = {}, body, agent = false } = {}) {
  const u = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: u.hostname, port: u.port, method, path, headers, agent },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode,
            headers: res.headers,
            rawHeaders: res.rawHeaders,
            body: Buffer.concat(chunks).toString('utf8'),
            bodyBytes: Buffer.concat(chunks).length,
            bytes: Buffer.concat(chunks),
            reusedSocket: req.reusedSocket,
            localPort: res.socket?.localPort,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', (e) => {
      e.message = `${method} ${path}: no HTTP response (${e.code || e.message})`;
      reject(e);
    });
    req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
    if (body !== undefined) req.end(body);
    else req.end();
  });
}

/** name=value pairs from the Set-Cookie headers of a response. */
export function setCookies(res) {
  const out = {};
  for (const line of res.headers['set-cookie'] || []) {
    const [pair] = line.split(';');
    const i = pair.indexOf('=');
    out[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  return out;
}

/** A minimal cookie jar: remembers Set-Cookie, forgets cookies set empty. */
export class Jar {
  constructor(cookies = {}) {
    this.cookies = { ...cookies };
  }
  take(res) {
    for (const [k, v] of Object.entries(setCookies(res))) {
      if (v === '') delete this.cookies[k];
      else this.cookies[k] = v;
    }
    return res;
  }
  header() {
    return Object.entries(this.cookies)
      .map(([k, v]) => `${k}=${v}`)
      .join('; ');
  }
  get(name) {
    return this.cookies[name];
  }
}

/** A request that sends and updates the jar's cookies. */
export async function jarRequest(baseURL, jar, path, options = {}) {
  const headers = { ...(options.headers || {}) };
  const c = jar.header();
  if (c) headers.Cookie = c;
  return jar.take(await request(baseURL, path, { ...options, headers }));
}

/** The value of the hidden csrf field of the first form of a page. */
export function csrfOf(html) {
  const m = /name="csrf" value="([^"]*)"/.exec(html);
  if (!m) throw new Error('no csrf field in the page');
  return m[1];
}

export function form(fields) {
  return new URLSearchParams(fields).toString();
}

export const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

/**
 * Signs in through GET /login then POST /login, as a browser would.
 * Returns {jar, res} where res is the answer to the POST (303 on success).
 */
export async function signInHTTP(baseURL, userId, password = DEMO_PASSWORD, { next, jar = new Jar() } = {}) {
  const page = await jarRequest(baseURL, jar, '/login');
  if (page.status !== 200) throw new Error(`GET /login answered ${page.status}`);
  const fields = { csrf: csrfOf(page.body), user_id: userId, password };
  if (next !== undefined) fields.next = next;
  const res = await jarRequest(baseURL, jar, '/login', { method: 'POST', headers: FORM, body: form(fields) });
  return { jar, res };
}

/** Signs in and checks it worked; returns the jar holding the session cookie. */
export async function signedInJar(baseURL, userId, password = DEMO_PASSWORD) {
  const { jar, res } = await signInHTTP(baseURL, userId, password);
  if (res.status !== 303 || !jar.get('mg_session')) {
    throw new Error(`sign-in of ${userId} failed: ${res.status} ${res.headers.location || ''}`);
  }
  return jar;
}

/** The text of the first <h1>, tags stripped. */
export function h1Of(html) {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return m ? m[1].replace(/<[^>]*>/g, '').trim() : null;
}

export function htmlLangOf(html) {
  const m = /<html[^>]*\slang="([^"]*)"/.exec(html);
  return m ? m[1] : null;
}

/**
 * Sets the password through a set-password link (from the command line or
 * an invitation mail), as a fresh browser would; the status of the POST
 * (303 when it was taken).
 */
export async function setPasswordByLink(baseURL, link, password) {
  const path = new URL(link).pathname;
  if (!/^\/password\/reset\/[A-Za-z0-9_-]{20,}$/.test(path)) throw new Error(`not a set-password link: ${link}`);
  const jar = new Jar();
  const page = await jarRequest(baseURL, jar, path);
  if (page.status !== 200) return page.status;
  const res = await jarRequest(baseURL, jar, path, {
    method: 'POST',
    headers: FORM,
    body: form({ csrf: csrfOf(page.body), password, confirm: password }),
  });
  return res.status;
}
