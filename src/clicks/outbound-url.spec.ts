import { withUtm } from './outbound-url';

describe('withUtm', () => {
  it('adds the UTM parameters to a plain URL', () => {
    expect(withUtm('https://boutique.example/produit/pain')).toBe('https://boutique.example/produit/pain?utm_source=vitrines&utm_medium=referral');
  });

  it('keeps the existing query exactly and the fragment last', () => {
    expect(withUtm('https://boutique.example/p?id=12&q=a%20b&x=1+2#avis')).toBe(
      'https://boutique.example/p?id=12&q=a%20b&x=1+2&utm_source=vitrines&utm_medium=referral#avis',
    );
  });

  it('replaces an existing utm_source or utm_medium, keeps other utm parameters', () => {
    const out = new URL(withUtm('https://b.example/p?utm_source=facebook&utm_campaign=noel&utm%5Fmedium=social')!);
    expect(out.searchParams.getAll('utm_source')).toEqual(['vitrines']);
    expect(out.searchParams.getAll('utm_medium')).toEqual(['referral']);
    expect(out.searchParams.get('utm_campaign')).toBe('noel');
  });

  it('refuses anything but absolute http(s) URLs', () => {
    expect(withUtm('javascript:alert(1)')).toBeUndefined();
    expect(withUtm('data:text/html,hi')).toBeUndefined();
    expect(withUtm('/relative/path')).toBeUndefined();
    expect(withUtm('')).toBeUndefined();
  });
});
