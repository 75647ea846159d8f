import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { BenchRow, Scenario } from '../bench-kit';
import { startBenchApp } from '../bench-app';

const JS_BUDGET_KB = 100;
const TOTAL_BUDGET_KB = 200;

/** What the residents' search page makes a phone download: its scripts and styles, raw and gzipped. */
export const pages: Scenario = {
  name: 'pages',
  description: `weight of the search page's JavaScript and CSS (budgets ${JS_BUDGET_KB} KB JS, ${TOTAL_BUDGET_KB} KB CSS+JS)`,
  async run(): Promise<BenchRow[]> {
    const bench = await startBenchApp();
    try {
      const server = await bench.app.listen(0, '127.0.0.1');
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const page = await (await fetch(`${base}/?q=pain`)).text();
      const scripts = [...page.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]);
      const styles = [...page.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
      const size = async (path: string) => {
        const body = Buffer.from(await (await fetch(new URL(path.replace(/&amp;/g, '&'), base))).arrayBuffer());
        return { raw: body.length / 1024, gzip: gzipSync(body).length / 1024 };
      };
      const sum = async (paths: string[]) => {
        let raw = 0;
        let gzip = 0;
        for (const p of paths) {
          const s = await size(p);
          raw += s.raw;
          gzip += s.gzip;
        }
        return { raw, gzip };
      };
      const js = await sum(scripts);
      const css = await sum(styles);
      return [
        { scenario: 'pages', metric: `search page JavaScript (${scripts.length} file)`, value: js.raw, unit: 'KB', note: `target < ${JS_BUDGET_KB} KB; ${js.gzip.toFixed(1)} KB gzipped` },
        { scenario: 'pages', metric: 'search page CSS + JavaScript', value: js.raw + css.raw, unit: 'KB', note: `target < ${TOTAL_BUDGET_KB} KB; ${(js.gzip + css.gzip).toFixed(1)} KB gzipped` },
        { scenario: 'pages', metric: 'search page HTML (20 results)', value: Buffer.byteLength(page) / 1024, unit: 'KB', note: `${(gzipSync(page).length / 1024).toFixed(1)} KB gzipped` },
      ];
    } finally {
      await bench.dispose();
    }
  },
};
