import type { Readable } from 'node:stream';
import { ClosableHttpClient, createHttpClient } from '../../connectors/core/axios-http-client';
import { isForbiddenAddress } from '../../connectors/core/address-guard';
import { ConnectorError } from '../../connectors/core/errors';
import type { HttpClientOptions } from '../../connectors/core/http-client';
import { FaultServer, startFaultServer } from '../servers/fault-server';

// Real: node:http server on 127.0.0.1, sockets, DNS for "localhost", gzip, redirects.
// Shortened: timeouts and backoff delays, so the faults show up in milliseconds.

let server: FaultServer;
const clients: ClosableHttpClient[] = [];

function client(overrides: Partial<HttpClientOptions> = {}, seams = {}): ClosableHttpClient {
  const c = createHttpClient(
    {
      allowPrivateHosts: true,
      connectTimeoutMs: 1000,
      totalTimeoutMs: 2000,
      retries: 3,
      retryBaseDelayMs: 5,
      maxRetryAfterMs: 2000,
      requestsPerSecond: 1000,
      ...overrides,
    },
    seams,
  );
  clients.push(c);
  return c;
}

async function failure(p: Promise<unknown>): Promise<ConnectorError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConnectorError);
    return e as ConnectorError;
  }
  throw new Error('expected the request to fail');
}

async function drain(stream: Readable): Promise<number> {
  let n = 0;
  for await (const chunk of stream) n += (chunk as Buffer).length;
  return n;
}

beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  clients.forEach((c) => c.close());
  await server.close();
});

describe('HTTP client against a misbehaving shop', () => {
  it('reads JSON, sends its User-Agent, decompresses gzip and decodes Latin-1', async () => {
    const http = client();
    const res = await http.request<{ ok: boolean; query: Record<string, string> }>({ url: `${server.url}/ok`, query: { page: 2, skip: undefined } });
    expect(res.data).toEqual({ ok: true, query: { page: '2' } });
    const echo = await http.request<{ headers: Record<string, string> }>({ url: `${server.url}/echo-headers` });
    expect(echo.data.headers['user-agent']).toMatch(/^VitrinesBot\//);
    expect(echo.data.headers['accept-encoding']).toMatch(/gzip/);
    expect((await http.request({ url: `${server.url}/gzip` })).data).toEqual({ compressed: true });
    expect((await http.request({ url: `${server.url}/latin1`, responseType: 'text' })).data).toBe('Crème brûlée');
  });

  it('waits as asked by a 429 Retry-After, then succeeds', async () => {
    const res = await client().request<{ hits: number }>({ url: `${server.url}/rate-limited`, query: { times: 1, after: 0 } });
    expect(res.data.hits).toBe(2);
    expect(server.hits('/rate-limited')).toBe(2);
  });

  it('gives up at once when Retry-After is beyond the cap, as rate_limited', async () => {
    const before = server.hits('/rate-limited');
    const err = await failure(client({ maxRetryAfterMs: 1000 }).request({ url: `${server.url}/rate-limited`, query: { times: 99, after: 3600 } }));
    expect(err.kind).toBe('rate_limited');
    expect(err.extra.retryAfterMs).toBe(3_600_000);
    expect(server.hits('/rate-limited') - before).toBe(1);
  });

  it('retries intermittent 500/503 and succeeds', async () => {
    const res = await client().request<{ ok: boolean; hits: number }>({ url: `${server.url}/flaky`, query: { fail: 2 } });
    expect(res.data).toEqual({ ok: true, hits: 3 });
  });

  it('does not retry 404 nor 403', async () => {
    const http = client();
    expect((await failure(http.request({ url: `${server.url}/not-found` }))).kind).toBe('not_found');
    expect(server.hits('/not-found')).toBe(1);
    expect((await failure(http.request({ url: `${server.url}/forbidden` }))).kind).toBe('auth_refused');
    expect(server.hits('/forbidden')).toBe(1);
  });

  it('times out a server that never sends headers, with a readable message', async () => {
    const err = await failure(client({ connectTimeoutMs: 100, retries: 0 }).request({ url: `${server.url}/slow-headers`, query: { ms: 5000 } }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/No answer from http:\/\/127\.0\.0\.1:\d+\/slow-headers\?ms=5000 within 100 ms/);
  });

  it('times out a body that drips forever (total timeout), buffered and streamed', async () => {
    const http = client({ totalTimeoutMs: 200, retries: 0 });
    const err = await failure(http.request({ url: `${server.url}/slow-body` }));
    expect(err.kind).toBe('timeout');
    expect(err.message).toMatch(/longer than 200 ms/);
    const res = await http.request({ url: `${server.url}/slow-body`, responseType: 'stream' });
    expect((await failure(drain(res.data))).kind).toBe('timeout');
  });

  it('classifies a connection reset mid-body as unreachable, and retries it', async () => {
    const err = await failure(client({ retries: 1 }).request({ url: `${server.url}/reset` }));
    expect(err.kind).toBe('unreachable');
    expect(err.retriable).toBe(true);
    expect(server.hits('/reset')).toBe(2);
    const res = await client().request<{ hits: number }>({ url: `${server.url}/reset-once` });
    expect(res.data.hits).toBe(2);
  });

  it('surfaces a reset on a streamed body as unreachable', async () => {
    const res = await client().request({ url: `${server.url}/reset`, responseType: 'stream' });
    expect((await failure(drain(res.data))).kind).toBe('unreachable');
  });

  it('refuses oversized bodies: JSON with content-length, and a chunked stream', async () => {
    const http = client({ maxBytes: 10_000 });
    const big = await failure(http.request({ url: `${server.url}/big`, query: { bytes: 50_000 } }));
    expect(big.kind).toBe('too_large');
    const res = await http.request({ url: `${server.url}/big-chunked`, query: { bytes: 200_000 }, responseType: 'stream' });
    expect((await failure(drain(res.data))).kind).toBe('too_large');
    // Under the cap the same stream is read whole.
    const small = await http.request({ url: `${server.url}/big-chunked`, query: { bytes: 5_000 }, responseType: 'stream' });
    expect(await drain(small.data)).toBeGreaterThanOrEqual(5_000);
  });

  it('stops a redirect loop', async () => {
    const err = await failure(client({ maxRedirects: 3 }).request({ url: `${server.url}/redirect-loop` }));
    expect(err.kind).toBe('bad_format');
    expect(err.message).toMatch(/redirect/i);
    expect(server.hits('/redirect-loop')).toBe(4);
  });

  it('follows a redirect and reports the final URL', async () => {
    const res = await client().request({ url: `${server.url}/redirect`, query: { to: '/ok' } });
    expect(res.url).toBe(`${server.url}/ok`);
  });

  it('reports malformed JSON, an HTML page and a login page as bad_format', async () => {
    const http = client();
    const malformed = await failure(http.request({ url: `${server.url}/malformed` }));
    expect([malformed.kind, malformed.message]).toEqual(['bad_format', expect.stringMatching(/Malformed JSON/)]);
    const page = await failure(http.request({ url: `${server.url}/html` }));
    expect([page.kind, page.message]).toEqual(['bad_format', expect.stringMatching(/HTML page answered instead of JSON/)]);
    const login = await failure(http.request({ url: `${server.url}/login` }));
    expect([login.kind, login.message]).toEqual(['bad_format', expect.stringMatching(/login page/)]);
  });

  it.each([['/challenge/cloudflare'], ['/challenge/cloudflare-200'], ['/challenge/wordfence'], ['/challenge/captcha']])(
    'recognises the security challenge at %s as blocked, without retrying',
    async (path) => {
      const err = await failure(client().request({ url: `${server.url}${path}` }));
      expect(err.kind).toBe('blocked');
      expect(err.diagnosis).toMatch(/pare-feu/);
      expect(server.hits(path)).toBe(1);
    },
  );

  it('keeps keys out of error messages', async () => {
    const err = await failure(
      client().request({ url: `${server.url}/not-found`, query: { ws_key: 'SECRETKEY123', consumer_secret: 'cs_abc' }, auth: { username: 'u', password: 'pw' } }),
    );
    expect(err.message).not.toMatch(/SECRETKEY123|cs_abc|pw/);
    expect(JSON.stringify(err.extra)).not.toMatch(/SECRETKEY123|cs_abc/);
  });

  it('never has more than `concurrency` requests in flight at the shop', async () => {
    const http = client({ concurrency: 2 });
    const results = await Promise.all(Array.from({ length: 8 }, () => http.request({ url: `${server.url}/hold`, query: { ms: 20 } })));
    expect(results).toHaveLength(8);
    expect(server.maxInFlight()).toBeLessThanOrEqual(2);
  });

  it('lets another shop through while one shop hangs, and cancels on signal', async () => {
    const hanging = client({ concurrency: 1, retries: 0, connectTimeoutMs: 60_000, totalTimeoutMs: 60_000 });
    const stop = new AbortController();
    let settled = 0;
    const stuck = [1, 2].map((i) =>
      failure(hanging.request({ url: `${server.url}/slow-headers`, query: { ms: 60_000, i }, signal: stop.signal })).finally(() => settled++),
    );
    await client().request({ url: `${server.url}/ok` });
    expect(settled).toBe(0);
    stop.abort();
    const errors = await Promise.all(stuck);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/cancelled/), expect.stringMatching(/cancelled/)]);
  });
});

