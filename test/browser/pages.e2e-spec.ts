import type { INestApplication } from '@nestjs/common';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { PrismaService } from '../../src/database/prisma.service';
import { ShopDirectory } from '../../src/shops/shop-directory.service';
import { SyncService } from '../../src/sync/sync.service';
import { DemoProduct, demoCatalogue } from '../servers/demo-catalogue';
import { FeedServer, startFeedServer } from '../servers/feed-server';
import { startWooCommerceServer, WooServer } from '../servers/woocommerce-server';
import { testEnvironment, TestEnvironment } from '../support/test-app';
import { insertShop } from '../support/test-shops';
import { checkPage, launchChromium, PageCheck, VIEWPORTS } from './browser-support';

/**
 * Real: Chromium (Debian's, through playwright-core), the whole application listening on
 * loopback with its real Meilisearch index and PGlite database, and local shops speaking
 * WooCommerce's Store API and a semicolon CSV feed, registered through the admin API and
 * synced by the sync engine. One WooCommerce shop's server always fails.
 */
jest.setTimeout(180_000);

const TRAP_TITLE = '<script>alert(1)</script> Pain piégé';
/** Words of the demo catalogues and a typo of each, as a resident would type it. */
const TYPOS: Array<[string, string]> = [['Croissant', 'croisant'], ['Baguette', 'baguete'], ['Brioche', 'brioce'], ['Chocolat', 'chocolas'], ['Confiture', 'confitre'], ['Marionnette', 'marionete']];

