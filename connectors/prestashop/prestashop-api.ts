import type { ConnectorContext, ShopSource } from '../core/connector';
import { ConnectorError } from '../core/errors';
import type { HttpClient } from '../core/http-client';

type Query = Record<string, string | number | undefined>;

/**
 * The webservice at `{shop}/api/`: the key goes as the Basic-auth user with an empty
 * password (never in the URL, where logs and referrers could keep it), answers in JSON.
 */
export class PrestashopApi {
  readonly shopUrl: string;

  constructor(
    private readonly http: HttpClient,
    shopUrl: string,
    private readonly apiKey: string,
    private readonly signal?: AbortSignal,
  ) {
    this.shopUrl = shopUrl;
  }

  static open(source: ShopSource, ctx: ConnectorContext): PrestashopApi {
    const apiKey = (source.credentials?.apiKey ?? '').trim();
    if (!apiKey) throw new ConnectorError('invalid_source', 'PrestaShop webservice key missing');
    return new PrestashopApi(ctx.http, shopBaseUrl(source.url), apiKey, ctx.signal);
  }

  /** One JSON document, e.g. `categories/12` → `{ category: {…} }`. */
  async get(path: string, query: Query = {}): Promise<unknown> {
    if (this.signal?.aborted) throw new ConnectorError('timeout', 'Read cancelled');
    const res = await this.http.request<unknown>({
      url: `${this.shopUrl}api/${path}`,
      query: { ...query, output_format: 'JSON' },
      auth: { username: this.apiKey, password: '' },
      headers: { Accept: 'application/json' },
    });
    return res.data;
  }

  /**
   * A list resource. PrestaShop answers an empty list with `[]` instead of
   * `{"products": []}`; anything that is neither is not the webservice talking.
   */
  async list<T>(resource: string, query: Query = {}): Promise<T[]> {
    const data = await this.get(resource, query);
    if (Array.isArray(data) && data.length === 0) return [];
    const items = data && typeof data === 'object' ? (data as Record<string, unknown>)[resource] : undefined;
    if (Array.isArray(items)) return items.filter((i): i is T => !!i && typeof i === 'object');
    throw new ConnectorError('bad_format', `Unexpected answer for /api/${resource}: no "${resource}" list`);
  }

  /**
   * Resources the key may read, from the root listing. Its XML form carries the
   * permissions (`get="true"`); a JSON root only names the resources the key reaches.
   */
  async readableResources(): Promise<Set<string>> {
    if (this.signal?.aborted) throw new ConnectorError('timeout', 'Read cancelled');
    const res = await this.http.request({
      url: `${this.shopUrl}api/`,
      auth: { username: this.apiKey, password: '' },
      responseType: 'text',
    });
    return parseResourceList(String(res.data ?? ''));
  }
}

export function parseResourceList(body: string): Set<string> {
  const text = body.trim();
  if (text.startsWith('[') || text.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      throw new ConnectorError('bad_format', 'Malformed JSON resource list from /api/');
    }
    const names = Array.isArray(data) ? data : Object.values(data as object);
    return new Set(names.filter((n): n is string => typeof n === 'string'));
  }
  if (!/<prestashop[\s>]/i.test(text) || !/<api[\s>]/i.test(text)) {
    throw new ConnectorError('bad_format', 'The /api/ address did not answer with the PrestaShop resource list', {
      bodySnippet: text.slice(0, 200),
    });
  }
  const readable = new Set<string>();
  for (const m of text.matchAll(/<([a-z_]+)\s+xlink:href="[^"]*"([^>]*)>/gi)) {
    if (/\bget="true"/i.test(m[2])) readable.add(m[1]);
  }
  return readable;
}

/**
 * Where the shop lives, whatever the merchant pasted: the home page, a page of the shop,
 * a language home ("/fr/") or the webservice address itself ("/api/"). Shops installed in
 * a folder keep it, since the webservice lives under that folder too.
 */
export function shopBaseUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new ConnectorError('invalid_source', 'Shop URL is not a valid URL');
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new ConnectorError('invalid_source', 'Shop URL must be http(s)');
  u.search = '';
  u.hash = '';
  u.username = '';
  u.password = '';
  let path = u.pathname.replace(/\/api(\/.*)?$/i, '/');
  path = path.replace(/\/[^/]*\.[a-z0-9]+$/i, '/');
  if (!path.endsWith('/')) path += '/';
  // PrestaShop's language prefixes: the webservice is not under them.
  path = path.replace(/\/[a-z]{2}\/$/i, '/');
  u.pathname = path;
  return u.toString();
}
