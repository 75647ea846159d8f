import type { ConnectorContext } from '../core/connector';
import { ConnectorError } from '../core/errors';
import type { GraphqlError, GraphqlResponse, QueryCost } from './shopify.types';
import { ADMIN_API_VERSION } from './shopify.queries';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GraphqlClientOptions {
  /** How long we are willing to wait for the cost bucket before giving up as rate limited. */
  maxWaitMs?: number;
  /** Retries of a THROTTLED answer before the read fails as rate limited. */
  maxThrottleRetries?: number;
  sleep?: Sleep;
  now?: () => number;
}

/** The query asked for more than Shopify allows in one request; ask for fewer items. */
export class QueryTooCostlyError extends Error {}

/**
 * Admin GraphQL calls for one read. Shopify meters calls by calculated cost with a leaky
 * bucket: every answer tells how full the bucket is, so we wait *before* a request that
 * would not fit rather than being throttled, and when throttled anyway we wait for the
 * bucket to refill by the requested cost and try again.
 */
export class ShopifyGraphqlClient {
  private readonly endpoint: string;
  private readonly maxWaitMs: number;
  private readonly maxThrottleRetries: number;
  private readonly sleep: Sleep;
  private readonly now: () => number;
  /** Bucket level at the last answer, and when it was read. */
  private bucket?: { available: number; restoreRate: number; maximum: number; at: number };
  /** Requested cost last seen per document, our best estimate of the next call's cost. */
  private readonly lastCost = new Map<string, number>();

  constructor(
    shopBase: string,
    private readonly accessToken: string,
    private readonly ctx: ConnectorContext,
    options: GraphqlClientOptions = {},
  ) {
    this.endpoint = new URL(`admin/api/${ADMIN_API_VERSION}/graphql.json`, shopBase).toString();
    this.maxWaitMs = options.maxWaitMs ?? 60_000;
    this.maxThrottleRetries = options.maxThrottleRetries ?? 5;
    this.sleep = options.sleep ?? abortableSleep;
    this.now = options.now ?? Date.now;
  }

  async query<T>(document: string, variables: Record<string, unknown>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForBucket(this.lastCost.get(document));
      this.ctx.signal?.throwIfAborted();
      const res = await this.ctx.http.request<GraphqlResponse<T>>({
        url: this.endpoint,
        method: 'POST',
        headers: { 'X-Shopify-Access-Token': this.accessToken, 'Content-Type': 'application/json', Accept: 'application/json' },
        body: { query: document, variables },
        signal: this.ctx.signal,
      });
      const body = res.data;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ConnectorError('bad_format', 'GraphQL answer is not a JSON object', { url: this.endpoint });
      }
      const cost = body.extensions?.cost;
      this.remember(document, cost);
      const errors = errorList(body.errors);
      if (errors.some((e) => codeOf(e) === 'THROTTLED' || /throttled/i.test(e.message ?? ''))) {
        if (attempt >= this.maxThrottleRetries) {
          throw new ConnectorError('rate_limited', `Still throttled after ${attempt + 1} attempts`, { url: this.endpoint });
        }
        await this.sleepBounded(this.throttleWaitMs(cost, attempt));
        continue;
      }
      if (errors.some((e) => codeOf(e) === 'ACCESS_DENIED' || codeOf(e) === 'UNAUTHORIZED')) {
        throw new ConnectorError('auth_refused', `GraphQL access denied: ${messages(errors)}`, { url: this.endpoint });
      }
      if (errors.some((e) => codeOf(e) === 'MAX_COST_EXCEEDED')) throw new QueryTooCostlyError(messages(errors));
      if (errors.length && (body.data === null || body.data === undefined)) {
        throw new ConnectorError('bad_format', `GraphQL errors: ${messages(errors)}`, { url: this.endpoint });
      }
      if (body.data === null || body.data === undefined) {
        throw new ConnectorError('bad_format', 'GraphQL answer without data', { url: this.endpoint });
      }
      if (errors.length) this.ctx.log?.(`Shopify answered with partial errors: ${messages(errors)}`);
      return body.data;
    }
  }

  private remember(document: string, cost: QueryCost | undefined): void {
    if (!cost) return;
    if (typeof cost.requestedQueryCost === 'number' && cost.requestedQueryCost > 0) this.lastCost.set(document, cost.requestedQueryCost);
    const t = cost.throttleStatus;
    if (t && typeof t.currentlyAvailable === 'number' && typeof t.restoreRate === 'number' && t.restoreRate > 0) {
      this.bucket = {
        available: t.currentlyAvailable,
        restoreRate: t.restoreRate,
        maximum: typeof t.maximumAvailable === 'number' ? t.maximumAvailable : Infinity,
        at: this.now(),
      };
    }
  }

  /** Waits until the bucket, refilling since the last answer, can pay for the next call. */
  private async waitForBucket(expectedCost: number | undefined): Promise<void> {
    if (!this.bucket || !expectedCost) return;
    const { available, restoreRate, maximum, at } = this.bucket;
    const needed = Math.min(expectedCost, maximum);
    const refilled = Math.min(maximum, available + ((this.now() - at) / 1000) * restoreRate);
    if (refilled >= needed) return;
    await this.sleepBounded(Math.ceil(((needed - refilled) / restoreRate) * 1000));
  }

  private throttleWaitMs(cost: QueryCost | undefined, attempt: number): number {
    const t = cost?.throttleStatus;
    const requested = cost?.requestedQueryCost;
    if (t && typeof requested === 'number' && typeof t.currentlyAvailable === 'number' && typeof t.restoreRate === 'number' && t.restoreRate > 0) {
      return Math.max(100, Math.ceil(((requested - t.currentlyAvailable) / t.restoreRate) * 1000));
    }
    return 1000 * 2 ** attempt;
  }

  private async sleepBounded(ms: number): Promise<void> {
    if (ms > this.maxWaitMs) {
      throw new ConnectorError('rate_limited', `Shopify asks to wait ${ms} ms, more than we allow`, { url: this.endpoint, retryAfterMs: ms });
    }
    this.ctx.log?.(`Shopify cost bucket low: waiting ${ms} ms`);
    await this.sleep(ms, this.ctx.signal);
  }
}

function errorList(errors: GraphqlResponse<unknown>['errors']): GraphqlError[] {
  if (typeof errors === 'string') return [{ message: errors }];
  return Array.isArray(errors) ? errors.filter((e) => typeof e === 'object' && e !== null) : [];
}

function codeOf(e: GraphqlError): string | undefined {
  const code = e.extensions?.code;
  return typeof code === 'string' ? code.toUpperCase() : undefined;
}

function messages(errors: GraphqlError[]): string {
  return errors
    .map((e) => String(e.message ?? codeOf(e) ?? 'unknown'))
    .join('; ')
    .slice(0, 500);
}

export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
