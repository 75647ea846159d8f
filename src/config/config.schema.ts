import { z } from 'zod';

const bool = (name: string) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (name: string, min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { message: `${name} must be a whole number` })
    .transform(Number)
    .pipe(z.number().min(min, { message: `${name} must be at least ${min}` }).max(max, { message: `${name} must be at most ${max}` }));

const postgresUrl = z.string().refine(
  (v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'postgres:' || u.protocol === 'postgresql:') && u.hostname !== '';
    } catch {
      return false;
    }
  },
  { message: 'DATABASE_URL must be a postgres://user@host:port/database URL' },
);

function httpUrlNamed(name: string) {
  return z.string().refine(
    (v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    },
    { message: `${name} must be an http:// or https:// URL` },
  );
}

/** Raw environment as the operator writes it; unset and empty mean "use the default". */
export const environmentSchema = z
  .object({
    PORT: int('PORT', 0, 65535).default(3000),
    HOST: z.string().min(1).default('127.0.0.1'),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: postgresUrl.optional(),
    MEILI_HOST: httpUrlNamed('MEILI_HOST').optional(),
    MEILI_MASTER_KEY: z.string().min(1).optional(),
    MEILI_INDEX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,200}$/, { message: 'MEILI_INDEX may only hold letters, digits, - and _' })
      .default('products'),
    MEILI_MAX_INDEXING_MEMORY: z.string().regex(/^\d+\s?(B|KiB|MiB|GiB|KB|MB|GB)$/i, {
      message: 'MEILI_MAX_INDEXING_MEMORY must be a size such as 512MiB or 2GiB',
    }).default('1GiB'),
    ADMIN_TOKEN: z.string().min(16, { message: 'ADMIN_TOKEN must be at least 16 characters' }).optional(),
    SECRET_KEY: z.string().min(16, { message: 'SECRET_KEY must be at least 16 characters' }).optional(),
    ALLOW_PRIVATE_HOSTS: bool('ALLOW_PRIVATE_HOSTS').default(false),
    SYNC_CONCURRENCY: int('SYNC_CONCURRENCY', 1, 64).default(4),
    SYNC_SCHEDULER: bool('SYNC_SCHEDULER').default(true),
    STALE_AFTER_DAYS: int('STALE_AFTER_DAYS', 1, 365).default(7),
    PUBLIC_RATE_LIMIT: int('PUBLIC_RATE_LIMIT', 0, 1_000_000).default(120),
    TERRITORY_EPCI: z.string().regex(/^\d{9}$/, { message: 'TERRITORY_EPCI must be a 9-digit SIREN' }).default('200046977'),
    PUBLIC_URL: httpUrlNamed('PUBLIC_URL').optional(),
    SMTP_URL: z.string().regex(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' }).optional(),
    MAIL_FROM: z.string().min(3).default('Vitrines <ne-pas-repondre@vitrines.example>'),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  });

export type Environment = z.output<typeof environmentSchema>;
