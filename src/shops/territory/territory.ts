import { readFileSync } from 'node:fs';
import centresData from './data/commune-centres.json';
import { arrondissementAliases, normalizeCommuneName } from './commune-name';

export interface TerritoryCommune {
  /** INSEE code of the commune (for Lyon 69123, never an arrondissement's code). */
  code: string;
  /** Official name, the one shown everywhere (facets, filters, shop.commune). */
  name: string;
  postalCodes: string[];
}

export interface GeoPoint {
  lat: number;
  lng: number;
}

export type CommuneResolution =
  | { ok: true; commune: TerritoryCommune }
  | { ok: false; reason: 'unknown' | 'outside' | 'postal-code'; message: string };

/** The raw shapes of @etalab/decoupage-administratif that we read. */
interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  codesPostaux?: string[];
  /** Parent commune of an arrondissement. */
  commune?: string;
  /** Current commune of a delegated or associated one. */
  chefLieu?: string;
}
interface RawEpci {
  code: string;
  nom: string;
  membres: Array<{ code: string; nom: string }>;
}

export interface TerritorySources {
  communes: RawCommune[];
  epci: RawEpci[];
  centres: Record<string, GeoPoint>;
}

/** Thrown at start when TERRITORY_EPCI names no known intercommunality. */
export class TerritoryError extends Error {}

interface Alias {
  commune: TerritoryCommune;
  /** Postal codes accepted with this spelling (an arrondissement accepts only its own). */
  postalCodes: string[];
}

/**
 * The communes where a shop may be registered: the members of one EPCI. Built once at
 * start from the official data set; only the territory's communes are kept, plus the
 * bare names of the others so that "Paris" is refused as outside rather than unknown.
 */
export class Territory {
  private constructor(
    readonly epciCode: string,
    readonly name: string,
    readonly communes: TerritoryCommune[],
    private readonly aliases: Map<string, Alias[]>,
    private readonly elsewhere: Map<string, { name: string; postalCodes: string[] }>,
    private readonly centres: Map<string, GeoPoint>,
  ) {}

