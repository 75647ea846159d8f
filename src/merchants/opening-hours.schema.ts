import { z } from 'zod';

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export type Weekday = (typeof WEEKDAYS)[number];
export type OpeningHours = Partial<Record<Weekday, Array<[string, string]>>>;

/** "09:00"; "24:00" closes a day that runs to midnight. */
const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

function minutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const range = z.tuple([z.string({ error: 'heure HH:MM attendue.' }), z.string({ error: 'heure HH:MM attendue.' })], {
  error: 'plage ["HH:MM","HH:MM"] attendue.',
});

/**
 * `{"lundi":[["09:00","12:30"],["14:00","19:00"]], …}`: an absent day or an empty list is
 * closed; a day's ranges are in order and do not overlap (a lunch break is the gap).
 */
export const openingHoursSchema = z
  .record(z.string(), z.array(range, { error: 'liste de plages horaires attendue.' }).max(6, '6 plages par jour au plus.'), { error: 'objet attendu, par jour de la semaine.' })
  .superRefine((days, ctx) => {
    for (const [day, ranges] of Object.entries(days)) {
      if (!(WEEKDAYS as readonly string[]).includes(day)) {
        ctx.addIssue({ code: 'custom', path: [day], message: `jour inconnu : attendu parmi ${WEEKDAYS.join(', ')}.` });
        continue;
      }
      let previousEnd = -1;
      ranges.forEach(([start, end], i) => {
        if (!TIME.test(start) || !TIME.test(end) || start === '24:00') {
          ctx.addIssue({ code: 'custom', path: [day, i], message: 'heures au format HH:MM attendues (par exemple 09:00).' });
          return;
        }
        if (minutes(start) >= minutes(end)) {
          ctx.addIssue({ code: 'custom', path: [day, i], message: `l'ouverture (${start}) doit précéder la fermeture (${end}).` });
          return;
        }
        if (minutes(start) < previousEnd) {
          ctx.addIssue({ code: 'custom', path: [day, i], message: 'les plages doivent être dans l’ordre de la journée, sans se chevaucher.' });
        }
        previousEnd = minutes(end);
      });
    }
  })
  .transform((days): OpeningHours => {
    // Stored in weekday order, closed days left out.
    const out: OpeningHours = {};
    for (const day of WEEKDAYS) if (days[day]?.length) out[day] = days[day] as Array<[string, string]>;
    return out;
  });
