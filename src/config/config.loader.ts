import { resolve } from 'node:path';
import { environmentSchema } from './config.schema';
import { ConfigError } from './config.error';
import { readOrCreateSecret } from './secrets';

export interface AppConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  meili: { host?: string; masterKey?: string; index: string; maxIndexingMemory: string };
  adminToken: string;
  adminTokenGenerated: boolean;
  secretKey: string;
  allowPrivateHosts: boolean;
  syncConcurrency: number;
  schedulerEnabled: boolean;
  staleAfterDays: number;
  publicRateLimit: number;
  territoryEpci: string;
  logLevel: 'error' | 'warn' | 'log' | 'debug' | 'verbose';
  /** The address residents and merchants use (links in mails, OAuth callbacks); default http://HOST:PORT. */
  publicUrl: string;
  /** Secure cookies when the public address is https. */
  secureCookies: boolean;
  /** Unset: mails (password resets) are written to the server log. */
  smtpUrl?: string;
  mailFrom: string;
  /** Vitrines' Shopify app; unset: Shopify shops connect through the public storefront. */
  shopifyApp?: { apiKey: string; apiSecret: string };
}

export { ConfigError };

/**
 * Reads and validates the environment once. Empty strings count as unset so that
 * `FOO= npm start` falls back to the default instead of failing on "".
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') raw[k] = v;
  const parsed = environmentSchema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const variable = String(first.path[0] ?? 'environment');
    const message = first.message.startsWith(variable) ? first.message : `${variable}: ${first.message}`;
    throw new ConfigError(`Invalid configuration: ${message} (got "${raw[variable] ?? ''}").`);
  }
  const e = parsed.data;
  if (!!e.SHOPIFY_API_KEY !== !!e.SHOPIFY_API_SECRET) {
    throw new ConfigError('Invalid configuration: SHOPIFY_API_KEY and SHOPIFY_API_SECRET go together; set both or neither.');
  }
  if (e.MEILI_HOST && !e.MEILI_MASTER_KEY) {
    throw new ConfigError('Invalid configuration: MEILI_MASTER_KEY is required when MEILI_HOST is set.');
  }
  const dataDir = resolve(e.DATA_DIR);
  const admin = e.ADMIN_TOKEN ? { value: e.ADMIN_TOKEN, created: false } : readOrCreateSecret(dataDir, 'admin-token');
  const secret = e.SECRET_KEY ? { value: e.SECRET_KEY, created: false } : readOrCreateSecret(dataDir, 'secret-key');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    meili: { host: e.MEILI_HOST, masterKey: e.MEILI_MASTER_KEY, index: e.MEILI_INDEX, maxIndexingMemory: e.MEILI_MAX_INDEXING_MEMORY },
    adminToken: admin.value,
    adminTokenGenerated: admin.created,
    secretKey: secret.value,
    allowPrivateHosts: e.ALLOW_PRIVATE_HOSTS,
    syncConcurrency: e.SYNC_CONCURRENCY,
    schedulerEnabled: e.SYNC_SCHEDULER,
    staleAfterDays: e.STALE_AFTER_DAYS,
    publicRateLimit: e.PUBLIC_RATE_LIMIT,
    territoryEpci: e.TERRITORY_EPCI,
    logLevel: e.LOG_LEVEL,
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST.includes(':') ? `[${e.HOST}]` : e.HOST}:${e.PORT}`).replace(/\/+$/, ''),
    secureCookies: (e.PUBLIC_URL ?? '').startsWith('https:'),
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    shopifyApp: e.SHOPIFY_API_KEY && e.SHOPIFY_API_SECRET ? { apiKey: e.SHOPIFY_API_KEY, apiSecret: e.SHOPIFY_API_SECRET } : undefined,
  };
}
