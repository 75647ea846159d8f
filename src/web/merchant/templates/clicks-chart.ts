import { formatCount } from '../../templates/format';
import { html, SafeHtml } from '../../templates/html';

const BAR = 8;
const GAP = 2;
const H = 60;

const dayLabel = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', timeZone: 'UTC' });

function label(day: string): string {
  return dayLabel.format(new Date(`${day}T12:00:00Z`));
}

/**
 * Clicks toward the merchant's site per day over 30 days, oldest on the left, as a small
 * inline SVG (no script, no inline style: the CSP allows neither). Each bar's tooltip
 * gives its day; the sentence in aria-label says the same for screen readers.
 */
export function clicksChart(clicks: { total: number; days: Array<{ day: string; count: number }> }): SafeHtml {
  const days = clicks.days;
  if (!days.length) return html``;
  const most = Math.max(1, ...days.map((d) => d.count));
  const best = days.reduce((a, b) => (b.count > a.count ? b : a), days[0]);
  const width = days.length * (BAR + GAP) - GAP;
  const summary = clicks.total
    ? `${formatCount(clicks.total)} clic${clicks.total > 1 ? 's' : ''} vers votre site en 30 jours, du ${label(days[0].day)} au ${label(days[days.length - 1].day)} ; le plus : ${formatCount(best.count)} le ${label(best.day)}.`
    : `Aucun clic vers votre site en 30 jours, du ${label(days[0].day)} au ${label(days[days.length - 1].day)}.`;
  return html`<figure class="clicks">
  <svg class="clicks-chart" role="img" aria-label="${summary}" viewBox="0 0 ${width} ${H}" width="${width}" height="${H}" preserveAspectRatio="none">
    <line class="axis" x1="0" y1="${H - 0.5}" x2="${width}" y2="${H - 0.5}"/>
    ${days.map((d, i) => {
      const h = d.count ? Math.max(3, Math.round((d.count / most) * (H - 4))) : 1;
      return html`<rect class="${d.count ? 'click-bar' : 'click-bar click-bar--zero'}" x="${i * (BAR + GAP)}" y="${H - h}" width="${BAR}" height="${h}" rx="1"><title>${label(d.day)} : ${formatCount(d.count)} clic${d.count > 1 ? 's' : ''}</title></rect>`;
    })}
  </svg>
  <figcaption><span>${label(days[0].day)}</span><span data-clicks-total>${formatCount(clicks.total)} clic${clicks.total > 1 ? 's' : ''} en 30 jours</span><span>${label(days[days.length - 1].day)}</span></figcaption>
</figure>`;
}
