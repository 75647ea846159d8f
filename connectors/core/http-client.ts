import type { Readable } from 'node:stream';

export interface HttpRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** Appended to the URL's own query; undefined values are dropped. */
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** HTTP Basic credentials. Never logged. */
  auth?: { username: string; password: string };
  /** json: parsed body (bad JSON is a `bad_format` error); text: decoded string; stream: raw bytes. */
  responseType?: 'json' | 'text' | 'stream';
  /** Statuses returned to the caller instead of thrown (e.g. 304 for a conditional GET). */
  acceptStatuses?: number[];
  /** Overrides the client's response size cap for this request. */
  maxBytes?: number;
  /** Overrides the client's total timeout for this request. */
  timeoutMs?: number;
  /** Cancels the request (and its retries), e.g. when a sync run is stopped. */
  signal?: AbortSignal;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  data: T;
  /** The URL finally answered, after redirects. */
  url: string;
}

/**
 * The one way connectors reach a merchant's shop. Implementations enforce timeouts,
 * size caps, retries, politeness and the private-address guard; failures are thrown as
 * classified `ConnectorError`s.
 */
export interface HttpClient {
  request<T = unknown>(req: HttpRequest & { responseType?: 'json' }): Promise<HttpResponse<T>>;
  request(req: HttpRequest & { responseType: 'text' }): Promise<HttpResponse<string>>;
  request(req: HttpRequest & { responseType: 'stream' }): Promise<HttpResponse<Readable>>;
}

export interface HttpClientOptions {
  /** Allow loopback, private, link-local and metadata addresses (demo and tests only). */
  allowPrivateHosts: boolean;
  userAgent?: string;
  /** Time to establish a connection and receive response headers. */
  connectTimeoutMs?: number;
  /** Time for the whole response, body included. */
  totalTimeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Attempts after the first one for retriable failures. */
  retries?: number;
  /** Base delay of the exponential backoff. */
  retryBaseDelayMs?: number;
  /** Longest wait honoured from a Retry-After header; longer waits fail the request as rate limited. */
  maxRetryAfterMs?: number;
  /**
   * Politeness, per client (one client per shop): requests in flight (default 2) and
   * request starts per second (default 5; 0 or Infinity: no spacing).
   */
  concurrency?: number;
  requestsPerSecond?: number;
}

export const DEFAULT_USER_AGENT = 'VitrinesBot/1.0 (+https://vitrines.example/robot; catalogue de commerces locaux)';
