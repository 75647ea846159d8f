/**
 * PrestaShop writes dates as "YYYY-MM-DD HH:MM:SS" in the shop's own time zone, without
 * saying which. The shops we read are French, so Europe/Paris is assumed; callers keep a
 * safety margin on incremental reads in case a shop is configured otherwise.
 */
export const SHOP_TIME_ZONE = 'Europe/Paris';

const FORMAT = new Intl.DateTimeFormat('en-GB', {
  timeZone: SHOP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant → the shop's wall-clock text, as the webservice filters expect it. */
export function toShopTime(instant: Date): string {
  const parts = Object.fromEntries(FORMAT.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The shop's wall-clock text → ISO instant; undefined for empty or zero dates ("0000-00-00 …"). */
export function fromShopTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || m[1] === '0000') return undefined;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (Number.isNaN(asUtc)) return undefined;
  // The zone's offset at that moment: format the guess back and measure the gap (twice, for DST edges).
  let instant = asUtc;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(toShopTime(new Date(instant)).replace(' ', 'T') + 'Z');
    instant += asUtc - shown;
  }
  return new Date(instant).toISOString();
}
