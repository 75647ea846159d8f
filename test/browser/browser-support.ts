import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const ARTIFACTS = join(__dirname, '..', 'artifacts');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  desktop: { width: 1366, height: 900 },
} as const;

/**
 * Debian's Chromium driven by playwright-core. Playwright gives every launch a fresh,
 * empty profile directory of its own (it refuses a --user-data-dir argument for that
 * reason). A missing browser fails the suite: CI installs it (.ci/run).
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Browser tests need Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium" (.ci/run does).`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

const axeSource = readFileSync(join(dirname(require.resolve('axe-core')), 'axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core in the page. Evaluated through the DevTools protocol rather than a <script>
 * tag, so the page's strict Content-Security-Policy stays in force during the test.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (globalThis as any).axe.run((globalThis as any).document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n: any) => n.target.join(' ')) }));
  });
  return (violations as AxeViolation[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export interface PageCheck {
  status: number | undefined;
  violations: Array<AxeViolation & { viewport: string }>;
  /** Console errors, e.g. anything the Content-Security-Policy refused. */
  consoleErrors: string[];
}

/**
 * Opens `url` at phone and desktop widths in `context` (so cookies, such as an admin's
 * session, apply), saves a full-page screenshot of each under test/artifacts (ignored by
 * git) and runs axe-core on each.
 */
export async function checkPage(context: BrowserContext, url: string, name: string, options: { axe?: boolean } = {}): Promise<PageCheck> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const out: PageCheck = { status: undefined, violations: [], consoleErrors: [] };
  for (const [label, size] of Object.entries(VIEWPORTS)) {
    const page = await context.newPage();
    // Failed sub-resources are reported from responses below; the page's own status is checked by the caller.
    page.on('console', (m) => m.type() === 'error' && !m.text().startsWith('Failed to load resource') && out.consoleErrors.push(m.text()));
    page.on('response', (r) => r.request().resourceType() !== 'document' && r.status() >= 400 && out.consoleErrors.push(`${r.status()} ${r.url()}`));
    page.on('pageerror', (e) => out.consoleErrors.push(e.message));
    await page.setViewportSize(size);
    const res = await page.goto(url, { waitUntil: 'networkidle' });
    out.status = res?.status();
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${label}.png`), fullPage: true });
    // axe runs as script: a context without JavaScript only gets its screenshots here.
    if (options.axe !== false) for (const v of await seriousViolations(page)) out.violations.push({ ...v, viewport: label });
    await page.close();
  }
  return out;
}