describe('private address guard', () => {
  it('refuses a loopback URL without connecting', async () => {
    const before = server.hits('/ok');
    const err = await failure(client({ allowPrivateHosts: false }).request({ url: `${server.url}/ok` }));
    expect(err.kind).toBe('forbidden_address');
    expect(server.hits('/ok')).toBe(before);
  });

  it('refuses a host name that resolves to loopback (localhost)', async () => {
    const port = new URL(server.url).port;
    const before = server.hits('/ok');
    const err = await failure(client({ allowPrivateHosts: false }).request({ url: `http://localhost:${port}/ok` }));
    expect(err.kind).toBe('forbidden_address');
    expect(server.hits('/ok')).toBe(before);
  });

  it('refuses a redirect to a private address, checked at connection time', async () => {
    // Only 127.0.0.1 (the stand-in "public" shop) is open: the redirect's target is not.
    const seams = { isForbiddenAddress: (a: string) => a !== '127.0.0.1' && isForbiddenAddress(a) };
    const http = client({ allowPrivateHosts: false }, seams);
    expect((await http.request<{ ok: boolean }>({ url: `${server.url}/ok` })).data.ok).toBe(true);
    const port = new URL(server.url).port;
    // Loopback targets only: if the guard ever failed, no packet would leave the machine.
    for (const to of [`http://127.0.0.2:${port}/ok`, `http://[::1]:${port}/ok`, `http://[::ffff:127.0.0.3]:${port}/ok`]) {
      const err = await failure(http.request({ url: `${server.url}/redirect`, query: { to } }));
      expect(err.kind).toBe('forbidden_address');
    }
  });

  it('accepts loopback when allowPrivateHosts is true', async () => {
    const port = new URL(server.url).port;
    const res = await client({ allowPrivateHosts: true }).request<{ ok: boolean }>({ url: `http://localhost:${port}/ok` });
    expect(res.data.ok).toBe(true);
  });
});
