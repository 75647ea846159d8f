/**
 * A commune name reduced to what people agree on: no case, no accents, and hyphens,
 * apostrophes and spaces all alike ("Caluire et Cuire" = "CALUIRE-ET-CUIRE").
 */
export function normalizeCommuneName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * The ways people write a municipal arrondissement, from its official name
 * ("Lyon 3e Arrondissement"): "Lyon 3e", "Lyon 3", "Lyon 3ème", "Lyon 1er"…
 * Returns only the official form when the name is not an arrondissement.
 */
export function arrondissementAliases(officialName: string): string[] {
  const normalized = normalizeCommuneName(officialName);
  const match = /^(.+) (\d+)(er|e) arrondissement$/.exec(normalized);
  if (!match) return [normalized];
  const [, city, number, suffix] = match;
  const ordinals = [...new Set([`${number}${suffix}`, number, `${number}eme`, ...(number === '1' ? ['1ere'] : [])])];
  return [...new Set([normalized, ...ordinals.flatMap((o) => [`${city} ${o}`, `${city} ${o} arrondissement`, `${city} ${o} arr`])])];
}
