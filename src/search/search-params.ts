import { BadRequestException } from '@nestjs/common';
import { z } from 'zod';

export const SORTS = ['relevance', 'price:asc', 'price:desc', 'distance', 'newest'] as const;
export type SearchSort = (typeof SORTS)[number];

export const MAX_QUERY_LENGTH = 200;
export const MAX_PER_PAGE = 100;
export const DEFAULT_PER_PAGE = 20;
export const MAX_RADIUS_KM = 100;
/** Beyond this a page lies past the index's maxTotalHits anyway; the bound keeps numbers sane. */
const MAX_PAGE = 100_000;
/** A facet filter with more values than this is not something the page can produce. */
const MAX_FILTER_VALUES = 50;
const MAX_FILTER_VALUE_LENGTH = 200;

/** A resident's search, validated. */
export interface SearchParams {
  q: string;
  shop: string[];
  commune: string[];
  category: string[];
  inStock?: boolean;
  priceMin?: number;
  priceMax?: number;
  lat?: number;
  lng?: number;
  radiusKm?: number;
  sort: SearchSort;
  page: number;
  perPage: number;
}

const name = (p: string) => `« ${p} »`;
// Plain decimals only ("12.5", "12,5" as French keyboards type it): no exponents, no hex, no Infinity.
const DECIMAL = /^-?\d{1,12}(?:[.,]\d{1,12})?$/;

const decimal = (p: string, why: string) =>
  z
    .string()
    .regex(DECIMAL, { error: `${name(p)} ${why}` })
    .transform((v) => Number(v.replace(',', '.')));

const euros = (p: string) =>
  decimal(p, 'doit être un prix en euros, par exemple 12.50.').pipe(z.number().min(0, { error: `${name(p)} ne peut pas être négatif.` }));

const coordinate = (p: string, limit: number) =>
  decimal(p, `doit être un nombre entre -${limit} et ${limit}.`).pipe(
    z.number().min(-limit, { error: `${name(p)} doit être compris entre -${limit} et ${limit}.` }).max(limit, { error: `${name(p)} doit être compris entre -${limit} et ${limit}.` }),
  );

const integer = (p: string, min: number, max: number, why: string) =>
  z
    .string()
    .regex(/^\d{1,9}$/, { error: `${name(p)} ${why}` })
    .transform(Number)
    .pipe(z.number().min(min, { error: `${name(p)} ${why}` }).max(max, { error: `${name(p)} ${why}` }));

const facetValues = (p: string) =>
  z
    .array(z.string().max(MAX_FILTER_VALUE_LENGTH, { error: `Une valeur de ${name(p)} est trop longue (${MAX_FILTER_VALUE_LENGTH} caractères au plus).` }))
    .max(MAX_FILTER_VALUES, { error: `Trop de valeurs pour ${name(p)} (${MAX_FILTER_VALUES} au plus).` });

const schema = z
  .object({
    q: z.string().max(MAX_QUERY_LENGTH, { error: `${name('q')} est trop long (${MAX_QUERY_LENGTH} caractères au plus).` }).default(''),
    shop: facetValues('shop'),
    commune: facetValues('commune'),
    category: facetValues('category'),
    inStock: z.enum(['true', 'false'], { error: `${name('inStock')} doit valoir true ou false.` }).transform((v) => v === 'true').optional(),
    priceMin: euros('priceMin').optional(),
    priceMax: euros('priceMax').optional(),
    lat: coordinate('lat', 90).optional(),
    lng: coordinate('lng', 180).optional(),
    radiusKm: decimal('radiusKm', `doit être un nombre de kilomètres, au plus ${MAX_RADIUS_KM}.`)
      .pipe(
        z
          .number()
          .gt(0, { error: `${name('radiusKm')} doit être strictement positif.` })
          .max(MAX_RADIUS_KM, { error: `${name('radiusKm')} ne peut pas dépasser ${MAX_RADIUS_KM} km.` }),
      )
      .optional(),
    sort: z.enum(SORTS, { error: `${name('sort')} doit valoir ${SORTS.join(', ')}.` }).default('relevance'),
    page: integer('page', 1, MAX_PAGE, `doit être un entier entre 1 et ${MAX_PAGE}.`).default(1),
    perPage: integer('perPage', 1, MAX_PER_PAGE, `doit être un entier entre 1 et ${MAX_PER_PAGE}.`).default(DEFAULT_PER_PAGE),
  })
  .superRefine((v, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: 'custom', message });
    if (v.priceMin !== undefined && v.priceMax !== undefined && v.priceMin > v.priceMax) {
      issue(`${name('priceMin')} ne peut pas dépasser ${name('priceMax')}.`);
    }
    if ((v.lat === undefined) !== (v.lng === undefined)) issue(`${name('lat')} et ${name('lng')} vont ensemble : donnez les deux.`);
    const located = v.lat !== undefined && v.lng !== undefined;
    if (v.radiusKm !== undefined && !located) issue(`${name('radiusKm')} demande aussi des coordonnées ${name('lat')} et ${name('lng')}.`);
    if (v.sort === 'distance' && !located) issue(`${name('sort')}=distance demande des coordonnées ${name('lat')} et ${name('lng')}.`);
  });

const SINGLE = ['q', 'inStock', 'priceMin', 'priceMax', 'lat', 'lng', 'radiusKm', 'sort', 'page', 'perPage'] as const;
const REPEATABLE = ['shop', 'commune', 'category'] as const;

/**
 * Reads the query string of GET /api/search. Unknown parameters are ignored; empty values
 * count as absent (a form submits its empty fields). Anything else wrong is a 400 whose
 * French message names the parameter.
 */
export function parseSearchParams(query: Record<string, unknown>): SearchParams {
  const raw: Record<string, unknown> = {};
  for (const key of SINGLE) {
    const values = strings(query[key], key).map((s) => s.trim()).filter((s) => s !== '');
    if (values.length > 1) throw badRequest(`${name(key)} ne peut être donné qu'une fois.`);
    if (values.length) raw[key] = values[0];
  }
  for (const key of REPEATABLE) {
    raw[key] = [...new Set(strings(query[key], key).map((s) => s.trim()).filter((s) => s !== ''))];
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'Paramètres de recherche invalides.');
  return parsed.data;
}

/** The suggestion box's `q`: trimmed, at most MAX_QUERY_LENGTH characters. */
export function parseSuggestQuery(query: Record<string, unknown>): string {
  const values = strings(query.q, 'q');
  if (values.length > 1) throw badRequest(`${name('q')} ne peut être donné qu'une fois.`);
  const q = (values[0] ?? '').trim();
  if (q.length > MAX_QUERY_LENGTH) throw badRequest(`${name('q')} est trop long (${MAX_QUERY_LENGTH} caractères au plus).`);
  return q;
}

function strings(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  throw badRequest(`${name(key)} a un format invalide.`);
}

function badRequest(message: string): BadRequestException {
  return new BadRequestException({ statusCode: 400, error: 'Bad Request', message });
}
