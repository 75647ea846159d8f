import { readHead, decodeText } from './body-reader';
import type { Platform } from './connector';
import { ConnectorError, ERROR_KINDS, isConnectorError } from './errors';
import type { HttpClient } from './http-client';
import { baseUrl } from './url';

/**
 * Guesses a shop's platform from its bare address, so a merchant only has to paste a URL.
 * Cheap signs first (the page the merchant gave: headers, markup, or a feed), then one
 * request per platform API. Never throws: the answer always carries a French hint.
 */
export interface PlatformDetection {
  platform?: Platform;
  /** For the merchant, in French: what was found and what to do next. */
  hint: string;
  /** For admins: the sign that decided. */
  evidence?: string;
  /** Set when the shop could not be read at all. */
  errorKind?: ConnectorError['kind'];
}

const HEAD_BYTES = 128 * 1024;

export const PLATFORM_HINTS: Record<Platform | 'unknown', string> = {
  shopify: 'Boutique Shopify détectée : son catalogue public sera lu sans identifiants. Un jeton d’accès Admin en lecture seule est facultatif (stocks exacts).',
  woocommerce: 'Boutique WooCommerce détectée : son catalogue public (Store API) sera lu sans identifiants. Des clés API REST en lecture seule sont facultatives.',
  prestashop:
    'Boutique PrestaShop détectée : activez le service web (Paramètres avancés > Webservice), créez une clé avec l’accès en lecture (GET) aux produits, catégories, images et stocks, puis indiquez-la.',
  feed: 'Flux produits détecté (CSV, TSV ou XML) : il sera relu à chaque synchronisation.',
  unknown:
    'Plateforme non reconnue. Choisissez-la dans la liste (Shopify, WooCommerce, PrestaShop) ou indiquez l’adresse d’un flux produits (CSV ou XML).',
};

export async function detectPlatform(shopUrl: string, http: HttpClient): Promise<PlatformDetection> {
  let url: string;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(shopUrl.trim()) ? shopUrl.trim() : `https://${shopUrl.trim()}`).toString();
  } catch {
    return { hint: 'Adresse invalide : indiquez l’adresse complète de la boutique, par exemple https://www.ma-boutique.fr', errorKind: 'invalid_source' };
  }

  // 1. The page itself: a feed, or a storefront whose headers and markup name the platform.
  let blocked: ConnectorError | undefined;
  try {
    const page = await fetchHead(http, url);
    const fromPage = fromFeed(page) ?? fromHeaders(page.headers) ?? fromMarkup(page.body);
    if (fromPage) return found(fromPage.platform, fromPage.evidence);
  } catch (e) {
    if (!isConnectorError(e)) throw e;
    // Nothing more to learn from a shop we may not or cannot reach.
    if (['forbidden_address', 'unreachable', 'timeout', 'invalid_source'].includes(e.kind)) return failure(e);
    if (e.kind === 'blocked') blocked = e;
  }

  // 2. The platforms' own APIs, at the shop's base address.
  const base = baseUrl(url);
  for (const probe of PROBES) {
    try {
      const evidence = await probe.test(http, base);
      if (evidence) return found(probe.platform, evidence);
    } catch (e) {
      if (!isConnectorError(e)) throw e;
      if (e.kind === 'forbidden_address') return failure(e);
      if (e.kind === 'blocked') blocked ??= e;
    }
  }
  if (blocked) return failure(blocked);
  return { hint: PLATFORM_HINTS.unknown };
}

function found(platform: Platform, evidence: string): PlatformDetection {
  return { platform, hint: PLATFORM_HINTS[platform], evidence };
}

function failure(e: ConnectorError): PlatformDetection {
  return { hint: `${ERROR_KINDS[e.kind].explanation} ${ERROR_KINDS[e.kind].fix}`, errorKind: e.kind, evidence: e.message };
}

interface PageHead {
  headers: Record<string, string>;
  body: string;
}

/** The first bytes of a page only: a feed can weigh megabytes, the signs are at the top. */
async function fetchHead(http: HttpClient, url: string): Promise<PageHead> {
  const res = await http.request({ url, responseType: 'stream' });
  const body = decodeText(await readHead(res.data, HEAD_BYTES), res.headers['content-type']);
  return { headers: res.headers, body };
}

type Sign = { platform: Platform; evidence: string } | undefined;

const FEED_TYPES = /text\/csv|tab-separated-values|application\/(rss|atom)\+xml|(application|text)\/xml|application\/csv|application\/vnd\.ms-excel/i;

