// Builds dist/ when it is missing or older than the sources, so `npm start` and
// `npm run demo` work straight after `npm install` and after a `git pull`.
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const entry = join(root, 'dist', 'src', 'main.js');

function newest(dir) {
  let latest = 0;
  if (!existsSync(dir)) return latest;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'generated') continue;
    const p = join(dir, e.name);
    latest = Math.max(latest, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return latest;
}

function ensureBuild() {
  const sources = Math.max(...['src', 'connectors', 'test/servers', 'prisma'].map((d) => newest(join(root, d))));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  console.log('Building Vitrines…');
  execSync('npm run --silent build', { cwd: root, stdio: 'inherit' });
}

module.exports = { ensureBuild };
if (require.main === module) ensureBuild();
