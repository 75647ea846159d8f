import type { Request, Response } from 'express';
import type { ConfigService } from '../config/config.service';
import { ADMIN_COOKIE, AdminSessions } from './admin-session';

const config = (adminToken: string, secureCookies = false) => ({ values: { adminToken, secureCookies } }) as unknown as ConfigService;

function signIn(sessions: AdminSessions, now?: number): string {
  const headers: string[] = [];
  sessions.open({ append: (_: string, v: string) => headers.push(v) } as unknown as Response, now);
  return headers[0];
}
const request = (cookie: string) => ({ headers: { cookie } }) as unknown as Request;
const valueOf = (setCookie: string) => setCookie.split(';')[0].slice(ADMIN_COOKIE.length + 1);

describe('admin page sessions', () => {
  const sessions = new AdminSessions(config('le-jeton-admin'));

  it('checks the typed token in constant time, ignoring surrounding spaces', () => {
    expect(sessions.tokenMatches('le-jeton-admin')).toBe(true);
    expect(sessions.tokenMatches(' le-jeton-admin\n')).toBe(true);
    expect(sessions.tokenMatches('le-jeton-admi')).toBe(false);
    expect(sessions.tokenMatches(undefined)).toBe(false);
    expect(sessions.tokenMatches(['le-jeton-admin'])).toBe(false);
  });

  it('sets an HttpOnly, SameSite=Strict cookie limited to /admin, Secure behind https', () => {
    const header = signIn(sessions);
    expect(header).toMatch(/^vitrines_admin=[^;]+; Path=\/admin; Max-Age=28800; HttpOnly; SameSite=Strict$/);
    expect(signIn(new AdminSessions(config('t', true)))).toMatch(/; Secure$/);
  });

  it('accepts its own cookie and refuses tampered, foreign or expired ones', () => {
    const value = valueOf(signIn(sessions));
    expect(sessions.current(request(`other=1; ${ADMIN_COOKIE}=${value}`))).toBe(value);
    const [exp, nonce, mac] = value.split('.');
    expect(sessions.current(request(`${ADMIN_COOKIE}=${Number(exp) + 3600}.${nonce}.${mac}`))).toBeNull();
    expect(sessions.current(request(`${ADMIN_COOKIE}=${value.slice(0, -2)}xx`))).toBeNull();
    // Another ADMIN_TOKEN signs everyone out.
    expect(new AdminSessions(config('un-autre-jeton')).current(request(`${ADMIN_COOKIE}=${value}`))).toBeNull();
    const old = valueOf(signIn(sessions, Date.now() - 9 * 3600_000));
    expect(sessions.current(request(`${ADMIN_COOKIE}=${old}`))).toBeNull();
    expect(sessions.current(request(''))).toBeNull();
  });

  it('derives a CSRF token per session', () => {
    const a = valueOf(signIn(sessions));
    const b = valueOf(signIn(sessions));
    expect(sessions.csrfValid(a, sessions.csrfToken(a))).toBe(true);
    expect(sessions.csrfValid(a, sessions.csrfToken(b))).toBe(false);
    expect(sessions.csrfValid(a, undefined)).toBe(false);
    expect(sessions.csrfValid(a, '')).toBe(false);
  });
});
