import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './config.loader';

describe('loadConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'vitrines-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('applies the documented defaults', () => {
    const c = loadConfig({ DATA_DIR: dataDir });
    expect(c).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir,
      databaseUrl: undefined,
      meili: { host: undefined, index: 'products' },
      allowPrivateHosts: false,
      syncConcurrency: 4,
      publicRateLimit: 120,
      territoryEpci: '200046977',
    });
  });

  it('generates the admin token and secret key once into DATA_DIR, private to the owner', () => {
    const first = loadConfig({ DATA_DIR: dataDir });
    expect(first.adminTokenGenerated).toBe(true);
    expect(first.adminToken.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()).toBe(first.adminToken);
    expect(statSync(join(dataDir, 'secret-key')).mode & 0o777).toBe(0o600);
    const second = loadConfig({ DATA_DIR: dataDir });
    expect(second.adminToken).toBe(first.adminToken);
    expect(second.secretKey).toBe(first.secretKey);
    expect(second.adminTokenGenerated).toBe(false);
  });

  it('prefers ADMIN_TOKEN and SECRET_KEY from the environment', () => {
    const c = loadConfig({ DATA_DIR: dataDir, ADMIN_TOKEN: 'a'.repeat(20), SECRET_KEY: 'b'.repeat(32) });
    expect(c.adminToken).toBe('a'.repeat(20));
    expect(c.secretKey).toBe('b'.repeat(32));
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATA_DIR: dataDir, PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, databaseUrl: undefined });
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be at most 65535/],
    [{ DATABASE_URL: 'mysql://localhost/x' }, /DATABASE_URL must be a postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ MEILI_HOST: 'ftp://x' }, /MEILI_HOST must be an http/],
    [{ MEILI_HOST: 'http://127.0.0.1:7700' }, /MEILI_MASTER_KEY is required/],
    [{ ALLOW_PRIVATE_HOSTS: 'maybe' }, /ALLOW_PRIVATE_HOSTS must be true or false/],
    [{ SYNC_CONCURRENCY: '0' }, /SYNC_CONCURRENCY must be at least 1/],
    [{ PUBLIC_RATE_LIMIT: '-5' }, /PUBLIC_RATE_LIMIT must be a whole number/],
    [{ ADMIN_TOKEN: 'short' }, /ADMIN_TOKEN must be at least 16 characters/],
  ])('rejects %j with one sentence naming the variable', (env, message) => {
    let error: unknown;
    try {
      loadConfig({ DATA_DIR: dataDir, ...env });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.split('\n')).toHaveLength(1);
  });

  it('accepts a PostgreSQL URL and an external Meilisearch with its key', () => {
    const c = loadConfig({
      DATA_DIR: dataDir,
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/vitrines',
      MEILI_HOST: 'http://127.0.0.1:7700',
      MEILI_MASTER_KEY: 'x'.repeat(16),
      ALLOW_PRIVATE_HOSTS: 'true',
    });
    expect(c.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/vitrines');
    expect(c.meili).toMatchObject({ host: 'http://127.0.0.1:7700', masterKey: 'x'.repeat(16) });
    expect(c.allowPrivateHosts).toBe(true);
  });
});