  static build(epciCode: string, sources: TerritorySources): Territory {
    const epci = sources.epci.find((e) => e.code === epciCode);
    if (!epci) throw new TerritoryError(`TERRITORY_EPCI ${epciCode} is not a known intercommunality (EPCI SIREN).`);
    const memberCodes = new Set(epci.membres.map((m) => m.code));
    const current = new Map<string, TerritoryCommune>();
    for (const c of sources.communes) {
      if (c.type === 'commune-actuelle' && memberCodes.has(c.code)) {
        current.set(c.code, { code: c.code, name: c.nom, postalCodes: [...(c.codesPostaux ?? [])].sort() });
      }
    }
    if (current.size === 0) throw new TerritoryError(`TERRITORY_EPCI ${epciCode} has no known member communes.`);

    const aliases = new Map<string, Alias[]>();
    const elsewhere = new Map<string, { name: string; postalCodes: string[] }>();
    const addAlias = (spelling: string, alias: Alias) => {
      const list = aliases.get(spelling) ?? [];
      if (!list.some((a) => a.commune.code === alias.commune.code)) list.push(alias);
      aliases.set(spelling, list);
    };
    for (const c of sources.communes) {
      const parentCode = c.type === 'commune-actuelle' ? c.code : c.type === 'arrondissement-municipal' ? c.commune : c.chefLieu;
      const commune = parentCode ? current.get(parentCode) : undefined;
      if (!commune) {
        const key = normalizeCommuneName(c.nom);
        const known = elsewhere.get(key);
        if (known) known.postalCodes.push(...(c.codesPostaux ?? []));
        else elsewhere.set(key, { name: c.nom, postalCodes: [...(c.codesPostaux ?? [])] });
        continue;
      }
      if (c.type === 'arrondissement-municipal') {
        const own = c.codesPostaux?.length ? c.codesPostaux : commune.postalCodes;
        for (const spelling of arrondissementAliases(c.nom)) addAlias(spelling, { commune, postalCodes: own });
      } else {
        // A delegated commune (e.g. Oullins inside Oullins-Pierre-Bénite) stands for the current one.
        addAlias(normalizeCommuneName(c.nom), { commune, postalCodes: commune.postalCodes });
      }
    }

    const centres = new Map<string, GeoPoint>();
    for (const code of current.keys()) {
      const centre = sources.centres[code];
      if (centre && Number.isFinite(centre.lat) && Number.isFinite(centre.lng)) centres.set(code, { lat: centre.lat, lng: centre.lng });
    }
    const communes = [...current.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr'));
    return new Territory(epciCode, epci.nom, communes, aliases, elsewhere, centres);
  }

  /**
   * Finds the territory commune a merchant means by `name` and `postalCode`, or says
   * precisely (in French) why it cannot be accepted.
   */
  resolveCommune(name: string, postalCode: string): CommuneResolution {
    const spelling = normalizeCommuneName(name);
    const postal = postalCode.trim();
    const candidates = this.aliases.get(spelling) ?? [];
    const match = candidates.find((a) => a.postalCodes.includes(postal));
    if (match) return { ok: true, commune: match.commune };

    const other = this.elsewhere.get(spelling);
    if (other && (candidates.length === 0 || other.postalCodes.includes(postal))) {
      return {
        ok: false,
        reason: 'outside',
        message: `La commune « ${other.name} » n'est pas dans le territoire (${this.name}) : seules ses ${this.communes.length} communes peuvent accueillir une boutique.`,
      };
    }
    if (candidates.length > 0) {
      const first = candidates[0];
      const valid = [...new Set(candidates.flatMap((a) => a.postalCodes))].sort();
      const plural = valid.length > 1;
      return {
        ok: false,
        reason: 'postal-code',
        message: `Le code postal ${postal || '(vide)'} ne correspond pas à la commune « ${first.commune.name} » : ${plural ? 'codes postaux valides' : 'code postal valide'} : ${valid.join(', ')}.`,
      };
    }
    return {
      ok: false,
      reason: 'unknown',
      message: `La commune « ${name.trim()} » est inconnue : indiquez son nom officiel (par exemple « ${this.communes[0].name} »).`,
    };
  }

  /**
   * Where a shop without coordinates sits. Communes missing from the centres file (another
   * EPCI configured) fall back to the middle of the territory's known centres; with no known
   * centre at all there is no sensible default and the caller must ask for coordinates.
   */
  centreOf(code: string): (GeoPoint & { approximate: boolean }) | undefined {
    const known = this.centres.get(code);
    if (known) return { ...known, approximate: false };
    if (this.centres.size === 0) return undefined;
    const points = [...this.centres.values()];
    const lat = points.reduce((s, p) => s + p.lat, 0) / points.length;
    const lng = points.reduce((s, p) => s + p.lng, 0) / points.length;
    return { lat: Math.round(lat * 1e4) / 1e4, lng: Math.round(lng * 1e4) / 1e4, approximate: true };
  }

  byCode(code: string): TerritoryCommune | undefined {
    return this.communes.find((c) => c.code === code);
  }
}

const loaded = new Map<string, Territory>();

/**
 * Reads the official data (about 12 MB of JSON) once per process and keeps only the
 * territory: the files are parsed from disk rather than `require`d so that the full
 * arrays are not pinned in the module cache.
 */
export function loadTerritory(epciCode: string): Territory {
  let territory = loaded.get(epciCode);
  if (!territory) {
    const read = (file: string) => JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8'));
    territory = Territory.build(epciCode, {
      communes: read('communes.json'),
      epci: read('epci.json'),
      centres: centresData as Record<string, GeoPoint>,
    });
    loaded.set(epciCode, territory);
  }
  return territory;
}
