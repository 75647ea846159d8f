import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * Merchant credentials at rest: AES-256-GCM under a key derived from SECRET_KEY.
 * Format: v1.<iv>.<tag>.<ciphertext>, base64url parts. Tampering fails decryption.
 */
export class CredentialsCipher {
  private readonly key: Buffer;

  constructor(secretKey: string) {
    this.key = createHash('sha256').update(`vitrines-credentials:${secretKey}`).digest();
  }

  seal(credentials: Record<string, string>): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(JSON.stringify(credentials), 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): Record<string, string> {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Stored credentials are not in a known format.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    try {
      const plain = Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]);
      return JSON.parse(plain.toString('utf8'));
    } catch {
      throw new Error('Stored credentials cannot be decrypted: SECRET_KEY has changed or the data was altered.');
    }
  }
}
