/** French formats for the pages: "12,50 €", "à 1,2 km", "3 produits". */

const prices = new Map<string, Intl.NumberFormat>();

export function formatPrice(amount: number, currency = 'EUR'): string {
  let f = prices.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat('fr-FR', { style: 'currency', currency });
    } catch {
      f = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
    }
    prices.set(currency, f);
  }
  return f.format(amount);
}

const decimals = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const integers = new Intl.NumberFormat('fr-FR');

export function formatDistance(km: number): string {
  if (km < 1) return `à ${Math.max(10, Math.round((km * 1000) / 10) * 10)} m`;
  return `à ${decimals.format(km)} km`;
}

export function formatCount(n: number): string {
  return integers.format(n);
}

/** "1 produit", "0 produit", "12 produits" (French: 0 and 1 are singular). */
export function plural(n: number, one: string, many: string): string {
  return `${formatCount(n)} ${n <= 1 ? one : many}`;
}

const dateTimes = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' });

export function formatDateTime(at: Date | string | null | undefined): string {
  if (!at) return '—';
  const d = typeof at === 'string' ? new Date(at) : at;
  return Number.isNaN(d.getTime()) ? '—' : dateTimes.format(d);
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 60) return `${decimals.format(s)} s`;
  const m = Math.floor(s / 60);
  return `${m} min ${Math.round(s - m * 60)} s`;
}
