import { CredentialsCipher } from './credentials.cipher';

describe('CredentialsCipher', () => {
  const cipher = new CredentialsCipher('a-long-enough-secret-key');

  it('round-trips credentials without leaving them readable', () => {
    const sealed = cipher.seal({ consumerKey: 'ck_123', consumerSecret: 'cs_456' });
    expect(sealed).not.toContain('ck_123');
    expect(sealed).not.toContain('cs_456');
    expect(cipher.open(sealed)).toEqual({ consumerKey: 'ck_123', consumerSecret: 'cs_456' });
  });

  it('uses a fresh IV each time', () => {
    expect(cipher.seal({ apiKey: 'k' })).not.toBe(cipher.seal({ apiKey: 'k' }));
  });

  it('refuses altered data and another key', () => {
    const sealed = cipher.seal({ apiKey: 'KEY' });
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => cipher.open(parts.join('.'))).toThrow(/cannot be decrypted/);
    expect(() => new CredentialsCipher('another-secret-key-value').open(sealed)).toThrow(/cannot be decrypted/);
  });
});
