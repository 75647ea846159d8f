import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Meilisearch, type MultiSearchQuery, type MultiSearchResult } from 'meilisearch';
import { EngineHttp } from './engine-http';
import type { AppConfig } from '../config/config.loader';
import { readOrCreateSecret } from '../config/secrets';
import { healthy, MeiliStartError, RunningMeili, startBundledMeili } from './meili-server';

/**
 * The Meilisearch we talk to: the operator's (MEILI_HOST) or the bundled binary, started
 * as our child with its data in DATA_DIR/meili and a master key kept in DATA_DIR.
 */
export class SearchEngine {
  private readonly logger = new Logger('Search');

  private stopping = false;
  private readonly http: EngineHttp;

  private constructor(
    readonly client: Meilisearch,
    readonly host: string,
    private child?: RunningMeili,
    private readonly restart?: (port: number) => Promise<RunningMeili>,
    apiKey?: string,
  ) {
    this.http = new EngineHttp(host, apiKey);
    this.superviseChild();
  }

  /**
   * Adds or replaces documents given as one encoded JSON array: sent as those bytes, where
   * the client library's fetch would first copy the text to check it and then encode it
   * (a few percent of a full sync's CPU, at a megabyte or more per batch).
   */
  async addDocumentsJson(indexUid: string, body: Buffer): Promise<number> {
    const path = `/indexes/${encodeURIComponent(indexUid)}/documents?primaryKey=id`;
    return (await this.http.post<{ taskUid: number }>(path, body, 60_000)).taskUid;
  }

  /** The search path's multi-search, over kept-alive sockets (see EngineHttp). */
  async multiSearch<T = Record<string, any>>(queries: MultiSearchQuery[]): Promise<Array<MultiSearchResult<T>>> {
    return (await this.http.postJson<{ results: Array<MultiSearchResult<T>> }>('/multi-search', { queries })).results;
  }

  static async connect(config: AppConfig): Promise<SearchEngine> {
    if (config.meili.host) {
      const client = meiliClient(config.meili.host, config.meili.masterKey);
      if (!(await healthy(config.meili.host, 5000))) {
        throw new MeiliStartError(`MEILI_HOST: no healthy Meilisearch answers at ${config.meili.host}.`);
      }
      try {
        await client.getKeys({ limit: 1 });
      } catch {
        throw new MeiliStartError(`MEILI_MASTER_KEY is not accepted by the Meilisearch at ${config.meili.host}.`);
      }
      return new SearchEngine(client, config.meili.host, undefined, undefined, config.meili.masterKey);
    }
    const masterKey = readOrCreateSecret(config.dataDir, 'meili-master-key').value;
    const start = (port?: number) =>
      startBundledMeili({ dataDir: join(config.dataDir, 'meili'), masterKey, maxIndexingMemory: config.meili.maxIndexingMemory, port });
    const child = await start();
    new Logger('Search').log(`Bundled Meilisearch started on ${child.host} (pid ${child.process.pid})`);
    return new SearchEngine(meiliClient(child.host, masterKey), child.host, child, start, masterKey);
  }

  /** The bundled engine is restarted on its port if it dies (e.g. killed for memory); /health shows the gap. */
  private superviseChild(): void {
    const child = this.child;
    if (!child || !this.restart) return;
    void child.exited.then(async () => {
      if (this.stopping) return;
      this.logger.error(`Bundled Meilisearch (pid ${child.process.pid}) stopped unexpectedly; restarting it`);
      for (let attempt = 1; attempt <= 5 && !this.stopping; attempt++) {
        await new Promise((r) => setTimeout(r, 1000 * attempt));
        try {
          this.child = await this.restart!(child.port);
          this.logger.log(`Bundled Meilisearch restarted (pid ${this.child.process.pid})`);
          if (this.stopping) await this.child.stop();
          else this.superviseChild();
          return;
        } catch (e) {
          this.logger.error(`Restart ${attempt} of the bundled Meilisearch failed: ${(e as Error).message}`);
        }
      }
    });
  }

  async isUp(): Promise<boolean> {
    return healthy(this.host, 2000);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.http.close();
    if (!this.child) return;
    await this.child.stop();
    this.logger.log('Bundled Meilisearch stopped');
  }
}

/**
 * Answers are not compressed: on loopback or a private network gzip only adds latency
 * (about 40 ms per multi-search measured here, the engine compressing and Node inflating).
 */
function meiliClient(host: string, apiKey?: string): Meilisearch {
  return new Meilisearch({ host, apiKey, requestInit: { headers: { 'Accept-Encoding': 'identity' } } });
}

/** A random key for a throwaway engine (tests). */
export function randomMasterKey(): string {
  return randomBytes(24).toString('base64url');
}
