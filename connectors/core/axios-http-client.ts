import axios, { AxiosError, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { AddressPolicy, checkUrlHost, createAgents, FORBIDDEN_ADDRESS_CODE, isForbiddenAddress } from './address-guard';
import { bodyError, capStream, decodeText, readAll, readHead, tooLarge } from './body-reader';
import { ConnectorError } from './errors';
import { DEFAULT_USER_AGENT, HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './http-client';
import { RequestLimiter } from './request-limiter';
import { classifyStatus, detectChallenge, htmlInsteadOfJson, looksLikeHtml, redact } from './response-inspector';

// Kept importable from here: connectors and the sync engine already use these names.
export { classifyStatus, parseRetryAfter, redact } from './response-inspector';

export const HTTP_DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
  retries: 3,
  retryBaseDelayMs: 500,
  maxRetryAfterMs: 60_000,
  concurrency: 2,
  requestsPerSecond: 5,
};

/** Longest backoff between two attempts, whatever the attempt number. */
const MAX_BACKOFF_MS = 30_000;
/** How much of an error page is read to classify it. */
const ERROR_BODY_BYTES = 64 * 1024;
const RETRIED_KINDS = new Set(['unreachable', 'timeout', 'rate_limited', 'server_error']);

export type ClosableHttpClient = HttpClient & {
  /** Frees kept-alive sockets (end of a sync run, end of a test). */
  close(): void;
};

/**
 * Tests only: the address rule, so a test can open exactly one loopback address and show
 * that a redirect or a DNS answer pointing anywhere else is refused. Production passes nothing.
 */
export interface TestSeams {
  isForbiddenAddress?: AddressPolicy;
}

/**
 * Creates the hardened client a connector uses for one shop: SSRF guard at connection
 * time, connect and total timeouts, size cap on every body, bounded redirects, retries
 * with backoff, and per-shop politeness. Every failure is a classified ConnectorError.
 */
export function createHttpClient(options: HttpClientOptions, seams: TestSeams = {}): ClosableHttpClient {
  const opts = { ...HTTP_DEFAULTS, ...stripUndefined(options), allowPrivateHosts: options.allowPrivateHosts === true };
  const forbidden = seams.isForbiddenAddress ?? isForbiddenAddress;
  const { httpAgent, httpsAgent } = createAgents(opts.allowPrivateHosts, forbidden);
  const limiter = new RequestLimiter(opts.concurrency, opts.requestsPerSecond);
  const instance = axios.create({
    httpAgent,
    httpsAgent,
    // Environment proxies would bypass the address guard.
    proxy: false,
    maxRedirects: opts.maxRedirects,
    decompress: true,
    validateStatus: () => true,
    responseType: 'stream',
    transformResponse: (d) => d,
    maxContentLength: -1,
    maxBodyLength: 10 * 1024 * 1024,
    headers: { 'User-Agent': opts.userAgent ?? DEFAULT_USER_AGENT, 'Accept-Encoding': 'gzip, deflate, br' },
  });

  async function request(req: HttpRequest): Promise<HttpResponse<unknown>> {
    const url = buildUrl(req);
    checkUrlHost(url, opts.allowPrivateHosts, forbidden);
    for (let attempt = 0; ; attempt++) {
      try {
        return await attemptOnce(req, url.toString());
      } catch (e) {
        const err = e instanceof ConnectorError ? e : classifyTransportError(e, url.toString());
        if (!RETRIED_KINDS.has(err.kind) || attempt >= opts.retries || req.signal?.aborted) throw err;
        const retryAfter = err.extra.retryAfterMs;
        // A shop asking for a long pause is obeyed by stopping, not by holding a sync slot.
        if (retryAfter !== undefined && retryAfter > opts.maxRetryAfterMs) throw err;
        await sleep(retryAfter ?? backoff(opts.retryBaseDelayMs, attempt), req.signal);
      }
    }
  }

  async function attemptOnce(req: HttpRequest, url: string): Promise<HttpResponse<unknown>> {
    const target = redact(url);
    const responseType = req.responseType ?? 'json';
    const maxBytes = req.maxBytes ?? opts.maxBytes;
    const totalMs = req.timeoutMs ?? opts.totalTimeoutMs;
    const connectMs = Math.min(opts.connectTimeoutMs, totalMs);
    const cancelled = () => new ConnectorError('timeout', `Reading ${target} was cancelled`, { url: target });
    const release = await limiter.acquire(req.signal).catch(() => Promise.reject(cancelled()));

    const controller = new AbortController();
    let body: Readable | undefined;
    let failure: ConnectorError | undefined;
    const fail = (err: ConnectorError) => {
      failure ??= err;
      // The body first: its own error handler would otherwise see the abort as a cut connection.
      body?.destroy(failure);
      controller.abort(failure);
    };
    const connectTimer = setTimeout(
      () => fail(new ConnectorError('timeout', `No answer from ${target} within ${seconds(connectMs)} (connection or response headers)`, { url: target })),
      connectMs,
    );
    const totalTimer = setTimeout(
      () => fail(new ConnectorError('timeout', `The answer from ${target} took longer than ${seconds(totalMs)} to arrive in full`, { url: target })),
      totalMs,
    );
    const onCallerAbort = () => fail(cancelled());
    req.signal?.addEventListener('abort', onCallerAbort, { once: true });
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      clearTimeout(connectTimer);
      clearTimeout(totalTimer);
      req.signal?.removeEventListener('abort', onCallerAbort);
      release();
    };

    try {
      let res: AxiosResponse<Readable>;
      try {
        res = await instance.request<Readable>({
          url,
          method: req.method ?? 'GET',
          data: req.body,
          headers: { Accept: acceptFor(responseType), ...req.headers },
          auth: req.auth,
          signal: controller.signal,
        });
      } catch (e) {
        throw failure ?? classifyTransportError(e, url);
      }
      clearTimeout(connectTimer);
      const headers = lowerCaseHeaders(res.headers);
      const finalUrl = (res.request?.res?.responseUrl as string | undefined) ?? url;
      body = capStream(res.data, maxBytes, target);
      if (failure) throw failure;

      const accepted = req.acceptStatuses ?? [];
      if (!(res.status >= 200 && res.status < 300) && !accepted.includes(res.status)) {
        const text = decodeText(await readHead(body, ERROR_BODY_BYTES), headers['content-type']);
        throw classifyStatus(res.status, headers, text, target);
      }
      const declared = Number(headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(target, maxBytes);

      if (responseType === 'stream') {
        // The slot and the total timeout stay with the stream until the caller is done with it.
        body.once('close', finish);
        return { status: res.status, headers, url: finalUrl, data: body };
      }
      const text = decodeText(await readAll(body).catch((e) => Promise.reject(failure ?? bodyError(e, target))), headers['content-type']);
      if (responseType === 'text') {
        const waf = res.status < 300 && looksLikeHtml(headers, text) ? detectChallenge(res.status, headers, text, true) : undefined;
        if (waf) throw new ConnectorError('blocked', `${waf} security check answered instead of ${target}`, { status: res.status, url: target });
        return { status: res.status, headers, url: finalUrl, data: text };
      }
      return { status: res.status, headers, url: finalUrl, data: parseJson(res.status, headers, text, target) };
    } catch (e) {
      body?.destroy();
      throw e;
    } finally {
      if (responseType !== 'stream' || !body || body.destroyed) finish();
    }
  }

  return {
    request: request as HttpClient['request'],
    close() {
      httpAgent.destroy();
      httpsAgent.destroy();
    },
  };
}

function parseJson(status: number, headers: Record<string, string>, text: string, target: string): unknown {
  if (text.trim() === '') {
    if (status === 204 || status === 304 || status >= 300) return null;
    throw new ConnectorError('bad_format', `Empty answer where JSON was expected from ${target}`, { status, url: target });
  }
  try {
    return JSON.parse(text);
  } catch {
    if (looksLikeHtml(headers, text) || /^\s*</.test(text)) throw htmlInsteadOfJson(status, headers, text, target);
    throw new ConnectorError('bad_format', `Malformed JSON from ${target}`, { status, url: target, bodySnippet: text.slice(0, 200) });
  }
}

/** Transport failures (no usable answer) → classified errors with readable messages. */
export function classifyTransportError(e: unknown, url: string): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const err = e as AxiosError & { cause?: unknown };
  if (err?.cause instanceof ConnectorError) return err.cause;
  const code = err?.code ?? (err?.cause as NodeJS.ErrnoException | undefined)?.code ?? '';
  const target = redact(url);
  const extra = { url: target };
  if (code === FORBIDDEN_ADDRESS_CODE) return new ConnectorError('forbidden_address', `Refused to connect to ${target}: not a public Internet address`, extra);
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') return new ConnectorError('bad_format', `Too many redirects (a loop?) starting at ${target}`, extra);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new ConnectorError('unreachable', `Host name of ${target} does not resolve (${code})`, extra);
  if (code === 'ECONNREFUSED') return new ConnectorError('unreachable', `${target} refused the connection`, extra);
  if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') return new ConnectorError('timeout', `Connecting to ${target} timed out`, extra);
  if (/CERT|SSL|TLS|EPROTO/i.test(code)) return new ConnectorError('unreachable', `Secure connection to ${target} failed (${code})`, extra);
  if (code === 'ERR_INVALID_URL' || code === 'ERR_BAD_OPTION_VALUE') return new ConnectorError('invalid_source', `Invalid address ${target}`, extra);
  return new ConnectorError('unreachable', `Cannot reach ${target} (${code || 'connection failed'})`, extra);
}

function buildUrl(req: HttpRequest): URL {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    throw new ConnectorError('invalid_source', 'Invalid address (not an absolute http(s) URL)');
  }
  for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));
  return url;
}

function acceptFor(responseType: string): string {
  return responseType === 'json' ? 'application/json, text/plain;q=0.5, */*;q=0.1' : '*/*';
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = raw && typeof (raw as { toJSON?: unknown }).toJSON === 'function' ? Object.entries((raw as { toJSON(): object }).toJSON()) : Object.entries(raw ?? {});
  for (const [k, v] of entries) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** Exponential backoff with jitter: attempt n waits between ½ and 1 × base·2ⁿ. */
export function backoff(baseMs: number, attempt: number): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** attempt);
  return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const onAbort = () => (clearTimeout(t), resolve());
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function seconds(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
