import axios, { AxiosError, AxiosResponse } from 'axios';
import type { Readable } from 'node:stream';
import { ConnectorError } from './errors';
import { DEFAULT_USER_AGENT, HttpClient, HttpClientOptions, HttpRequest, HttpResponse } from './http-client';

const DEFAULTS = {
  connectTimeoutMs: 10_000,
  totalTimeoutMs: 60_000,
  maxBytes: 20 * 1024 * 1024,
  maxRedirects: 5,
};

/** Creates the hardened client a connector uses for one shop. */
export function createHttpClient(options: HttpClientOptions): HttpClient {
  const opts = { ...DEFAULTS, ...options };
  const instance = axios.create({
    maxRedirects: opts.maxRedirects,
    decompress: true,
    validateStatus: () => true,
    headers: { 'User-Agent': opts.userAgent ?? DEFAULT_USER_AGENT, 'Accept-Encoding': 'gzip, deflate, br' },
  });

  async function request(req: HttpRequest): Promise<HttpResponse<any>> {
    const responseType = req.responseType ?? 'json';
    const maxBytes = req.maxBytes ?? opts.maxBytes;
    let res: AxiosResponse;
    try {
      res = await instance.request({
        url: req.url,
        method: req.method ?? 'GET',
        params: req.query ? Object.fromEntries(Object.entries(req.query).filter(([, v]) => v !== undefined)) : undefined,
        data: req.body,
        headers: req.headers,
        auth: req.auth,
        timeout: req.timeoutMs ?? opts.totalTimeoutMs,
        maxContentLength: maxBytes,
        maxBodyLength: maxBytes,
        responseType: responseType === 'stream' ? 'stream' : 'text',
        transformResponse: (d) => d,
      });
    } catch (e) {
      throw classifyTransportError(e, req.url);
    }
    const headers = Object.fromEntries(Object.entries(res.headers ?? {}).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const finalUrl = (res.request?.res?.responseUrl as string | undefined) ?? req.url;
    if (!(res.status >= 200 && res.status < 300) && !(req.acceptStatuses ?? []).includes(res.status)) {
      if (responseType === 'stream') (res.data as Readable).destroy();
      throw classifyStatus(res.status, headers, typeof res.data === 'string' ? res.data : '', req.url);
    }
    if (responseType === 'json' && res.status !== 304) {
      return { status: res.status, headers, url: finalUrl, data: parseJson(res.data as string, headers, req.url) };
    }
    return { status: res.status, headers, url: finalUrl, data: res.data };
  }

  return { request } as HttpClient;
}

function parseJson(body: string, headers: Record<string, string>, url: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    if (/text\/html/i.test(headers['content-type'] ?? '') || /^\s*</.test(body)) {
      throw new ConnectorError('bad_format', `HTML page received instead of JSON from ${redact(url)}`, { url: redact(url), bodySnippet: body.slice(0, 200) });
    }
    throw new ConnectorError('bad_format', `Malformed JSON from ${redact(url)}`, { url: redact(url) });
  }
}

export function classifyStatus(status: number, headers: Record<string, string>, body: string, url: string): ConnectorError {
  const extra = { status, url: redact(url), bodySnippet: body.slice(0, 300) };
  if (status === 401 || status === 403) return new ConnectorError('auth_refused', `HTTP ${status} from ${redact(url)}`, extra);
  if (status === 404 || status === 410) return new ConnectorError('not_found', `HTTP ${status} from ${redact(url)}`, extra);
  if (status === 429) return new ConnectorError('rate_limited', `HTTP 429 from ${redact(url)}`, { ...extra, retryAfterMs: parseRetryAfter(headers['retry-after']) });
  if (status >= 500) return new ConnectorError('server_error', `HTTP ${status} from ${redact(url)}`, extra);
  return new ConnectorError('bad_format', `Unexpected HTTP ${status} from ${redact(url)}`, extra);
}

export function classifyTransportError(e: unknown, url: string): ConnectorError {
  if (e instanceof ConnectorError) return e;
  const err = e as AxiosError;
  const code = err.code ?? '';
  const target = redact(url);
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(err.message)) {
    return new ConnectorError('timeout', `No complete answer from ${target} in time`, { url: target });
  }
  if (code === 'ERR_BAD_RESPONSE' && /maxContentLength|maxBodyLength/i.test(err.message)) {
    return new ConnectorError('too_large', `Response from ${target} exceeds the size limit`, { url: target });
  }
  if (/maxContentLength|maxBodyLength/i.test(err.message)) {
    return new ConnectorError('too_large', `Response from ${target} exceeds the size limit`, { url: target });
  }
  if (code === 'ERR_FR_TOO_MANY_REDIRECTS') return new ConnectorError('bad_format', `Too many redirects from ${target}`, { url: target });
  return new ConnectorError('unreachable', `Cannot reach ${target}: ${code || err.message}`, { url: target });
}

/** Retry-After as milliseconds: either delay-seconds or an HTTP date. */
export function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/** The URL without query values that may carry keys, for logs and error messages. */
export function redact(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    for (const key of [...u.searchParams.keys()]) {
      if (/key|secret|token|password|signature/i.test(key)) u.searchParams.set(key, '***');
    }
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