describe('pages in a real browser', () => {
  let browser: Browser;
  let env: TestEnvironment;
  let app: INestApplication;
  let base: string;
  let woo: WooServer;
  let feed: FeedServer;
  let broken: WooServer;
  let slugs: { woo: string; feed: string; broken: string; pending: string };
  let typo: { word: string; typed: string };
  let context: BrowserContext;
  const checks: Array<[string, PageCheck]> = [];

  async function register(body: Record<string, unknown>): Promise<{ id: string; slug: string }> {
    const res = await fetch(`${base}/api/admin/shops`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${env.config.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`);
    return res.json() as Promise<{ id: string; slug: string }>;
  }

  beforeAll(async () => {
    browser = await launchChromium();
    env = await testEnvironment('pglite');
    app = await env.start();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    const cremerie = demoCatalogue(60, 2);
    cremerie[0] = { ...cremerie[0], title: TRAP_TITLE, published: true, inStock: true, quantity: 3 };
    const fournil = demoCatalogue(40, 4);
    woo = await startWooCommerceServer({ products: cremerie });
    feed = await startFeedServer({ products: fournil, format: 'csv', delimiter: ';', decimalComma: true });
    broken = await startWooCommerceServer({ products: demoCatalogue(10, 5), failOnPage: 1 });

    const published = [...cremerie, ...fournil].filter((p: DemoProduct) => p.published);
    const found = TYPOS.find(([word]) => published.some((p) => p.title.includes(word)));
    if (!found) throw new Error('the demo catalogues hold none of the typo words');
    typo = { word: found[0], typed: found[1] };

    const w = await register({ name: 'Crèmerie des Gratte-Ciel', address: '22 avenue Henri Barbusse', postalCode: '69100', commune: 'Villeurbanne', website: woo.url, platform: 'woocommerce', sourceUrl: woo.url });
    const f = await register({ name: 'Fournil de Caluire', address: '3 place Jules Ferry', postalCode: '69300', commune: 'Caluire-et-Cuire', website: feed.origin, platform: 'feed', sourceUrl: feed.url });
    const b = await register({ name: 'Cycles de Vénissieux', address: '8 avenue Jean Jaurès', postalCode: '69200', commune: 'Vénissieux', website: broken.url, platform: 'woocommerce', sourceUrl: broken.url });
    const sync = app.get(SyncService);
    for (const shop of [w, f, b]) await (await sync.requestSync(shop.id)).done;

    const prisma = app.get(PrismaService);
    const pending = await insertShop(app, { platform: 'feed', sourceUrl: feed.url, name: 'Épicerie en attente' });
    await prisma.shop.update({ where: { id: pending.id }, data: { status: 'pending' } });
    await prisma.shop.update({
      where: { id: f.id },
      data: {
        openingHours: { mardi: [['07:00', '13:00'], ['15:30', '19:30']], mercredi: [['07:00', '19:30']], jeudi: [['07:00', '19:30']], vendredi: [['07:00', '19:30']], samedi: [['07:00', '13:00']] },
        pickupPolicy: 'Retrait en boutique sous 2 h',
        localDelivery: { communes: ['Caluire-et-Cuire', 'Lyon'], fee: 3, delay: 'le jour même' },
      },
    });
    app.get(ShopDirectory).invalidate();
    slugs = { woo: w.slug, feed: f.slug, broken: b.slug, pending: pending.slug };
    context = await newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await Promise.all([woo?.close(), feed?.close(), broken?.close()]);
    await env?.dispose();
  });

  /** Short waits: a missing element should fail its test, not the whole suite's time box. */
  async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'fr-FR', ...options });
    ctx.setDefaultTimeout(10_000);
    return ctx;
  }

  async function open(path: string, ctx = context): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    return page;
  }

  const countText = (page: Page) => page.locator('[data-count]').innerText();
  async function waitForCountChange(page: Page, before: string): Promise<string> {
    await page.waitForFunction((prev) => (globalThis as any).document.querySelector('[data-count]')?.textContent !== prev, before);
    return countText(page);
  }

  it('finds a product despite a typo, with suggestions as the resident types', async () => {
    const page = await open('/');
    const before = await countText(page);
    await page.locator('#q').pressSequentially(typo.typed);
    await expectVisible(page, '#suggestions [role="option"]');
    expect(await page.locator('#q').getAttribute('aria-expanded')).toBe('true');
    const after = await waitForCountChange(page, before);
    expect(after).toContain(`pour « ${typo.typed} »`);
    const titles = await page.locator('.card-title').allInnerTexts();
    expect(titles.length).toBeGreaterThan(0);
    expect(titles.some((t) => t.includes(typo.word))).toBe(true);
    expect(new URL(page.url()).searchParams.get('q')).toBe(typo.typed);
    // The demo shops serve real pictures: the first card shows its photo, loaded.
    await page.waitForFunction(() => {
      const img = (globalThis as any).document.querySelector('.card img');
      return !!img && img.complete && img.naturalWidth > 16;
    });
    await page.close();
  });

  it('narrows the results with a commune facet', async () => {
    const page = await open('/');
    const before = await countText(page);
    const total = Number(before.replace(/\D.*$/, '').replace(/\s/g, ''));
    await page.locator('[data-facet="commune"] label', { hasText: 'Caluire-et-Cuire' }).click();
    const after = await waitForCountChange(page, before);
    const narrowed = Number(after.split(' ')[0].replace(/\D/g, ''));
    expect(narrowed).toBeGreaterThan(0);
    expect(narrowed).toBeLessThan(total);
    const places = await page.locator('.card-place').allInnerTexts();
    expect(places.length).toBeGreaterThan(0);
    for (const p of places) expect(p).toContain('Caluire-et-Cuire');
    expect(new URL(page.url()).searchParams.getAll('commune')).toEqual(['Caluire-et-Cuire']);
    await page.close();
  });

  it("leads from a card to the merchant's own product page", async () => {
    const page = await open(`/?q=${encodeURIComponent(typo.word)}`);
    const link = page.locator('.card-link').first();
    const title = (await link.innerText()).trim();
    await Promise.all([page.waitForURL((u) => u.href.startsWith(woo.url) || u.href.startsWith(feed.origin)), link.click()]);
    expect(new URL(page.url()).searchParams.get('utm_source')).toBe('vitrines');
    expect((await page.locator('h1').innerText()).trim()).toBe(title);
    await page.close();
  });

  it('shows a product title holding <script> as text, and runs nothing', async () => {
    const page = await context.newPage();
    let dialog = false;
    page.on('dialog', async (d) => ((dialog = true), await d.dismiss()));
    await page.goto(`${base}/?q=${encodeURIComponent('pain piégé')}`, { waitUntil: 'networkidle' });
    const titles = await page.locator('.card-title').allInnerTexts();
    expect(titles).toContain(TRAP_TITLE);
    expect(await page.locator('.card-title script').count()).toBe(0);
    expect(dialog).toBe(false);
    await page.close();
  });

  it('shows a shop with its hours, pickup and delivery, and searches its products', async () => {
    const details = (await (await fetch(`${base}/api/shops/${slugs.feed}`)).json()) as Record<string, unknown>;
    if (!('openingHours' in details)) throw new Error('ShopProfiles.approvedBySlug must return the profile fields (openingHours, pickupPolicy, localDelivery) for the shop page to show them.');
    const page = await open(`/boutiques/${slugs.feed}`);
    expect(await page.locator('h1').innerText()).toBe('Fournil de Caluire');
    await expectVisible(page, 'h2:text("Horaires")');
    expect(await page.locator('[data-open-state]').innerText()).toMatch(/^(Ouvert maintenant|Fermé actuellement)/);
    expect(await page.locator('table.hours tr').count()).toBe(7);
    expect((await page.locator('table.hours').innerText()).replace(/\u00a0/g, ' ')).toContain('7 h – 13 h, 15 h 30 – 19 h 30');
    expect(await page.locator('.facts').innerText()).toContain('Retrait en boutique sous 2 h');
    expect(await page.locator('.facts').innerText()).toContain('Livraison à Caluire-et-Cuire, Lyon');
    const before = await countText(page);
    await page.locator('#q').fill('pain');
    await waitForCountChange(page, before);
    const shops = await page.locator('.card-shop a').allInnerTexts();
    expect(shops.length).toBeGreaterThan(0);
    for (const s of shops) expect(s).toBe('Fournil de Caluire');
    await page.close();
  });

  it('signs an admin in and shows the fleet: the failing shop as failing, a healthy one as healthy', async () => {
    const admin = await newContext();
    const page = await open('/admin', admin);
    await page.locator('#jeton').fill('pas-le-bon-jeton');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectVisible(page, '[role="alert"]:has-text("pas le bon")');

    await page.locator('#jeton').fill(env.config.adminToken);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expectVisible(page, 'table.fleet');
    const failing = page.locator(`tr[data-shop="${slugs.broken}"]`);
    expect(await failing.getAttribute('data-state')).toBe('failing');
    expect(await failing.innerText()).toContain('En échec');
    expect(await page.locator(`tr[data-error-for="${slugs.broken}"]`).count()).toBe(1);
    const healthy = page.locator(`tr[data-shop="${slugs.woo}"]`);
    expect(await healthy.getAttribute('data-state')).toBe('healthy');
    expect(await healthy.innerText()).toContain('En forme');
    expect(await healthy.locator('svg.run-chart rect').count()).toBeGreaterThan(0);
    // Sorted by state: failing shops first.
    expect(await page.locator('table.fleet tbody tr[data-state]').first().getAttribute('data-state')).toBe('failing');
    checks.push(['admin-dashboard', await checkPage(admin, `${base}/admin`, 'admin-dashboard')]);

    await healthy.getByRole('button', { name: 'Synchroniser maintenant' }).click();
    await expectVisible(page, '[role="status"]:has-text("Synchronisation lancée")');

    const pending = page.locator(`[data-pending="${slugs.pending}"]`);
    await pending.getByRole('button', { name: 'Approuver' }).click();
    await expectVisible(page, '[role="status"]:has-text("Boutique approuvée")');
    expect(await page.locator(`[data-pending="${slugs.pending}"]`).count()).toBe(0);

    // A form posted without its CSRF token changes nothing.
    const res = await page.request.post(`${base}/admin/boutiques/${(await app.get(PrismaService).shop.findUniqueOrThrow({ where: { slug: slugs.woo } })).id}/synchroniser`, { form: {}, maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers().location).toBe('/admin?message=csrf');
    await admin.close();
  });

  it('works without JavaScript: server-rendered results, form, facets and pagination', async () => {
    const noJs = await newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await open('/', noJs);
    await page.locator('#q').fill(typo.typed);
    await Promise.all([page.waitForURL(/\?q=/), page.getByRole('button', { name: 'Rechercher' }).click()]);
    expect(await countText(page)).toContain(`pour « ${typo.typed} »`);
    expect((await page.locator('.card-title').allInnerTexts()).some((t) => t.includes(typo.word))).toBe(true);

    await page.goto(`${base}/`);
    await page.locator('.filters > summary').click();
    await page.locator('[data-facet="commune"] label', { hasText: 'Villeurbanne' }).click();
    await Promise.all([page.waitForURL(/commune=Villeurbanne/), page.getByRole('button', { name: 'Appliquer les filtres' }).click()]);
    for (const p of await page.locator('.card-place').allInnerTexts()) expect(p).toContain('Villeurbanne');
    await Promise.all([page.waitForURL(/page=2/), page.locator('.pagination a[rel="next"]').click()]);
    expect(await page.locator('.pagination a[aria-current="page"]').innerText()).toBe('2');
    expect(await page.locator('.card').count()).toBeGreaterThan(0);
    checks.push(['rue-sans-js', await checkPage(noJs, `${base}/?q=${encodeURIComponent(typo.typed)}`, 'rue-sans-js', { axe: false })]);
    await noJs.close();
  });

  it('sorts by distance after "près de moi"', async () => {
    const located = await newContext({ viewport: VIEWPORTS.phone, geolocation: { latitude: 45.8, longitude: 4.85 }, permissions: ['geolocation'] });
    const page = await open('/', located);
    await page.getByRole('button', { name: 'Près de moi' }).click();
    await page.waitForURL(/sort=distance/);
    expect(await page.locator('select[name="sort"]').inputValue()).toBe('distance');
    const places = await page.locator('.card-place').allInnerTexts();
    expect(places[0]).toMatch(/à [\d,]+ (km|m)$/);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('distance');
    await located.close();
  });

  it('answers unknown pages with the 404 page, and the API keeps JSON', async () => {
    const page = await context.newPage();
    const res = await page.goto(`${base}/nulle-part`);
    expect(res?.status()).toBe(404);
    expect(await page.locator('h1').innerText()).toBe('Page introuvable');
    expect(await page.locator('.site-header').count()).toBe(1);
    const shop = await page.goto(`${base}/boutiques/inconnue`);
    expect(shop?.status()).toBe(404);
    const api = await fetch(`${base}/api/nulle-part`, { headers: { Accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
    await page.close();
  });

  it('keeps the search page under budget: < 100 KB of JavaScript, < 200 KB of CSS and JavaScript', async () => {
    const page = await context.newPage();
    const sizes: Record<string, number> = { script: 0, stylesheet: 0 };
    const pending: Array<Promise<void>> = [];
    page.on('response', (r) => {
      const type = r.request().resourceType();
      if (type === 'script' || type === 'stylesheet') pending.push(r.body().then((b) => void (sizes[type] += b.length)));
    });
    await page.goto(`${base}/?q=${encodeURIComponent(typo.word)}`, { waitUntil: 'networkidle' });
    await Promise.all(pending);
    expect(sizes.script).toBeGreaterThan(0);
    expect(sizes.stylesheet).toBeGreaterThan(0);
    expect(sizes.script).toBeLessThan(100 * 1024);
    expect(sizes.script + sizes.stylesheet).toBeLessThan(200 * 1024);
    const css = await page.request.get(`${base}${await page.locator('link[rel="stylesheet"]').getAttribute('href')}`);
    expect(css.headers()['cache-control']).toContain('immutable');
    await page.close();
  });

  it('passes axe-core (no serious or critical violations) and the CSP on every page, at phone and desktop widths', async () => {
    const anonymous = await newContext();
    const pages: Array<[string, string, number]> = [
      ['rue', '/', 200],
      ['rue-recherche', `/?q=${encodeURIComponent(typo.typed)}`, 200],
      ['communes', '/communes', 200],
      ['commune', '/communes/Caluire-et-Cuire', 200],
      ['boutique', `/boutiques/${slugs.feed}`, 200],
      ['admin-connexion', '/admin', 200],
      ['introuvable', '/nulle-part', 404],
    ];
    for (const [name, path, status] of pages) {
      const check = await checkPage(anonymous, `${base}${path}`, name);
      expect({ name, status: check.status }).toEqual({ name, status });
      checks.push([name, check]);
    }
    await anonymous.close();
    const problems = checks.flatMap(([name, c]) => [...c.violations.map((v) => ({ name, ...v })), ...c.consoleErrors.map((e) => ({ name, console: e }))]);
    expect(problems).toEqual([]);
  });
});

async function expectVisible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible' });
}
