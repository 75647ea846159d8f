import centres from './data/commune-centres.json';
import { arrondissementAliases, normalizeCommuneName } from './commune-name';
import { loadTerritory, Territory, TerritoryError, TerritorySources } from './territory';

/** Real: the official data set shipped with @etalab/decoupage-administratif. */
describe('Territory of the Métropole de Lyon', () => {
  const territory = loadTerritory('200046977');

  it('holds the 58 member communes, Lyon once (not its arrondissements)', () => {
    expect(territory.name).toBe('Métropole de Lyon');
    expect(territory.communes).toHaveLength(58);
    expect(territory.communes.filter((c) => c.name.startsWith('Lyon'))).toEqual([
      { code: '69123', name: 'Lyon', postalCodes: ['69001', '69002', '69003', '69004', '69005', '69006', '69007', '69008', '69009'] },
    ]);
  });

  it.each([
    ['Caluire-et-Cuire', '69300'],
    ['caluire et cuire', '69300'],
    ['CALUIRE-ET-CUIRE', '69300'],
    ['  Caluire   et cuire ', ' 69300 '],
  ])('matches %j without regard to case, accents or separators', (name, postal) => {
    expect(territory.resolveCommune(name, postal)).toEqual({ ok: true, commune: expect.objectContaining({ code: '69034', name: 'Caluire-et-Cuire' }) });
  });

  it.each([
    ['ecully', '69130', 'Écully'],
    ['Venissieux', '69200', 'Vénissieux'],
    ["Marcy l'Etoile", '69280', "Marcy-l'Étoile"],
    ['Marcy l’Étoile', '69280', "Marcy-l'Étoile"],
    ['sainte foy les lyon', '69110', 'Sainte-Foy-lès-Lyon'],
    ['la tour de salvagny', '69890', 'La Tour-de-Salvagny'],
  ])('matches %j to the official name', (name, postal, official) => {
    const r = territory.resolveCommune(name, postal);
    expect(r.ok && r.commune.name).toBe(official);
  });

  it.each([
    ['Lyon', '69003'],
    ['lyon', '69009'],
    ['Lyon 3e Arrondissement', '69003'],
    ['Lyon 3e', '69003'],
    ['lyon 3eme', '69003'],
    ['Lyon 3', '69003'],
    ['Lyon 1er', '69001'],
    ['Lyon 7e', '69007'],
  ])('counts the arrondissement %j as Lyon', (name, postal) => {
    expect(territory.resolveCommune(name, postal)).toEqual({ ok: true, commune: expect.objectContaining({ code: '69123', name: 'Lyon' }) });
  });

  it('takes a delegated commune for the current one (Oullins, Pierre-Bénite)', () => {
    for (const [name, postal] of [['Oullins', '69600'], ['Pierre-Bénite', '69310']]) {
      const r = territory.resolveCommune(name, postal);
      expect(r.ok && r.commune).toMatchObject({ code: '69149', name: 'Oullins-Pierre-Bénite' });
    }
  });

  it('refuses a postal code of another commune, naming the valid ones', () => {
    const r = territory.resolveCommune('Caluire-et-Cuire', '69004');
    expect(r).toMatchObject({ ok: false, reason: 'postal-code' });
    expect(!r.ok && r.message).toBe('Le code postal 69004 ne correspond pas à la commune « Caluire-et-Cuire » : code postal valide : 69300.');
    const lyon = territory.resolveCommune('Lyon', '69300');
    expect(!lyon.ok && lyon.message).toMatch(/« Lyon » : codes postaux valides : 69001, 69002, .*69009\./);
    const arrondissement = territory.resolveCommune('Lyon 3e', '69007');
    expect(arrondissement).toMatchObject({ ok: false, reason: 'postal-code' });
    expect(!arrondissement.ok && arrondissement.message).toMatch(/69003/);
  });

  it.each([
    ['Paris', '75001', 'Paris'],
    ['Vienne', '38200', 'Vienne'],
    ['villefranche sur saone', '69400', 'Villefranche-sur-Saône'],
    ['Paris 1er Arrondissement', '75001', 'Paris 1er Arrondissement'],
  ])('refuses %j as outside the territory', (name, postal, official) => {
    const r = territory.resolveCommune(name, postal);
    expect(r).toMatchObject({ ok: false, reason: 'outside' });
    expect(!r.ok && r.message).toBe(
      `La commune « ${official} » n'est pas dans le territoire (Métropole de Lyon) : seules ses 58 communes peuvent accueillir une boutique.`,
    );
  });

  it('refuses a namesake outside the territory by its postal code (Charly in the Cher)', () => {
    expect(territory.resolveCommune('Charly', '18350')).toMatchObject({ ok: false, reason: 'outside' });
    expect(territory.resolveCommune('Charly', '69390')).toMatchObject({ ok: true });
  });

  it('refuses a name that is no commune at all', () => {
    const r = territory.resolveCommune('Gotham City', '69001');
    expect(r).toMatchObject({ ok: false, reason: 'unknown' });
    expect(!r.ok && r.message).toMatch(/^La commune « Gotham City » est inconnue/);
  });

  it('has a centre for every commune, inside the Métropole', () => {
    for (const c of territory.communes) {
      const centre = territory.centreOf(c.code);
      expect({ code: c.code, approximate: centre?.approximate }).toEqual({ code: c.code, approximate: false });
      expect(centre!.lat).toBeGreaterThan(45.55);
      expect(centre!.lat).toBeLessThan(45.95);
      expect(centre!.lng).toBeGreaterThan(4.65);
      expect(centre!.lng).toBeLessThan(5.1);
    }
    expect(territory.centreOf('69123')).toMatchObject({ lat: 45.764, lng: 4.8357 });
  });

  it('keeps the centres file in step with the official names', () => {
    const byCode = new Map(territory.communes.map((c) => [c.code, c.name]));
    expect(Object.keys(centres).sort()).toEqual([...byCode.keys()].sort());
    for (const [code, centre] of Object.entries(centres)) expect(centre.name).toBe(byCode.get(code));
  });

  it('stops start-up with a sentence naming TERRITORY_EPCI for an unknown EPCI', () => {
    expect(() => loadTerritory('123456789')).toThrow(TerritoryError);
    expect(() => loadTerritory('123456789')).toThrow(/^TERRITORY_EPCI 123456789 /);
  });
});

