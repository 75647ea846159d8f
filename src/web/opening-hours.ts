/**
 * Shop opening hours as merchants enter them: { "lundi": [["09:00","12:30"], …], … },
 * an absent day meaning closed. "Ouvert maintenant" is judged on Paris time, whatever the
 * server's own time zone.
 */
export const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export type Day = (typeof DAYS)[number];
export type OpeningHours = Partial<Record<Day, Array<[string, string]>>>;

const TIME = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Keeps only well-formed days and ranges; null when nothing usable is left. */
export function parseOpeningHours(value: unknown): OpeningHours | null {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const out: OpeningHours = {};
  for (const day of DAYS) {
    const ranges = (value as Record<string, unknown>)[day];
    if (!Array.isArray(ranges)) continue;
    const good = ranges.filter(
      (r): r is [string, string] => Array.isArray(r) && r.length === 2 && TIME.test(String(r[0])) && TIME.test(String(r[1])) && minutes(r[0]) < minutes(r[1]),
    );
    if (good.length) out[day] = good.map(([a, b]) => [a, b]);
  }
  return Object.keys(out).length ? out : null;
}

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

const parisClock = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** The Paris weekday and minute of the day at `now`. */
export function parisNow(now: Date): { day: Day; minute: number } {
  const parts = Object.fromEntries(parisClock.formatToParts(now).map((p) => [p.type, p.value]));
  return { day: parts.weekday as Day, minute: Number(parts.hour) * 60 + Number(parts.minute) };
}

export interface OpenState {
  open: boolean;
  /** "ferme à 19:00" or "ouvre mardi à 09:00", when known. */
  detail: string | null;
}

export function openState(hours: OpeningHours, now: Date): OpenState {
  const { day, minute } = parisNow(now);
  const today = hours[day] ?? [];
  const current = today.find(([a, b]) => minutes(a) <= minute && minute < minutes(b));
  if (current) return { open: true, detail: `ferme à ${clock(current[1])}` };
  const laterToday = today.find(([a]) => minutes(a) > minute);
  if (laterToday) return { open: false, detail: `ouvre aujourd'hui à ${clock(laterToday[0])}` };
  const start = DAYS.indexOf(day);
  for (let i = 1; i <= 7; i++) {
    const next = DAYS[(start + i) % 7];
    const first = hours[next]?.[0];
    if (first) return { open: false, detail: `ouvre ${i === 1 ? 'demain' : next} à ${clock(first[0])}` };
  }
  return { open: false, detail: null };
}

export function formatRanges(ranges: Array<[string, string]> | undefined): string {
  if (!ranges?.length) return 'Fermé';
  return ranges.map(([a, b]) => `${clock(a)}\u00a0–\u00a0${clock(b)}`).join(', ');
}

/** "09:00" → "9 h", "12:30" → "12 h 30", with no-break spaces. */
export function clock(hhmm: string): string {
  const [h, m] = hhmm.split(':');
  return `${Number(h)}\u00a0h${m === '00' ? '' : `\u00a0${m}`}`;
}
