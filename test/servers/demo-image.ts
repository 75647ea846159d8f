import type { DemoProduct } from './demo-catalogue';

const PALETTE: Record<string, [string, string]> = {
  Boulangerie: ['#f6e3c5', '#9a5b13'],
  'Épicerie fine': ['#e7f0d8', '#4b6b1f'],
  Fromagerie: ['#fff4c2', '#8a6d00'],
  Librairie: ['#e3e8f7', '#2c3f8a'],
  Vêtements: ['#f7e1ea', '#8a2c55'],
  Maison: ['#e6f2f1', '#1f6b63'],
  Jouets: ['#fde6d8', '#a4471b'],
  Vélo: ['#e2f0fb', '#1d5d8a'],
};

/**
 * A product photo stand-in for the demo shops: an SVG card in the colours of the
 * product's trade with its initials, so pages look like a real street rather than a
 * wall of placeholders.
 */
export function demoProductImage(product: DemoProduct | undefined): { contentType: string; body: string } {
  const [background, ink] = PALETTE[product?.category ?? ''] ?? ['#eeeeee', '#555555'];
  const words = (product?.title ?? 'Produit').replace(/n°\d+/, '').split(/\s+/).filter((w) => /^[\p{L}]/u.test(w));
  const initials = words.slice(0, 2).map((w) => w[0].toUpperCase()).join('');
  const label = escapeXml(product?.category ?? '');
  const body = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<rect width="600" height="600" fill="${background}"/>
<circle cx="300" cy="270" r="150" fill="${ink}" opacity="0.12"/>
<text x="300" y="315" font-family="DejaVu Sans, Arial, sans-serif" font-size="140" font-weight="700" text-anchor="middle" fill="${ink}">${escapeXml(initials)}</text>
<text x="300" y="500" font-family="DejaVu Sans, Arial, sans-serif" font-size="40" text-anchor="middle" fill="${ink}">${label}</text>
</svg>`;
  return { contentType: 'image/svg+xml', body };
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
