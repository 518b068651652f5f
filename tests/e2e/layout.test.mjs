// The page chrome at phone and desktop widths: the ≡ menu button, the nav,
// the user menu, and the page script running under the CSP.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DESKTOP, PHONE, launchBrowser, newContext, signIn, watchErrors } from './lib/browser.mjs';
import { ACCOUNTS, startServer } from './lib/server.mjs';

let srv;
let browser;
before(async () => {
  [srv, browser] = await Promise.all([startServer(), launchBrowser()]);
});
after(async () => {
  await browser?.close();
  await srv?.stop();
});

async function signedInPage(viewport, account = ACCOUNTS.aobaUser) {
  const context = await newContext(browser, srv.baseURL, { viewport });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await signIn(page, account.id);
  return { context, page, errors };
}

describe('phone width (390x844)', () => {
  let context;
  let page;
  let errors;
  before(async () => {
    ({ context, page, errors } = await signedInPage(PHONE));
  });
  after(async () => {
    await context?.close();
  });

  test('the ≡ button is shown and the nav hidden', async () => {
    const toggle = page.locator('button.nav-toggle');
    assert.ok(await toggle.isVisible(), '≡ not visible');
    assert.equal((await toggle.textContent()).trim(), '≡');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.equal(await toggle.getAttribute('aria-controls'), 'site-nav');
    assert.equal(await toggle.getAttribute('aria-label'), 'メニュー');
    assert.ok(await page.locator('#site-nav').isHidden(), 'nav visible before ≡ is pressed');
    const box = await toggle.boundingBox();
    assert.ok(box.width >= 44 && box.height >= 44, `≡ is a small target: ${box.width}x${box.height}`);
  });

  test('≡ opens the nav with the menu and the user; Escape closes it', async () => {
    const toggle = page.locator('button.nav-toggle');
    const nav = page.locator('#site-nav');
    await toggle.click();
    await nav.waitFor({ state: 'visible' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    assert.match((await nav.getAttribute('class')) || '', /\bopen\b/);
    const link = nav.getByRole('link', { name: 'サービス設定情報' });
    assert.ok(await link.isVisible(), 'menu link サービス設定情報 not visible');
    assert.equal(await link.getAttribute('href'), '/services');
    assert.ok(await nav.locator('.user-name', { hasText: ACCOUNTS.aobaUser.name }).isVisible());
    // Nothing sticks out sideways.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page wider than the screen by ${overflow}px with the nav open`);

    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.doesNotMatch((await nav.getAttribute('class')) || '', /\bopen\b/);
    assert.ok(await toggle.evaluate((el) => el === document.activeElement), 'focus not back on ≡');
  });

  test('≡ pressed twice closes the nav', async () => {
    const toggle = page.locator('button.nav-toggle');
    await toggle.click();
    await page.locator('#site-nav').waitFor({ state: 'visible' });
    await toggle.click();
    await page.locator('#site-nav').waitFor({ state: 'hidden' });
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
  });

  test('the user menu inside the open nav offers ログアウト; Escape closes the menu first, then the nav', async () => {
    const toggle = page.locator('button.nav-toggle');
    const nav = page.locator('#site-nav');
    await toggle.click();
    await nav.waitFor({ state: 'visible' });
    await nav.locator('details.user-menu > summary').click();
    const signOut = nav.locator('details.user-menu button', { hasText: 'ログアウト' });
    await signOut.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await signOut.waitFor({ state: 'hidden' });
    assert.ok(await nav.isVisible(), 'the first Escape should only close the user menu');
    await page.keyboard.press('Escape');
    await nav.waitFor({ state: 'hidden' });
  });

  test('no horizontal scrolling on the pages', async () => {
    for (const path of ['/', '/services']) {
      await page.goto(path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${path} is wider than the screen by ${overflow}px`);
    }
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(errors, []);
  });
});

describe('desktop width (1280x800)', () => {
  let context;
  let page;
  let errors;
  before(async () => {
    ({ context, page, errors } = await signedInPage(DESKTOP));
  });
  after(async () => {
    await context?.close();
  });

  test('the nav is shown and there is no ≡', async () => {
    assert.ok(await page.locator('#site-nav').isVisible());
    assert.ok(await page.locator('button.nav-toggle').isHidden(), '≡ visible on a desktop');
    assert.ok(await page.getByRole('link', { name: 'サービス設定情報' }).first().isVisible());
    assert.ok(await page.locator('details.user-menu .user-name').isVisible());
  });

  test('the user menu opens on click and closes on Escape', async () => {
    const summary = page.locator('details.user-menu > summary');
    const signOut = page.locator('details.user-menu button', { hasText: 'ログアウト' });
    assert.ok(await signOut.isHidden());
    await summary.click();
    await signOut.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await signOut.waitFor({ state: 'hidden' });
    assert.ok(await summary.evaluate((el) => el === document.activeElement), 'focus not back on the summary');
  });

  test('the current page is marked in the menu', async () => {
    await page.goto('/services');
    const current = page.locator('#site-nav a[aria-current="page"]');
    assert.equal(await current.count(), 1);
    assert.equal(await current.textContent(), 'サービス設定情報');
  });

  test('header, main and footer', async () => {
    await page.goto('/');
    assert.equal(await page.locator('header.site-header a.brand').getAttribute('href'), '/');
    assert.equal(await page.locator('main#main').count(), 1);
    const skip = page.locator('a.skip-link');
    assert.equal(await skip.getAttribute('href'), '#main');
    const footer = page.locator('footer.site-footer');
    assert.match(await footer.textContent(), /©/);
    assert.equal(await footer.locator('a[href="/privacy"]').textContent(), 'こちら');
    assert.equal(await footer.locator('.lang-switch').count(), 0, 'signed-in users get no visitor language link');
  });

  test('the skip link is the first stop of the keyboard and shows when focused', async () => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.locator('a.skip-link');
    assert.ok(await skip.evaluate((el) => el === document.activeElement), 'first Tab does not reach the skip link');
    assert.ok(await skip.isVisible());
  });

  test('no script errors or CSP violations', () => {
    assert.deepEqual(errors, []);
  });
});

describe('the menu between 900 and 1,366 px', () => {
  // Labels never wrap: the menu stands on one line beside the brand, or the ≡ menu takes over.
  const who = [
    ['aobaAdmin', 'a customer admin (the longest customer menu)'],
    ['agent', 'a member of staff'],
  ];
  for (const [account, label] of who) {
    for (const lang of ['ja', 'en']) {
      test(`${label}, ${lang}`, async (t) => {
        const { context, page, errors } = await signedInPage({ width: 1366, height: 800 }, ACCOUNTS[account]);
        try {
          if (lang === 'en') {
            await page.goto('/profile');
            await page.locator('#lang').selectOption('en');
            await page.locator('form[action="/profile"] button[type="submit"]').click();
            await page.waitForURL(/saved=1/);
          }
          for (const width of [900, 1024, 1280, 1366]) {
            await page.setViewportSize({ width, height: 800 });
            await page.goto('/');
            const m = await page.evaluate(() => {
              const nav = document.getElementById('site-nav');
              const items = [...document.querySelectorAll('.site-nav > ul > li > a, .site-nav > ul > li > details > summary')];
              const lineHeight = (el) => parseFloat(getComputedStyle(el).lineHeight) || 24;
              return {
                compact: document.documentElement.classList.contains('nav-compact'),
                toggle: getComputedStyle(document.querySelector('.nav-toggle')).display !== 'none',
                navShown: getComputedStyle(nav).display !== 'none',
                wrapped: items.filter((el) => el.getBoundingClientRect().height > 44 + 1 && el.getClientRects().length)
                  .map((el) => el.textContent.trim()),
                tops: [...new Set(items.filter((el) => el.getClientRects().length).map((el) => Math.round(el.getBoundingClientRect().top)))],
                overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
                lineHeight: lineHeight(nav),
              };
            });
            t.diagnostic(`${width}px: ${m.compact ? '≡' : 'one line'}`);
            assert.equal(m.overflow <= 0, true, `${width}px: the page scrolls sideways by ${m.overflow} px`);
            if (m.compact) {
              assert.equal(m.toggle, true, `${width}px: compact without ≡`);
              assert.equal(m.navShown, false, `${width}px: compact with the menu shown`);
            } else {
              assert.equal(m.toggle, false, `${width}px: ≡ beside a menu that fits`);
              assert.deepEqual(m.wrapped, [], `${width}px: labels wrap`);
              assert.equal(m.tops.length, 1, `${width}px: the menu takes ${m.tops.length} lines`);
            }
          }
          // Once compact, ≡ opens the whole menu.
          await page.setViewportSize({ width: 900, height: 800 });
          await page.goto('/');
          if (await page.locator('button.nav-toggle').isVisible()) {
            await page.locator('button.nav-toggle').click();
            assert.ok(await page.locator('#site-nav').isVisible());
          }
          assert.deepEqual(errors, []);
        } finally {
          if (lang === 'en') {
            await page.goto('/profile');
            await page.locator('#lang').selectOption('ja');
            await page.locator('form[action="/profile"] button[type="submit"]').click();
            await page.waitForURL(/saved=1/);
          }
          await context.close();
        }
      });
    }
  }
});

describe('without a user', () => {
  test('the sign-in page has neither nav nor ≡, at both widths', async () => {
    for (const viewport of [PHONE, DESKTOP]) {
      const context = await newContext(browser, srv.baseURL, { viewport });
      try {
        const page = await context.newPage();
        await page.goto('/login');
        assert.equal(await page.locator('#site-nav').count(), 0);
        assert.equal(await page.locator('button.nav-toggle').count(), 0);
        assert.ok(await page.locator('footer .lang-switch a').isVisible());
      } finally {
        await context.close();
      }
    }
  });
});
