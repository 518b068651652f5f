// The HTML of every page validates (html-validate, rules in .htmlvalidate.json),
// in Japanese and in English, as each role that may see it. The pages are the
// GET routes of `madoguchi routes`, so a new page is validated without being
// named here; their path parameters take real ids of the demo data.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { FileSystemConfigLoader, HtmlValidate } from 'html-validate';
import { Jar, jarRequest, signedInJar } from './lib/http.mjs';
import { ACCOUNTS, BIN, startServer } from './lib/server.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));

// GET routes that answer no page of their own, each with the reason.
const NOT_PAGES = new Map([
  ['/lang', 'sets the language cookie and redirects'],
  ['/healthz', 'plain text for the load balancer'],
  ['/readyz', 'plain text for the load balancer'],
  ['/metrics', 'the Prometheus text format'],
  ['/static/*', 'style sheets, scripts and images'],
  ['/history/export', 'a PDF, Excel or CSV download'],
  ['/audit/export', 'a PDF, Excel or CSV download'],
  ['/console/audit/export', 'a PDF, Excel or CSV download'],
  ['/reports/pdf', 'a PDF download (monthly_report.test.mjs reads its text)'],
  ['/console/customers/:id/reports/pdf', 'a PDF download (monthly_report.test.mjs reads its text)'],
  ['/login/mfa', 'redirects to sign-in outside a sign-in half-way through'],
  ['/password/reset/:token', 'needs a link from a reset mail (identity_reset.test.mjs)'],
  ['/profile/email/:token', 'needs a link from a confirmation mail, then redirects'],
  ['/rate/:token', 'needs a link from a satisfaction mail (rating.test.mjs validates it)'],
]);
const isFile = (pattern) => pattern.includes('/files/');

// Who may see a route of each role.
const ROLE_VIEWERS = {
  public: ['visitor'],
  user: ['aobaUser', 'aobaAdmin', 'agent', 'providerAdmin'],
  customer: ['aobaUser', 'aobaAdmin'],
  'customer-admin': ['aobaAdmin'],
  staff: ['agent', 'providerAdmin'],
  'provider-admin': ['providerAdmin'],
};

let srv;
let pages;
const ids = {};
const sql = (query) => promisify(execFile)('sqlite3', [path.join(srv.dataDir, 'madoguchi.db'), query]).then(({ stdout }) => stdout.trim());

before(async () => {
  srv = await startServer();
  // Cases in every state, so that the case pages have something to show.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('MADOGUCHI_')));
  await promisify(execFile)(BIN, ['demo-cases', '--data-dir', srv.dataDir], { env, timeout: 60_000 });
  const { stdout } = await promisify(execFile)(BIN, ['routes'], { timeout: 10_000 });
  pages = stdout
    .trim()
    .split('\n')
    .map((l) => l.split('\t'))
    // Routes of the JSON API (flag "api") answer JSON, never a page.
    .filter(([method, pattern, , flags]) => method === 'GET' && !flags.split(',').includes('api') && !NOT_PAGES.has(pattern) && !isFile(pattern))
    .map(([, pattern, role]) => ({ pattern, role }));
  const aoba = await sql("SELECT id FROM customers WHERE number = 'N200000001'");
  ids.case = await sql(`SELECT number FROM cases WHERE customer_id = ${aoba} ORDER BY id LIMIT 1`);
  ids.request = await sql(`SELECT number FROM work_requests WHERE customer_id = ${aoba} ORDER BY id LIMIT 1`);
  ids.service = await sql(`SELECT service_id FROM contracts WHERE customer_id = ${aoba} ORDER BY id LIMIT 1`);
  ids.item = await sql(
    `SELECT w.id FROM work_items w JOIN contracts c ON c.service_id = w.service_id WHERE c.customer_id = ${aoba} ORDER BY w.id LIMIT 1`,
  );
  ids.field = (await sql('SELECT item_id, id FROM work_item_fields ORDER BY id LIMIT 1')).split('|');
  ids.article = await sql("SELECT id || '|' || number FROM kb_articles WHERE state = 'published' ORDER BY id LIMIT 1");
  ids.base = await sql('SELECT id FROM kb_bases ORDER BY id LIMIT 1');
  ids.category = await sql('SELECT id FROM kb_categories ORDER BY id LIMIT 1');
  ids.customer = aoba;
  ids.contract = await sql(`SELECT id FROM contracts WHERE customer_id = ${aoba} ORDER BY id LIMIT 1`);
  ids.contact = await sql("SELECT id FROM users WHERE login = 'user@aoba.example.cs'");
  ids.period = await sql(`SELECT id FROM point_periods WHERE customer_id = ${aoba} ORDER BY id LIMIT 1`);
  ids.staff = await sql(`SELECT id FROM users WHERE login = '${ACCOUNTS.agent.id}'`);
  // A webhook endpoint with one delivery done and one given up, for its log.
  ids.webhook = await sql(
    "INSERT INTO webhook_endpoints (url, secret_sealed, events, created_by, created_at) VALUES ('https://example.com/hook', '-', 'case.created', 1, 0) RETURNING id",
  );
  await sql(
    `INSERT INTO webhook_deliveries (endpoint_id, event_id, event, payload, created_at, attempts, delivered_at, status_code) VALUES (${ids.webhook}, 'wh_1', 'case.created', '{}', 0, 1, 1, 200), (${ids.webhook}, 'wh_2', 'case.created', '{}', 0, 3, NULL, 500)`,
  );
});
after(async () => {
  await srv?.stop();
});