describe('Territory of another EPCI', () => {
  const sources = (centres: TerritorySources['centres']): TerritorySources => ({
    epci: [{ code: '200000001', nom: 'CC du Test', membres: [{ code: '01001', nom: 'Alpha' }, { code: '01002', nom: 'Béta' }] }],
    communes: [
      { code: '01001', nom: 'Alpha', type: 'commune-actuelle', codesPostaux: ['01100'] },
      { code: '01002', nom: 'Béta', type: 'commune-actuelle', codesPostaux: ['01200'] },
      { code: '01003', nom: 'Gamma', type: 'commune-actuelle', codesPostaux: ['01300'] },
    ],
    centres,
  });

  it('places a commune without a known centre at the middle of the known ones', () => {
    const t = Territory.build('200000001', sources({ '01001': { lat: 46, lng: 5 } }));
    expect(t.centreOf('01001')).toEqual({ lat: 46, lng: 5, approximate: false });
    expect(t.centreOf('01002')).toEqual({ lat: 46, lng: 5, approximate: true });
    expect(t.resolveCommune('beta', '01200')).toMatchObject({ ok: true, commune: { name: 'Béta' } });
    expect(t.resolveCommune('Gamma', '01300')).toMatchObject({ ok: false, reason: 'outside' });
  });

  it('has no default position when no centre is known at all', () => {
    expect(Territory.build('200000001', sources({})).centreOf('01001')).toBeUndefined();
  });
});

describe('commune names', () => {
  it('normalizes case, accents, apostrophes and separators', () => {
    expect(normalizeCommuneName("  Champagne-au-Mont-d’Or ")).toBe('champagne au mont d or');
    expect(normalizeCommuneName('ÉCULLY')).toBe('ecully');
  });

  it('spells arrondissements the usual ways', () => {
    expect(arrondissementAliases('Lyon 1er Arrondissement')).toEqual(expect.arrayContaining(['lyon 1er arrondissement', 'lyon 1er', 'lyon 1', 'lyon 1ere']));
    expect(arrondissementAliases('Bron')).toEqual(['bron']);
  });
});
