// The embedded database (PGlite) in a process of its own, answering the PostgreSQL wire
// protocol on a Unix socket. Run by embedded-database.ts, never by hand.
//
// Why a process: PGlite runs PostgreSQL compiled to WebAssembly on the thread that calls
// it, and holds a few hundred megabytes of its own. Out of the server process, queries no
// longer stall the server's requests, the database gets a core of its own, and the
// server's memory is its own.
//
// Plain JavaScript (an asset copied next to the compiled code): the same file runs under
// the tests, which load TypeScript sources, and from dist/.
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';

const [dataDir, socketPath] = process.argv.slice(2);
let db;
let server;
let closing;

/** Stops serving, then closes the database cleanly (its files are consistent on disk). */
function close() {
  closing ??= (async () => {
    await server?.stop().catch(() => undefined);
    if (db && !db.closed) await db.close().catch(() => undefined);
    // The socket's private directory, made for this process (also when the server was killed).
    rmSync(dirname(socketPath), { recursive: true, force: true });
  })();
  return closing;
}

// The server process decides when this one stops: Ctrl-C in a terminal reaches the whole
// process group, and the server still needs its database while it shuts down.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => undefined);
// Its parent gone (stopped, or killed without a chance to say so): close and leave.
process.on('disconnect', () => close().then(() => process.exit(0)));
process.on('message', (message) => {
  if (message === 'stop') void close().then(() => process.exit(0));
});

try {
  db = new PGlite(dataDir);
  await db.waitReady;
  // The server's pool keeps one connection (PGlite is a single backend: one client keeps
  // every transaction whole). A few more are accepted because a connection the pool
  // discards after an error is still closing here when its replacement arrives.
  server = new PGLiteSocketServer({ db, path: socketPath, maxConnections: 4 });
  await server.start();
  process.send({ ready: true });
} catch (e) {
  process.send({ error: e instanceof Error ? e.message : String(e) });
  await close();
  process.exit(1);
}
