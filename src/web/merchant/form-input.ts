import type { z } from 'zod';
import type { FieldErrors } from './templates/form-fields';

export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Runs the API's own schema on a form's values and answers one French message per form
 * field (the first for each), so the page can show it next to the field. `fieldOf` maps a
 * schema path to the form field showing it; unknown paths go to `_form`.
 */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown, fieldOf: (path: string[]) => string = (p) => p[0] ?? '_form'): Parsed<z.output<S>> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const name = fieldOf(issue.path.map(String)) || '_form';
    if (!errors[name]) errors[name] = issue.message;
  }
  return { ok: false, errors };
}

/** A form value as text: trimmed, '' when absent or not text (a repeated field keeps its first). */
export function text(body: Record<string, unknown> | undefined, name: string): string {
  const v = body?.[name];
  const first = Array.isArray(v) ? v[0] : v;
  return typeof first === 'string' ? first.trim() : '';
}

/** Every text value of a form, for redisplaying it after an error (never passwords or keys). */
export function echo(body: Record<string, unknown> | undefined, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, text(body, n)]));
}
