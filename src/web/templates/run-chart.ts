import { formatDateTime, formatDuration } from './format';
import { html, SafeHtml } from './html';

export interface ChartRun {
  status: string;
  startedAt: Date | string;
  finishedAt: Date | string | null;
  fetched: number;
  created: number;
  updated: number;
  deleted: number;
  skipped: number;
}

const W = 12;
const GAP = 3;
const H = 36;

/**
 * A shop's recent runs, oldest on the left: bar height is the run's duration, colour its
 * outcome, each bar's tooltip its counts. A sentence says the same for screen readers.
 */
export function runChart(runs: ChartRun[]): SafeHtml {
  if (!runs.length) return html`<span class="muted">Aucune synchronisation</span>`;
  const ordered = [...runs].reverse();
  const durations = ordered.map((r) => (r.finishedAt ? Math.max(0, new Date(r.finishedAt).getTime() - new Date(r.startedAt).getTime()) : 0));
  const longest = Math.max(1, ...durations);
  const failed = ordered.filter((r) => r.status === 'failed').length;
  const label = `${ordered.length} dernières synchronisations : ${ordered.length - failed} réussies ou en cours, ${failed} échouées`;
  const width = ordered.length * (W + GAP) - GAP;
  return html`<svg class="run-chart" role="img" aria-label="${label}" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}">
  ${ordered.map((r, i) => {
    const h = Math.max(3, Math.round((durations[i] / longest) * (H - 2)));
    const tip = `${formatDateTime(r.startedAt)} · ${r.status === 'failed' ? 'échec' : r.status === 'running' ? 'en cours' : 'réussie'} · ${formatDuration(durations[i])} · ${r.fetched} lus, ${r.created} créés, ${r.updated} modifiés, ${r.deleted} supprimés, ${r.skipped} ignorés`;
    return html`<rect class="bar bar--${r.status === 'failed' ? 'failed' : r.status === 'running' ? 'running' : 'ok'}" x="${i * (W + GAP)}" y="${H - h}" width="${W}" height="${h}" rx="2"><title>${tip}</title></rect>`;
  })}
</svg>`;
}