/** The path of a page with its parameters filled from the demo data. */
function fill(pattern) {
  const [articleId, articleNumber] = ids.article.split('|');
  const byPattern = {
    '/services/:id': [ids.service],
    '/cases/:number': [ids.case],
    '/console/cases/:number': [ids.case],
    '/requests/:number': [ids.request],
    '/console/requests/:number': [ids.request],
    '/requests/items/:id': [ids.item],
    '/console/catalog/:id': [ids.field[0]],
    '/console/catalog/:id/fields/:fid': ids.field,
    '/contacts/:id': [ids.contact],
    '/knowledge/:number': [articleNumber],
    '/console/kb/bases/:id': [ids.base],
    '/console/kb/categories/:id': [ids.category],
    '/console/kb/:id': [articleId],
    '/console/customers/:id': [ids.customer],
    '/console/customers/:id/contacts': [ids.customer],
    '/console/customers/:id/reports': [ids.customer],
    '/console/staff/:id': [ids.staff],
    '/console/contracts/:id': [ids.contract],
    '/console/contracts/:id/levels': [ids.contract],
    '/console/services/:id/levels': [ids.service],
    '/console/points/periods/:id': [ids.period],
    '/console/webhooks/:id': [ids.webhook],
  };
  if (!pattern.includes(':')) return pattern;
  const values = byPattern[pattern];
  assert.ok(values, `no demo id for the parameters of ${pattern}: add it to fill()`);
  let i = 0;
  return pattern.replace(/:\w+/g, () => values[i++]);
}

/** A browser of the account (visitor: none signed in) that reads pages in lang. */
async function browserOf(who, lang) {
  if (who === 'visitor') return new Jar({ mg_lang: lang });
  await sql(`UPDATE users SET lang = '${lang}' WHERE login = '${ACCOUNTS[who].id}'`);
  return signedInJar(srv.baseURL, ACCOUNTS[who].id);
}

describe('valid HTML', () => {
  for (const lang of ['ja', 'en']) {
    test(`every page as each role that may see it, in ${lang}`, async () => {
      const hv = new HtmlValidate(new FileSystemConfigLoader());
      const config = path.join(HERE, 'page.html'); // names the file whose config applies
      const problems = [];
      let validated = 0;
      for (const who of ['visitor', 'aobaUser', 'aobaAdmin', 'agent', 'providerAdmin']) {
        const jar = await browserOf(who, lang);
        for (const { pattern, role } of pages) {
          if (!ROLE_VIEWERS[role]?.includes(who)) continue;
          const url = fill(pattern);
          const res = await jarRequest(srv.baseURL, jar, url);
          if (res.status !== 200) {
            problems.push(`${who} ${url}: status ${res.status}`);
            continue;
          }
          assert.match(res.headers['content-type'], /^text\/html/, url);
          assert.match(res.body, new RegExp(`<html lang="${lang}"`), `${who} ${url} in ${lang}`);
          const report = await hv.validateString(res.body, config);
          validated++;
          for (const r of report.results) {
            for (const m of r.messages) problems.push(`${who} ${url}: ${m.ruleId} ${m.message} (${m.selector ?? `line ${m.line}`})`);
          }
        }
      }
      assert.deepEqual(problems, []);
      assert.ok(validated > 60, `only ${validated} pages validated`);
    });
  }
});
