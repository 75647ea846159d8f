import { luhnValid, normalizeSiret } from './siret';

describe('SIRET', () => {
  it('accepts real SIRETs whose Luhn checksum holds, with or without spaces', () => {
    expect(normalizeSiret('12002701600357')).toBe('12002701600357');
    expect(normalizeSiret('443 061 841 00047')).toBe('44306184100047');
  });

  it('refuses a wrong checksum, a wrong length and letters', () => {
    expect(normalizeSiret('12002701600358')).toBeNull();
    expect(normalizeSiret('1200270160035')).toBeNull();
    expect(normalizeSiret('120027016003577')).toBeNull();
    expect(normalizeSiret('1200270160035A')).toBeNull();
    expect(normalizeSiret('')).toBeNull();
  });

  it("accepts La Poste's establishments by their digit sum, which Luhn would refuse", () => {
    // 3+5+6 + 0+0+0+0+0+0 + 1+2+3+4+1 = 25, a multiple of 5; the Luhn sum is not a multiple of 10.
    expect(luhnValid('35600000012341')).toBe(false);
    expect(normalizeSiret('35600000012341')).toBe('35600000012341');
    // La Poste's head office passes both rules.
    expect(normalizeSiret('35600000000048')).toBe('35600000000048');
    // Digit sum 26: refused.
    expect(normalizeSiret('35600000012342')).toBeNull();
  });

  it('does not extend the La Poste rule to other SIRENs', () => {
    // Digit sum a multiple of 5, Luhn wrong, SIREN not La Poste's.
    expect(normalizeSiret('35600000112340')).toBeNull();
  });
});
