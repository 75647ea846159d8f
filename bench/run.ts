import 'reflect-metadata';
import { printTable, Scenario, writeResults, BenchRow } from './bench-kit';
import { pages } from './scenarios/pages.bench';
import { startup } from './scenarios/startup.bench';
import { sync } from './scenarios/sync.bench';
import { connectors } from './scenarios/connectors.bench';
import { search } from './scenarios/search.bench';

/** `npm run bench [name…]`: runs the scenarios (all by default), prints a table, writes bench/results/*.json. */
const scenarios: Scenario[] = [startup, sync, connectors, search, pages];

async function main() {
  const wanted = process.argv.slice(2);
  const chosen = wanted.length ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios;
  if (chosen.length === 0) {
    console.error(`Unknown scenario. Available: ${scenarios.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  const all: BenchRow[] = [];
  for (const s of chosen) {
    console.log(`▶ ${s.name}: ${s.description}`);
    const rows = await s.run();
    console.log(`  results in ${writeResults(s.name, rows)}`);
    all.push(...rows);
  }
  console.log('');
  printTable(all);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
