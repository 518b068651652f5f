// Helpers of the knowledge tests: multipart posts with a cookie jar, and
// writing articles through the console's form as provider staff do.
import assert from 'node:assert/strict';
import { csrfOf, jarRequest } from './http.mjs';

/**
 * POST multipart/form-data (fields in order: csrf first), files as
 * {field, name, data: Buffer, type}. Returns {status, headers, body}; no redirect followed.
 */
export async function postMultipart(baseURL, jar, path, fields, files = []) {
  const fd = new FormData();
  for (const [k, v] of fields) fd.append(k, v);
  for (const f of files) fd.append(f.field, new Blob([f.data], { type: f.type || 'application/octet-stream' }), f.name);
  const res = await fetch(new URL(path, baseURL), {
    method: 'POST',
    headers: { Cookie: jar.header() },
    body: fd,
    redirect: 'manual',
  });
  return { status: res.status, headers: Object.fromEntries(res.headers), body: await res.text() };
}

/** The value of the <option> of select#name whose label is label. */
export function optionValue(html, name, label) {
  const sel = new RegExp(`<select id="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  assert.ok(sel, `no select ${name}`);
  for (const m of sel[1].matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)) {
    // Knowledge bases of announcements carry a suffix; categories are "base / category".
    if (m[2] === label || m[2].startsWith(`${label} [`) || m[2].endsWith(` / ${label}`)) return m[1];
  }
  throw new Error(`no option ${label} in ${name}`);
}

/**
 * Writes an article through /console/kb/new. opts: kb (label), category
 * (label or ''), lang, title, body, action ('publish' | 'save' | 'preview'),
 * target ('all' | 'services' | 'customers'), services (labels), customers
 * (text), showFrom, showUntil (datetime-local text), files.
 * Returns {status, id, number, body}.
 */
export async function writeArticle(baseURL, jar, opts) {
  const form = await jarRequest(baseURL, jar, '/console/kb/new');
  assert.equal(form.status, 200);
  const fields = [
    ['csrf', csrfOf(form.body)],
    ['kb', optionValue(form.body, 'kb', opts.kb)],
    ['category', opts.category ? optionValue(form.body, 'category', opts.category) : ''],
    ['lang', opts.lang || 'ja'],
    ['title', opts.title],
    ['body', opts.body],
    ['show_from', opts.showFrom || ''],
    ['show_until', opts.showUntil || ''],
    ['target', opts.target || 'all'],
    ['customers', opts.customers || ''],
  ];
  for (const s of opts.services || []) {
    const m = new RegExp(`<input type="checkbox" name="svc" id="svc-(\\d+)" value="\\d+"[^>]*><label for="svc-\\d+">${s}<`).exec(form.body);
    assert.ok(m, `no service ${s}`);
    fields.push(['svc', m[1]]);
  }
  fields.push(['action', opts.action || 'publish']);
  const res = await postMultipart(baseURL, jar, '/console/kb/new', fields, opts.files || []);
  if (res.status !== 303) return { status: res.status, body: res.body };
  const id = /\/console\/kb\/(\d+)/.exec(res.headers.location)[1];
  const page = await jarRequest(baseURL, jar, `/console/kb/${id}`);
  const number = /<h1 class="page-title">(KB\d{7}) /.exec(page.body)[1];
  return { status: res.status, id, number, body: page.body };
}

/** The article numbers listed by a search page, in order. */
export function hitNumbers(html) {
  return [...html.matchAll(/<h3 class="kb-hit-title"><a href="\/knowledge\/(KB\d{7})"/g)].map((m) => m[1]);
}

/** The titles of a search page (marks removed), in order. */
export function hitTitles(html) {
  return [...html.matchAll(/<h3 class="kb-hit-title"><a [^>]*>([\s\S]*?)<\/a><\/h3>/g)].map((m) => m[1].replace(/<[^>]*>/g, ''));
}

/** The datetime attributes of the hits' <time>, in order. */
export function hitTimes(html) {
  return [...html.matchAll(/<p class="kb-hit-meta muted">[\s\S]*?<time datetime="([^"]+)"/g)].map((m) => Date.parse(m[1]));
}

/** The total count shown above the results. */
export function resultCount(html) {
  // "10 results", "「q」の検索結果 10 件", "More than 1000 results", "1000 件以上".
  const h = /<h2 id="kb-count"[^>]*>([^<]*)<\/h2>/.exec(html)?.[1];
  const m = h && /(\d+)(?: 件| results)/.exec(h.replace(/^More than /, ''));
  return m ? Number(m[1]) : null;
}

/** The views shown on an article page. */
export function viewsOf(html) {
  return Number(/data-views="(\d+)"/.exec(html)[1]);
}

/** A datetime-local value, hours from now, in Asia/Tokyo (the demo users' zone). */
export function tokyoLocal(hoursFromNow) {
  const d = new Date(Date.now() + hoursFromNow * 3600_000 + 9 * 3600_000);
  return d.toISOString().slice(0, 16);
}
