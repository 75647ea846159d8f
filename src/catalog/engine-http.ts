import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/**
 * A lean JSON POST to the engine for the hot search path: node:http with kept-alive
 * sockets costs a fraction of the client library's fetch per request, and every
 * millisecond of our CPU per search comes out of the engine's share of the machine.
 */
export class EngineHttp {
  private readonly url: URL;
  private readonly agent: HttpAgent;
  private readonly send: typeof httpRequest;

  constructor(host: string, private readonly apiKey?: string) {
    this.url = new URL(host);
    const https = this.url.protocol === 'https:';
    this.agent = https ? new HttpsAgent({ keepAlive: true, maxSockets: 64 }) : new HttpAgent({ keepAlive: true, maxSockets: 64 });
    this.send = https ? (httpsRequest as typeof httpRequest) : httpRequest;
  }

  /** The body is sent as a string; the answer, nearly always one chunk, is decoded once. */
  postJson<T>(path: string, body: unknown, timeoutMs = 10_000): Promise<T> {
    return this.post<T>(path, JSON.stringify(body), timeoutMs);
  }

  /** A JSON body already encoded, sent as it is. */
  post<T>(path: string, payload: string | Buffer, timeoutMs = 10_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const req = this.send(
        {
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname.replace(/\/$/, '')}${path}`,
          method: 'POST',
          agent: this.agent,
          timeout: timeoutMs,
          headers: {
            'Content-Type': 'application/json',
            'Content-Length': Buffer.byteLength(payload),
            ...(this.apiKey ? { Authorization: `Bearer ${this.apiKey}` } : {}),
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
            if ((res.statusCode ?? 500) >= 300) return reject(new Error(`Search engine answered ${res.statusCode}: ${text.slice(0, 300)}`));
            try {
              resolve(JSON.parse(text) as T);
            } catch {
              reject(new Error('Search engine answered malformed JSON'));
            }
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`Search engine did not answer within ${timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
