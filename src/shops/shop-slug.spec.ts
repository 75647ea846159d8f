import { firstFreeSlug, slugify } from './shop-slug';

describe('shop slugs', () => {
  it.each([
    ['Fromagerie du Plateau', 'fromagerie-du-plateau'],
    ["  L'Épicerie Fine — Œuvres & Cie ", 'l-epicerie-fine-oeuvres-cie'],
    ['Vélos Ça Roule!!', 'velos-ca-roule'],
    ['???', 'boutique'],
  ])('%j → %j', (name, slug) => expect(slugify(name)).toBe(slug));

  it('stays short and never ends with a hyphen', () => {
    const slug = slugify('a'.repeat(59) + ' b c d');
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith('-')).toBe(false);
  });

  it('appends -2, -3… to a taken slug', () => {
    expect(firstFreeSlug('cafe', [])).toBe('cafe');
    expect(firstFreeSlug('cafe', ['cafe'])).toBe('cafe-2');
    expect(firstFreeSlug('cafe', ['cafe', 'cafe-2', 'cafe-4'])).toBe('cafe-3');
  });
});
