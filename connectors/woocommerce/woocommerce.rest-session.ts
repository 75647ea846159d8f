import { ConnectorError, isConnectorError } from '../core/errors';
import type { HttpClient, HttpResponse } from '../core/http-client';
import { DIAGNOSIS, restErrorOf, WooCommerceError } from './woocommerce.errors';

type Query = Record<string, string | number | boolean | undefined>;

/**
 * Authenticated GETs to the REST API v3. Keys go in HTTP Basic first, as WooCommerce
 * recommends over HTTPS. Many shared hosts drop the Authorization header before PHP sees it,
 * so WooCommerce answers as if no key were sent; then the same request is tried once with
 * `consumer_key`/`consumer_secret` in the query, and if that works the rest of the run keeps
 * using query keys. Keys never appear in what leaves this class: the HTTP client redacts
 * them from error messages, and response URLs are not passed on.
 */
export class WooRestSession {
  private queryKeys = false;

  constructor(
    private readonly http: HttpClient,
    private readonly key: string,
    private readonly secret: string,
    private readonly log?: (message: string) => void,
    private readonly signal?: AbortSignal,
  ) {}

  /** True once the shop proved it never receives the Authorization header. */
  get usesQueryKeys(): boolean {
    return this.queryKeys;
  }

  async get<T>(url: string, query: Query): Promise<HttpResponse<T>> {
    if (this.queryKeys) return this.withQueryKeys<T>(url, query);
    try {
      return await this.http.request<T>({ url, query, signal: this.signal, auth: { username: this.key, password: this.secret } });
    } catch (e) {
      if (!isUnauthorized(e)) throw e;
      const refusal = refusalOfReceivedKey(e);
      if (refusal) throw refusal;
      const res = await this.withQueryKeys<T>(url, query);
      this.queryKeys = true;
      this.log?.(`woocommerce: Authorization header not received by the shop; keys now sent as query parameters. ${DIAGNOSIS.headerStripped}`);
      return res;
    }
  }

  private async withQueryKeys<T>(url: string, query: Query): Promise<HttpResponse<T>> {
    try {
      return await this.http.request<T>({ url, query: { ...query, consumer_key: this.key, consumer_secret: this.secret }, signal: this.signal });
    } catch (e) {
      if (!isUnauthorized(e)) throw e;
      throw refusalOfReceivedKey(e) ?? new WooCommerceError('auth_refused', 'WooCommerce refused the consumer key (Basic and query string)', DIAGNOSIS.keysRefused, safeExtra(e));
    }
  }
}

function isUnauthorized(e: unknown): e is ConnectorError {
  return isConnectorError(e) && e.kind === 'auth_refused' && e.extra.status === 401;
}

/** A 401 that proves the key arrived (wrong secret, no read right): retrying elsewhere is pointless. */
function refusalOfReceivedKey(e: ConnectorError): WooCommerceError | undefined {
  const { message = '' } = restErrorOf(e);
  if (/secret/i.test(message)) return new WooCommerceError('auth_refused', 'WooCommerce: consumer secret is invalid', DIAGNOSIS.secretInvalid, safeExtra(e));
  if (/permission/i.test(message)) return new WooCommerceError('auth_refused', 'WooCommerce: the key has no read permission', DIAGNOSIS.noReadPermission, safeExtra(e));
  return undefined;
}

/** The error body is WooCommerce's, never ours: it cannot hold the keys, but keep only its head. */
function safeExtra(e: ConnectorError): ConnectorError['extra'] {
  return { status: e.extra.status, url: e.extra.url, bodySnippet: e.extra.bodySnippet?.slice(0, 200) };
}