export function fromFeed({ headers, body }: PageHead): Sign {
  const start = body.replace(/^\uFEFF/, '').trimStart();
  if (/^</.test(start)) {
    // Sitemaps and XHTML are XML too, but not catalogues.
    if (/<(urlset|sitemapindex|html)\b/i.test(start.slice(0, 2000))) return undefined;
    if (/^<\?xml|^<rss\b|^<feed\b/i.test(start)) return { platform: 'feed', evidence: 'XML feed body' };
    if (FEED_TYPES.test(headers['content-type'] ?? '') && !/html/i.test(headers['content-type'] ?? '')) return { platform: 'feed', evidence: 'XML content type' };
    return undefined;
  }
  if (/^[[{]/.test(start)) return undefined;
  if (looksLikeCsvHeader(start.split(/\r?\n/, 1)[0])) return { platform: 'feed', evidence: 'CSV header with id, title and price columns' };
  if (/text\/csv|tab-separated-values|application\/csv/i.test(headers['content-type'] ?? '')) return { platform: 'feed', evidence: 'CSV content type' };
  return undefined;
}

const ID_COLUMNS = /^(g:)?(id|sku|ref|reference|référence|product_?id|id_?produit|code|ean|gtin)$/;
const TITLE_COLUMNS = /^(g:)?(title|name|nom|titre|libellé|libelle|designation|désignation|product_?name|nom_?produit)$/;
const PRICE_COLUMNS = /^(g:)?(price|prix|prix_?ttc|price_?ttc|sale_?price|prix_?de_?vente|tarif)$/;

export function looksLikeCsvHeader(line: string | undefined): boolean {
  if (!line) return false;
  const delimiter = [';', '\t', ',', '|'].find((d) => line.includes(d));
  if (!delimiter) return false;
  const columns = line.split(delimiter).map((c) => c.trim().replace(/^["']|["']$/g, '').trim().toLowerCase());
  return columns.some((c) => ID_COLUMNS.test(c)) && columns.some((c) => TITLE_COLUMNS.test(c)) && columns.some((c) => PRICE_COLUMNS.test(c));
}

export function fromHeaders(headers: Record<string, string>): Sign {
  if (headers['x-shopid'] || headers['x-shopify-stage'] || /shopify/i.test(headers['powered-by'] ?? '')) {
    return { platform: 'shopify', evidence: 'Shopify response headers' };
  }
  if (/PrestaShop-[0-9a-f]{6,}/i.test(headers['set-cookie'] ?? '')) return { platform: 'prestashop', evidence: 'PrestaShop session cookie' };
  return undefined;
}

export function fromMarkup(html: string): Sign {
  if (/cdn\.shopify\.com|Shopify\.theme\s*=|\.myshopify\.com/i.test(html)) return { platform: 'shopify', evidence: 'Shopify assets in the page' };
  const wordpress = /rel=["']https:\/\/api\.w\.org\/["']/i.test(html);
  if (wordpress && /woocommerce|wc-block|wc_add_to_cart|\/wc-ajax/i.test(html)) return { platform: 'woocommerce', evidence: 'WordPress REST link and WooCommerce markup' };
  if (/<meta[^>]+name=["']generator["'][^>]+content=["']PrestaShop|var prestashop\s*=|prestashop\s*=\s*\{|\/modules\/ps_[a-z_]+\/|\/themes\/classic\/assets\//i.test(html)) {
    return { platform: 'prestashop', evidence: 'PrestaShop markup' };
  }
  return undefined;
}

interface Probe {
  platform: Platform;
  test(http: HttpClient, base: string): Promise<string | undefined>;
}

const PROBES: Probe[] = [
  {
    platform: 'shopify',
    async test(http, base) {
      const res = await http.request<{ products?: unknown }>({ url: `${base}products.json`, query: { limit: 1 }, maxBytes: 2 * 1024 * 1024, acceptStatuses: [401, 403, 404] }).catch(ignoreFormat);
      if (!res) return undefined;
      if (fromHeaders(res.headers)?.platform === 'shopify') return 'Shopify response headers on products.json';
      return res.status === 200 && Array.isArray(res.data?.products) ? 'products.json lists products' : undefined;
    },
  },
  {
    platform: 'woocommerce',
    async test(http, base) {
      const res = await http.request({ url: `${base}wp-json/wc/store/v1/products`, query: { per_page: 1 }, maxBytes: 2 * 1024 * 1024 }).catch(ignoreFormat);
      return res && Array.isArray(res.data) ? 'Store API answers JSON' : undefined;
    },
  },
  {
    platform: 'prestashop',
    async test(http, base) {
      const res = await http.request({ url: `${base}api/`, responseType: 'text', acceptStatuses: [401], maxBytes: 256 * 1024 }).catch(ignoreFormat);
      if (!res) return undefined;
      return /PrestaShop/i.test(res.headers['www-authenticate'] ?? '') ? 'Webservice asks for a PrestaShop key' : undefined;
    },
  },
];

/** A probe answered by something else (404, an HTML page…) is simply not that platform. */
function ignoreFormat(e: unknown): undefined {
  if (isConnectorError(e) && e.kind !== 'blocked' && e.kind !== 'forbidden_address') return undefined;
  throw e;
}
