#!/usr/bin/env node
// npm run reindex: asks the running server to rebuild the search index from the stored
// products and swap it in (needed after index settings change). It goes through the
// server's admin API because the embedded database may only be opened by one process.
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');

const host = process.env.HOST || '127.0.0.1';
const port = process.env.PORT || '3000';
const base = (process.env.PUBLIC_URL || `http://${host}:${port}`).replace(/\/+$/, '');
let token = process.env.ADMIN_TOKEN;
if (!token) {
  try {
    token = readFileSync(join(resolve(process.env.DATA_DIR || './data'), 'admin-token'), 'utf8').trim();
  } catch {
    console.error('ADMIN_TOKEN is not set and DATA_DIR holds no admin-token: start the server once, or set ADMIN_TOKEN.');
    process.exit(1);
  }
}

fetch(`${base}/api/admin/reindex`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })
  .then(async (res) => {
    const body = await res.text();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${body}`);
    console.log(`Index rebuilt and swapped in: ${JSON.parse(body).documents} products.`);
  })
  .catch((e) => {
    console.error(`Reindex failed (is the server running at ${base}?): ${e.message}`);
    process.exit(1);
  });
