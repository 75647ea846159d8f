#!/usr/bin/env node
// Generates the next migration from the change in prisma/schema.prisma:
//   npm run db:migration -- add_something
// The diff replays prisma/migrations on an in-memory PGlite shadow database, so no
// server is needed and the main database is never touched.
const { spawnSync } = require('node:child_process');
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const name = (process.argv[2] || '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '');
if (!name) {
  console.error('Usage: npm run db:migration -- <name>   (e.g. add_opening_hours)');
  process.exit(1);
}
const root = join(__dirname, '..');
const result = spawnSync(
  'npx',
  ['prisma', 'migrate', 'diff', '--from-migrations', 'prisma/migrations', '--to-schema-datamodel', 'prisma/schema.prisma', '--script', '--exit-code'],
  { cwd: root, env: { ...process.env, DATABASE_URL: '' }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
if (result.status === 0) {
  console.log('The schema matches the migrations: nothing to generate.');
  process.exit(0);
}
if (result.status !== 2) {
  process.stderr.write(result.stderr || result.stdout || 'prisma migrate diff failed\n');
  process.exit(1);
}
// The folder is created only now: an empty migration folder makes the diff itself fail.
const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const dir = join(root, 'prisma', 'migrations', `${stamp}_${name}`);
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'migration.sql'), result.stdout);
console.log(`Wrote ${join('prisma', 'migrations', `${stamp}_${name}`, 'migration.sql')}`);
