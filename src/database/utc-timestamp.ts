/**
 * A time as Prisma stores a DateTime in a TIMESTAMP column: UTC wall-clock time, to be
 * cast with `::timestamp` in raw SQL, so that it means the same whatever the session's
 * time zone.
 */
export function utcTimestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 23);
}
