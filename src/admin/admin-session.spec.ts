import { AdminSessionSigner } from './admin-session';

describe('AdminSessionSigner', () => {
  const now = Date.UTC(2025, 5, 1, 8);

  it('issues a cookie that verifies for 12 hours and carries a stable CSRF token', () => {
    const signer = new AdminSessionSigner('admin-token-1');
    const session = signer.issue(now);
    expect(session.expiresAt.getTime()).toBe(now + 12 * 3_600_000);
    expect(signer.verify(session.value, now + 1000)).toEqual({ csrfToken: session.csrfToken, expiresAt: session.expiresAt });
    expect(signer.verify(session.value, now + 12 * 3_600_000)).toBeNull();
  });

  it('refuses a cookie signed under another ADMIN_TOKEN, a stretched expiry and garbage', () => {
    const session = new AdminSessionSigner('admin-token-1').issue(now);
    expect(new AdminSessionSigner('admin-token-2').verify(session.value, now)).toBeNull();
    const [nonce, expires, signature] = session.value.split('.');
    const signer = new AdminSessionSigner('admin-token-1');
    expect(signer.verify(`${nonce}.${Number(expires) + 1}.${signature}`, now)).toBeNull();
    expect(signer.verify('x.y', now)).toBeNull();
    expect(signer.verify(undefined, now)).toBeNull();
  });

  it('gives each session its own CSRF token', () => {
    const signer = new AdminSessionSigner('admin-token-1');
    expect(signer.issue(now).csrfToken).not.toBe(signer.issue(now).csrfToken);
  });
});
