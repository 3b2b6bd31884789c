/**
 * What the access layer reads from an HTTP request: the session cookie, the bearer token, the
 * client address, whether the browser reached us over HTTPS, and whether a change comes from the
 * console's own pages (Origin). Headers only, so the Next route, the proxy and tests share it.
 *
 * The client address is the one scripts/serve.mjs (`npm start`) writes into
 * `x-ora2kafka-client-address` from the socket — or, with ORA2KAFKA_TRUST_PROXY=1, the last
 * X-Forwarded-For entry, the address the reverse proxy saw. A client cannot set it: serve.mjs
 * overwrites it on every request.
 */
export const SESSION_COOKIE = 'o2k_session';
export const CLIENT_ADDRESS_HEADER = 'x-ora2kafka-client-address';

export function readCookie(headers: Headers, name: string): string | null {
  const raw = headers.get('cookie');
  if (!raw) return null;
  for (const part of raw.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

export function bearerToken(headers: Headers): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(headers.get('authorization') ?? '');
  return m ? m[1]! : null;
}

export function clientAddress(headers: Headers): string | null {
  const trusted = headers.get(CLIENT_ADDRESS_HEADER)?.trim();
  if (trusted) return trusted;
  // `next dev` (no serve.mjs): Next's own X-Forwarded-For, last hop first.
  const forwarded = headers.get('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
  return forwarded?.length ? forwarded[forwarded.length - 1]! : null;
}

export function isHttps(headers: Headers): boolean {
  return (headers.get('x-forwarded-proto') ?? '').split(',')[0]!.trim().toLowerCase() === 'https';
}

/** HttpOnly, SameSite=Lax, Path=/, Secure when the browser came over HTTPS; lives until the session's absolute expiry. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean, now = Date.now()): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now) / 1000));
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
}

export function clearedSessionCookie(secure: boolean): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${secure ? '; Secure' : ''}`;
}

/**
 * Null when the request's Origin is this console; otherwise the origin it came from ('' when absent).
 * This console = the Host the request was sent to (or X-Forwarded-Host from the proxy), or the
 * host of ORA2KAFKA_PUBLIC_URL.
 */
export function foreignOrigin(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return '';
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return origin;
  }
  const own = [headers.get('host'), headers.get('x-forwarded-host')?.split(',')[0]];
  if (env.ORA2KAFKA_PUBLIC_URL) {
    try {
      own.push(new URL(env.ORA2KAFKA_PUBLIC_URL).host);
    } catch {
      // A malformed public URL adds nothing; the Host header still works.
    }
  }
  return own.some((h) => h?.trim().toLowerCase() === host) ? null : origin;
}
