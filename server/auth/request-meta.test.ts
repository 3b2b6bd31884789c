import { describe, expect, it } from 'vitest';
import { bearerToken, clientAddress, foreignOrigin, readCookie, sessionCookie } from './request-meta';
import { SlidingWindow } from './sliding-window';

describe('request meta', () => {
  it('accepts changes only from the console’s own origin', () => {
    const h = (o: Record<string, string>) => new Headers({ host: 'console.local:3000', ...o });
    expect(foreignOrigin(h({ origin: 'http://console.local:3000' }), {})).toBeNull();
    expect(foreignOrigin(h({ origin: 'http://evil.example' }), {})).toBe('http://evil.example');
    expect(foreignOrigin(h({ origin: 'http://console.local:3001' }), {})).toBe('http://console.local:3001');
    expect(foreignOrigin(h({}), {})).toBe('');
    expect(foreignOrigin(h({ origin: 'null' }), {})).toBe('');
    // Behind a reverse proxy that rewrites Host, the public URL (or X-Forwarded-Host) names the console.
    expect(foreignOrigin(new Headers({ host: '127.0.0.1:3000', origin: 'https://o2k.example.com' }), { ORA2KAFKA_PUBLIC_URL: 'https://o2k.example.com/' })).toBeNull();
    expect(foreignOrigin(new Headers({ host: '127.0.0.1:3000', 'x-forwarded-host': 'o2k.example.com', origin: 'https://o2k.example.com' }), {})).toBeNull();
  });

  it('reads the cookie, the bearer token and the client address', () => {
    expect(readCookie(new Headers({ cookie: 'a=1; o2k_session=abc-_1; b=2' }), 'o2k_session')).toBe('abc-_1');
    expect(readCookie(new Headers({ cookie: 'xo2k_session=no' }), 'o2k_session')).toBeNull();
    expect(bearerToken(new Headers({ authorization: 'Bearer o2k_x' }))).toBe('o2k_x');
    expect(bearerToken(new Headers({ authorization: 'Basic abc' }))).toBeNull();
    // serve.mjs's header wins over anything the client wrote into X-Forwarded-For.
    expect(clientAddress(new Headers({ 'x-ora2kafka-client-address': '10.0.0.5', 'x-forwarded-for': '1.2.3.4' }))).toBe('10.0.0.5');
    expect(clientAddress(new Headers({ 'x-forwarded-for': '1.2.3.4, 10.0.0.7' }))).toBe('10.0.0.7');
    expect(clientAddress(new Headers())).toBeNull();
  });

  it('writes an HttpOnly SameSite=Lax cookie, Secure over HTTPS', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(sessionCookie('tok', new Date(now + 3_600_000), false, now)).toBe('o2k_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600');
    expect(sessionCookie('tok', new Date(now + 3_600_000), true, now)).toBe('o2k_session=tok; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600; Secure');
  });
});

describe('sliding window', () => {
  it('allows max events per window and says when the next one is allowed', () => {
    const w = new SlidingWindow({ max: 2, windowMs: 1000 });
    expect(w.retryAfterMs('k', 0)).toBe(0);
    w.record('k', 0);
    w.record('k', 400);
    expect(w.retryAfterMs('k', 500)).toBe(500);
    expect(w.retryAfterMs('other', 500)).toBe(0);
    expect(w.retryAfterMs('k', 1000)).toBe(0);
    w.record('k', 1000);
    expect(w.retryAfterMs('k', 1100)).toBe(300);
    w.clear('k');
    expect(w.retryAfterMs('k', 1100)).toBe(0);
  });
});
