import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { Index } from 'meilisearch';
import { ConfigService } from '../config/config.service';
import { productIndexSettings } from './index-settings';
import { SearchEngine } from './search-engine';

/** The products index: created if missing, its settings applied at every start. */
@Injectable()
export class ProductIndexService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Search');
  readonly uid: string;

  constructor(
    private readonly engine: SearchEngine,
    config: ConfigService,
  ) {
    this.uid = config.values.meili.index;
  }

  get index(): Index {
    return this.engine.client.index(this.uid);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.ensureIndex(this.uid);
  }

  /** Creates `uid` if needed and applies the current settings, waiting until they are in force. */
  async ensureIndex(uid: string): Promise<void> {
    const client = this.engine.client;
    try {
      await client.getIndex(uid);
    } catch {
      const task = await client.createIndex(uid, { primaryKey: 'id' }).waitTask({ timeout: 60_000 });
      if (task.status === 'failed' && task.error?.code !== 'index_already_exists') {
        throw new Error(`Cannot create the search index "${uid}": ${task.error?.message}`);
      }
    }
    const task = await client.index(uid).updateSettings(productIndexSettings()).waitTask({ timeout: 120_000 });
    if (task.status === 'failed') throw new Error(`Cannot apply the search index settings: ${task.error?.message}`);
    this.logger.log(`Index "${uid}" ready`);
  }
}
