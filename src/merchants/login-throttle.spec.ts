import { LoginThrottle, TooManyAttemptsException } from './login-throttle';

describe('LoginThrottle', () => {
  const t0 = Date.UTC(2025, 0, 1);

  it('refuses a sixth attempt on one email within 15 minutes, and says when to retry', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) {
      throttle.check('a@x.fr', '1.1.1.1', t0 + i * 1000);
      throttle.recordFailure('a@x.fr', '1.1.1.1', t0 + i * 1000);
    }
    let error: unknown;
    try {
      throttle.check('a@x.fr', '2.2.2.2', t0 + 10_000);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TooManyAttemptsException);
    // The first failure leaves the window 15 min after t0.
    expect((error as TooManyAttemptsException).retryAfterSeconds).toBe(15 * 60 - 10);
    expect(() => throttle.check('a@x.fr', '2.2.2.2', t0 + 15 * 60_000)).not.toThrow();
  });

  it('counts a client across emails up to 20 failures', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 20; i++) throttle.recordFailure(`m${i}@x.fr`, '9.9.9.9', t0);
    expect(() => throttle.check('new@x.fr', '9.9.9.9', t0 + 1)).toThrow(TooManyAttemptsException);
    expect(() => throttle.check('new@x.fr', '8.8.8.8', t0 + 1)).not.toThrow();
  });

  it("forgives an account's failures after a successful sign-in", () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.recordFailure('a@x.fr', `10.0.0.${i}`, t0);
    throttle.recordSuccess('a@x.fr');
    expect(() => throttle.check('a@x.fr', '10.0.0.9', t0 + 1)).not.toThrow();
  });
});
