import { Agent, createServer, request, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What any Node.js front costs on these two cores, whatever it does: a bare node:http
 * server that answers each GET of the mix with the multi-search it stands for, sent to
 * the engine over kept-alive sockets. `forward` hands the engine's answer back untouched;
 * `json` parses and re-serialises it, the least a real API must do to reshape hits.
 * Our GET /api/search is read against these two in the same run.
 */
export async function startBareProxy(engineHost: string, apiKey: string, bodies: Map<string, string>, mode: 'forward' | 'json'): Promise<{ url: string; close(): Promise<void> }> {
  const engine = new URL(engineHost);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const server: Server = createServer((req, res) => {
    const payload = bodies.get(req.url ?? '');
    if (!payload) return void res.writeHead(404).end();
    const upstream = request(
      {
        hostname: engine.hostname,
        port: engine.port,
        path: '/multi-search',
        method: 'POST',
        agent,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), Authorization: `Bearer ${apiKey}` },
      },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          const raw = Buffer.concat(chunks);
          const body = mode === 'json' ? JSON.stringify(JSON.parse(raw.toString('utf8'))) : raw;
          res.writeHead(answer.statusCode ?? 502, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
          res.end(body);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(payload);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
