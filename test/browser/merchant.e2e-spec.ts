import type { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { OutgoingMail } from '../../src/merchants/merchant-mailer.service';
import { MerchantMailer } from '../../src/merchants/merchant-mailer.service';
import { ClickCounter } from '../../src/clicks/click-counter.service';
import { demoCatalogue } from '../servers/demo-catalogue';
import { startWooCommerceServer, WooServer } from '../servers/woocommerce-server';
import { testEnvironment, TestEnvironment } from '../support/test-app';
import { ARTIFACTS, AxeViolation, checkPage, launchChromium, PageCheck, seriousViolations, VIEWPORTS } from './browser-support';

/**
 * Real: Chromium (Debian's, through playwright-core), the whole application on loopback
 * with its real Meilisearch index and PGlite database, and a local shop speaking
 * WooCommerce's Store API and REST API. A merchant goes from sign-up to a connected shop
 * through the pages only; an admin approves and syncs it from the admin pages.
 */
jest.setTimeout(240_000);

const PASSWORD = 'une phrase de passe solide';

describe('merchant space in a real browser', () => {
  let browser: Browser;
  let env: TestEnvironment;
  let app: INestApplication;
  let base: string;
  let woo: WooServer;
  let merchant: BrowserContext;
  let shopId: string;
  const mails: OutgoingMail[] = [];
  const checks: Array<[string, PageCheck]> = [];
  const problems: Array<{ name: string } & (AxeViolation | { console: string })> = [];

  beforeAll(async () => {
    browser = await launchChromium();
    env = await testEnvironment('pglite');
    app = await env.start();
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    app.get(MerchantMailer).useTransport({ send: async (m) => void mails.push(m) });
    woo = await startWooCommerceServer({ products: demoCatalogue(40, 2, ['Fromagerie', 'Épicerie fine']) });
    merchant = await newContext();
  });

  afterAll(async () => {
    await browser?.close();
    await woo?.close();
    await env?.dispose();
  });

  async function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
    const ctx = await browser.newContext({ viewport: VIEWPORTS.desktop, locale: 'fr-FR', ...options });
    ctx.setDefaultTimeout(15_000);
    return ctx;
  }

  async function open(path: string, ctx = merchant): Promise<Page> {
    const page = await ctx.newPage();
    // Error statuses are the pages' own answers (checked by each test), not failures of the page.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push({ name: path, console: m.text() }));
    page.on('pageerror', (e) => problems.push({ name: path, console: e.message }));
    await page.goto(`${base}${path}`, { waitUntil: 'networkidle' });
    return page;
  }

  /** The page as it is now (often the answer to a POST): screenshots at both widths, then axe. */
  async function snapshot(page: Page, name: string): Promise<void> {
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const [label, size] of Object.entries(VIEWPORTS)) {
      await page.setViewportSize(size);
      // Two frames, so the page is laid out and painted at its new width before the capture.
      await page.evaluate(() => new Promise((done) => (globalThis as any).requestAnimationFrame(() => (globalThis as any).requestAnimationFrame(done))));
      await page.screenshot({ path: join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
      for (const v of await seriousViolations(page)) problems.push({ name: `${name} (${label})`, ...v });
    }
    await page.setViewportSize(VIEWPORTS.desktop);
  }

  async function submit(page: Page, button: string | ReturnType<Page['locator']>): Promise<void> {
    const target = typeof button === 'string' ? page.getByRole('button', { name: button, exact: true }) : button;
    await Promise.all([page.waitForEvent('framenavigated'), target.click()]);
    await page.waitForLoadState('load');
  }

  async function signUp(ctx: BrowserContext, email: string): Promise<Page> {
    const page = await open('/espace-commercant/inscription', ctx);
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(PASSWORD);
    await submit(page, 'Créer mon espace');
    return page;
  }

  const activeId = (page: Page) => page.evaluate(() => (globalThis as any).document.activeElement?.id as string);

  it('signs a merchant up; a too-short password is explained next to its field, which gets the focus', async () => {
    const page = await open('/espace-commercant');
    expect(new URL(page.url()).pathname).toBe('/espace-commercant/connexion');
    checks.push(['espace-connexion', await checkPage(merchant, `${base}/espace-commercant/connexion`, 'espace-connexion')]);
    await page.getByRole('link', { name: 'Créer mon espace commerçant' }).click();
    await page.waitForURL(/inscription/);
    await page.locator('#name').fill('Claire Martin');
    await page.locator('#email').fill('claire@cremerie.example');
    await page.locator('#password').fill('court');
    await submit(page, 'Créer mon espace');
    expect(await page.locator('#password-erreur').innerText()).toContain('10 caractères au moins');
    expect(await page.locator('#password').getAttribute('aria-describedby')).toContain('password-erreur');
    expect(await page.locator('#password').getAttribute('aria-invalid')).toBe('true');
    expect(await activeId(page)).toBe('password');
    expect(await page.locator('#email').inputValue()).toBe('claire@cremerie.example');
    await snapshot(page, 'espace-inscription-erreur');

    await page.locator('#password').fill(PASSWORD);
    await submit(page, 'Créer mon espace');
    expect(new URL(page.url()).pathname).toBe('/espace-commercant');
    expect(await page.locator('[role="status"]').innerText()).toContain('Votre espace est créé');
    expect(await page.locator('h1').innerText()).toBe('Bonjour Claire Martin');
    checks.push(['espace-accueil', await checkPage(merchant, `${base}/espace-commercant`, 'espace-accueil')]);
    await page.close();
  });

  it('adds the WooCommerce shop: detected from its address, profile refused then accepted, preview, connected without keys, pending', async () => {
    const page = await open('/espace-commercant');
    await page.getByRole('link', { name: 'Ajouter ma boutique' }).first().click();
    await page.waitForURL(/boutiques\/nouvelle$/);
    await page.locator('#url').fill(woo.url);
    await submit(page, 'Détecter la plateforme');
    expect(new URL(page.url()).pathname).toBe('/espace-commercant/boutiques/nouvelle/fiche');
    expect(await page.locator('[data-detected-platform]').getAttribute('data-detected-platform')).toBe('woocommerce');
    expect(await page.locator('.detected').innerText()).toContain('Boutique WooCommerce détectée');

    // A SIRET whose check digit is wrong: refused next to the field, which gets the focus.
    await page.locator('#name').fill('Crèmerie des Gratte-Ciel');
    await page.locator('#siret').fill('732 829 320 00075');
    await page.locator('#address').fill('22 avenue Henri Barbusse');
    await page.locator('#postalCode').fill('38000');
    await page.locator('#commune').fill('Grenoble');
    await page.locator('#phone').fill('04 78 12 34 56');
    await page.locator('#description').fill('Fromages affinés et produits laitiers de la région.');
    await page.locator('#h_lundi_1_debut').fill('09:00');
    await page.locator('#h_lundi_1_fin').fill('12:30');
    await page.locator('#h_lundi_2_debut').fill('14:30');
    await page.locator('#h_lundi_2_fin').fill('19:00');
    await page.locator('#h_samedi_1_debut').fill('08:30');
    await page.locator('#h_samedi_1_fin').fill('13:00');
    await page.locator('#pickupPolicy').fill('Retrait en boutique sous 2 h');
    await page.locator('#deliveryEnabled').check();
    await page.locator('#deliveryCommunes').fill('Villeurbanne, Lyon 3e');
    await page.locator('#deliveryFee').fill('3,50');
    await page.locator('#deliveryDelay').fill('le jour même');
    await submit(page, 'Enregistrer la fiche et continuer');
    expect(await page.locator('#siret-erreur').innerText()).toContain('SIRET invalide');
    expect(await activeId(page)).toBe('siret');
    expect(await page.locator('.error-summary a[href="#siret"]').count()).toBe(1);
    // What was typed is kept, hours included.
    expect(await page.locator('#h_lundi_2_debut').inputValue()).toBe('14:30');

    // A commune outside the territory: the refusal says why, next to the commune.
    await page.locator('#siret').fill('73282932000074');
    await submit(page, 'Enregistrer la fiche et continuer');
    expect(await page.locator('#commune-erreur').innerText()).toMatch(/n'est pas dans le territoire/);
    expect(await activeId(page)).toBe('commune');
    await snapshot(page, 'espace-fiche-erreurs');

    await page.locator('#postalCode').fill('69100');
    await page.locator('#commune').fill('Villeurbanne');
    await submit(page, 'Enregistrer la fiche et continuer');
    const connectPath = new URL(page.url()).pathname;
    expect(connectPath).toMatch(/^\/espace-commercant\/boutiques\/[0-9a-f-]{36}\/connexion$/);
    shopId = connectPath.split('/')[3];
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Fiche enregistrée');
    await expectVisible(page, 'h2:text("Autoriser Vitrines")');
    await snapshot(page, 'espace-connexion-woocommerce');

    // "Tester la connexion" without keys: the preview, nothing saved yet.
    const publicSection = page.locator('section', { has: page.locator('h2:text("Sans clés")') });
    expect(await publicSection.locator('input[name="url"]').inputValue()).toBe(new URL(woo.url).href);
    await submit(page, publicSection.getByRole('button', { name: 'Tester la connexion' }));
    await expectVisible(page, '[data-preview="ok"]');
    expect(await page.locator('[data-preview-count]').innerText()).toMatch(/^\d+ produits trouvés$/);
    const cards = page.locator('[data-preview="ok"] .card');
    expect(await cards.count()).toBeGreaterThan(0);
    expect(await cards.first().locator('.card-shop').innerText()).toContain('Crèmerie des Gratte-Ciel');
    expect(await cards.first().locator('.card-price').innerText()).toMatch(/€/);
    await snapshot(page, 'espace-apercu');

    await submit(page, 'Enregistrer cette connexion');
    expect(new URL(page.url()).pathname).toBe(`/espace-commercant/boutiques/${shopId}`);
    expect(await page.locator('[role="status"]').first().innerText()).toContain('Catalogue connecté');
    expect(await page.locator('[data-status]').first().innerText()).toBe('En attente de validation');
    expect(await page.locator('[data-product-count]').innerText()).toBe('0');
    expect((await page.locator('.facts').last().innerText()).replace(/\u00a0/g, ' ')).toContain('lundi : 9 h – 12 h 30, 14 h 30 – 19 h');
    await snapshot(page, 'espace-boutique-en-attente');
    await page.close();
  });

  it('explains a wrong WooCommerce key in French and saves nothing', async () => {
    const page = await open(`/espace-commercant/boutiques/${shopId}/connexion?plateforme=woocommerce`);
    const keys = page.locator('section', { has: page.locator('h2:text("clés API")') });
    await keys.locator('#consumerKey').fill('ck_0000000000000000000000000000000000000000');
    await keys.locator('#consumerSecret').fill('cs_0000000000000000000000000000000000000000');
    await submit(page, keys.getByRole('button', { name: 'Enregistrer ces clés' }));
    const diagnosis = await page.locator('[role="alert"] [data-diagnosis]').innerText();
    expect(diagnosis).toMatch(/clé|identifiant|refus/i);
    expect(diagnosis).not.toContain('cs_0000');
    expect(await activeId(page)).toBe('diagnostic');
    await snapshot(page, 'espace-cles-refusees');
    const shopPage = await open(`/espace-commercant/boutiques/${shopId}`);
    expect(await shopPage.locator('#titre-connexion + p').innerText()).toContain('sans identifiants');
    await Promise.all([page.close(), shopPage.close()]);
  });

  it('lets an admin approve the shop and sync it; the merchant then sees it healthy with its products', async () => {
    const admin = await newContext();
    const page = await open('/admin', admin);
    await page.locator('#jeton').fill(env.config.adminToken);
    await submit(page, 'Se connecter');
    const pending = page.locator('[data-pending]', { hasText: 'Crèmerie des Gratte-Ciel' });
    await submit(page, pending.getByRole('button', { name: 'Approuver' }));
    expect(await page.locator('[role="status"]').innerText()).toContain('Boutique approuvée');
    const row = page.locator('tr[data-shop]', { hasText: 'Crèmerie des Gratte-Ciel' });
    await submit(page, row.getByRole('button', { name: 'Synchroniser maintenant' }));
    expect(await page.locator('[role="status"]').innerText()).toContain('Synchronisation lancée');
    // The run is asynchronous: reload until it has finished (bounded).
    for (let i = 0; i < 120 && (await row.getAttribute('data-state')) !== 'healthy'; i++) {
      await page.waitForTimeout(250);
      await page.reload({ waitUntil: 'networkidle' });
    }
    expect(await row.getAttribute('data-state')).toBe('healthy');
    const adminCount = (await row.locator('td.num').innerText()).replace(/\D/g, '');
    expect(Number(adminCount)).toBeGreaterThan(0);
    await admin.close();

    const shopPage = await open(`/espace-commercant/boutiques/${shopId}`);
    expect(await shopPage.locator('[data-status]').first().innerText()).toBe('Validée');
    expect(await shopPage.locator('[data-sync-state]').getAttribute('data-sync-state')).toBe('healthy');
    expect((await shopPage.locator('[data-product-count]').innerText()).replace(/\D/g, '')).toBe(adminCount);
    expect(await shopPage.locator('[data-latest-run]').innerText()).toContain('réussie');
    expect(await shopPage.locator('svg.clicks-chart rect').count()).toBe(30);
    // A resident leaves for the shop from its public page: the click shows on the dashboard.
    await shopPage.getByRole('link', { name: 'Voir la page publique de la boutique' }).click();
    await shopPage.waitForURL(/\/boutiques\/creme/);
    await Promise.all([shopPage.waitForURL((u) => u.href.startsWith(woo.url)), shopPage.locator('.card-link').first().click()]);
    await app.get(ClickCounter).flush();
    await shopPage.goto(`${base}/espace-commercant/boutiques/${shopId}`, { waitUntil: 'networkidle' });
    expect(await shopPage.locator('[data-clicks-total]').innerText()).toBe('1 clic en 30 jours');
    expect(await shopPage.locator('svg.clicks-chart rect.click-bar:not(.click-bar--zero)').count()).toBe(1);
    await snapshot(shopPage, 'espace-boutique-validee');
    await submit(shopPage, 'Mettre en pause');
    expect(await shopPage.locator('[data-sync-state]').getAttribute('data-sync-state')).toBe('paused');
    await submit(shopPage, 'Reprendre les synchronisations');
    expect(await shopPage.locator('[role="status"]').first().innerText()).toContain('Synchronisations reprises');
    const home = await open('/espace-commercant');
    expect(await home.locator(`[data-shop-id="${shopId}"]`).innerText()).toContain(`${adminCount} produits en ligne`);
    await Promise.all([shopPage.close(), home.close()]);
  });

  it("answers another merchant's shop page with the 404 page", async () => {
    const other = await newContext();
    const home = await signUp(other, 'paul@boulangerie.example');
    expect(new URL(home.url()).pathname).toBe('/espace-commercant');
    for (const path of [`/espace-commercant/boutiques/${shopId}`, `/espace-commercant/boutiques/${shopId}/connexion`, `/espace-commercant/boutiques/${shopId}/fiche`]) {
      const page = await other.newPage();
      const res = await page.goto(`${base}${path}`);
      expect({ path, status: res?.status() }).toEqual({ path, status: 404 });
      expect(await page.locator('h1').innerText()).toBe('Page introuvable');
      expect(await page.locator('main').innerText()).not.toContain('Crèmerie');
      await page.close();
    }
    // A form posted against it with this merchant's own token changes nothing either.
    const csrf = await home.locator('input[name="_csrf"]').first().inputValue();
    const post = await home.request.post(`${base}/espace-commercant/boutiques/${shopId}/pause`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(post.status()).toBe(404);
    checks.push(['espace-introuvable', await checkPage(other, `${base}/espace-commercant/boutiques/${shopId}`, 'espace-introuvable')]);
    await other.close();
  });

  it('refuses a form without its CSRF token, and brings the platforms’ return address to the connection page', async () => {
    const page = await open('/espace-commercant');
    const forged = await page.request.post(`${base}/espace-commercant/boutiques/${shopId}/pause`, { form: {}, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    await page.goto(`${base}/espace/boutiques/${shopId}/connexion?plateforme=woocommerce&success=0`, { waitUntil: 'networkidle' });
    expect(new URL(page.url()).pathname).toBe(`/espace-commercant/boutiques/${shopId}/connexion`);
    expect(await page.locator('[role="alert"]').innerText()).toContain('L’accès a été refusé');
    await page.close();
  });

  it('keeps the merchant script off the search page, and passes axe-core and the CSP on every merchant page', async () => {
    const rue = await open('/');
    const scripts = await rue.locator('script[src]').evaluateAll((els) => els.map((e) => e.getAttribute('src')));
    expect(scripts.some((s) => s?.includes('merchant.js'))).toBe(false);
    await rue.close();
    const signedIn = await newContext();
    const page = await signUp(signedIn, 'lea@epicerie.example');
    await page.close();
    const pages: Array<[string, string]> = [
      ['espace-inscription', '/espace-commercant/inscription'],
      ['espace-mot-de-passe-oublie', '/espace-commercant/mot-de-passe-oublie'],
      ['espace-ajouter', '/espace-commercant/boutiques/nouvelle'],
      ['espace-fiche', `/espace-commercant/boutiques/nouvelle/fiche?adresse=${encodeURIComponent(woo.url)}&plateforme=woocommerce&detectee=1`],
    ];
    const anonymous = await newContext();
    for (const [name, path] of pages) {
      const check = await checkPage(path.includes('inscription') || path.includes('oublie') ? anonymous : signedIn, `${base}${path}`, name);
      expect({ name, status: check.status }).toEqual({ name, status: 200 });
      checks.push([name, check]);
    }
    const stillSignedIn = await open(`/espace-commercant/boutiques/${shopId}`);
    expect(new URL(stillSignedIn.url()).pathname).toBe(`/espace-commercant/boutiques/${shopId}`);
    await stillSignedIn.close();
    checks.push(['espace-boutique', await checkPage(merchant, `${base}/espace-commercant/boutiques/${shopId}`, 'espace-boutique')]);
    checks.push(['espace-fiche-edition', await checkPage(merchant, `${base}/espace-commercant/boutiques/${shopId}/fiche`, 'espace-fiche-edition')]);
    for (const p of ['shopify', 'prestashop', 'feed']) {
      checks.push([`espace-connexion-${p}`, await checkPage(merchant, `${base}/espace-commercant/boutiques/${shopId}/connexion?plateforme=${p}`, `espace-connexion-${p}`)]);
    }
    await Promise.all([signedIn.close(), anonymous.close()]);
    const all = [...problems, ...checks.flatMap(([name, c]) => [...c.violations.map((v) => ({ name, ...v })), ...c.consoleErrors.map((e) => ({ name, console: e }))])];
    expect(all).toEqual([]);
  });

  it('resets a forgotten password through the mailed link, without JavaScript', async () => {
    const noJs = await newContext({ viewport: VIEWPORTS.phone, javaScriptEnabled: false });
    const page = await open('/espace-commercant/connexion', noJs);
    await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
    await page.waitForURL(/mot-de-passe-oublie/);
    await page.locator('#email').fill('claire@cremerie.example');
    await submit(page, 'Recevoir le lien');
    expect(await page.locator('[role="status"]').innerText()).toContain('un lien de réinitialisation vient de lui être envoyé');
    const link = /https?:\/\/\S+/.exec(mails.at(-1)?.text ?? '')?.[0];
    expect(link).toBeDefined();
    const url = new URL(link!);
    expect(url.pathname).toBe('/espace-commercant/mot-de-passe');
    await page.goto(`${base}${url.pathname}${url.search}`);
    checks.push(['espace-nouveau-mot-de-passe', await checkPage(noJs, `${base}${url.pathname}${url.search}`, 'espace-nouveau-mot-de-passe', { axe: false })]);
    await page.locator('#password').fill('un tout nouveau secret');
    await submit(page, 'Enregistrer le mot de passe');
    expect(await page.locator('[role="status"]').innerText()).toContain('Mot de passe modifié');
    await page.locator('#email').fill('claire@cremerie.example');
    await page.locator('#password').fill(PASSWORD);
    await submit(page, 'Se connecter');
    expect(await page.locator('[role="alert"]').innerText()).toContain('incorrect');
    await page.locator('#password').fill('un tout nouveau secret');
    await submit(page, 'Se connecter');
    expect(new URL(page.url()).pathname).toBe('/espace-commercant');
    expect(await page.locator('.merchant-shops').innerText()).toContain('Crèmerie des Gratte-Ciel');
    await noJs.close();
  });
});

async function expectVisible(page: Page, selector: string): Promise<void> {
  await page.locator(selector).first().waitFor({ state: 'visible' });
}
