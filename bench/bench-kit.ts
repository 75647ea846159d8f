import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  scenario: string;
  metric: string;
  value: number;
  unit: string;
  /** The engine's own figure measured in the same run, when the metric is a ratio to it. */
  baseline?: number;
  note?: string;
}

export interface Scenario {
  name: string;
  description: string;
  run(): Promise<BenchRow[]>;
}

export function printTable(rows: BenchRow[]): void {
  const lines = rows.map((r) => [
    r.scenario,
    r.metric,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline !== undefined ? `${fmt(r.baseline)} ${r.unit}` : '',
    r.baseline ? `${fmt(r.value / r.baseline)}×` : '',
    r.note ?? '',
  ]);
  const header = ['scenario', 'metric', 'value', 'engine alone', 'ratio', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
}

export function writeResults(name: string, rows: BenchRow[]): string {
  const dir = join(__dirname, '..', '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ scenario: name, at: new Date().toISOString(), node: process.version, rows }, null, 2));
  return file;
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en-US');
  return n.toFixed(2);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, result };
}

/** CPU seconds (user + system) a process has used so far, from /proc (Linux). */
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may itself hold spaces and parentheses.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticksPerSecond = 100; // USER_HZ, 100 on Linux
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory of another process (0 once it is gone). */
export function processRssBytes(pid: number): number {
  try {
    const pages = Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]);
    return pages * 4096; // the page size on x86_64 Linux
  } catch {
    return 0;
  }
}

/** CPU used by this process and by the child processes named `name` over a stretch of work. */
export function cpuMeter(childName: string): { stop(): { own: number; child: number } } {
  const pids = execFileSync('pgrep', ['-P', String(process.pid), childName], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map(Number);
  const childStart = pids.reduce((s, p) => s + processCpuSeconds(p), 0);
  const ownStart = processCpuSeconds(process.pid);
  return {
    stop() {
      return { own: processCpuSeconds(process.pid) - ownStart, child: pids.reduce((s, p) => s + processCpuSeconds(p), 0) - childStart };
    },
  };
}
