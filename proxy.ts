import { NextResponse, type NextRequest } from 'next/server';
import { API_CSP, pageCsp } from './server/auth/content-security-policy';
import { SESSION_COOKIE } from './server/auth/request-meta';

/**
 * Runs before every page and API request (Next's proxy, formerly middleware):
 *  - pages get a Content-Security-Policy with a fresh nonce (Next reads it from the request's CSP
 *    header and puts it on its scripts);
 *  - a page requested without a session cookie redirects to /sign-in?next=<page>. The console's
 *    layout then checks the session itself (expired or revoked cookies), so this is only the fast path;
 *  - the API is left to its own answers (401/403 JSON), with a CSP that allows nothing.
 */
const PUBLIC_PAGES = new Set(['/sign-in']);

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The API and the Prometheus scrape answer for themselves (401/403 JSON), never with a redirect.
  if (pathname.startsWith('/api/') || pathname === '/metrics') {
    const res = NextResponse.next();
    res.headers.set('Content-Security-Policy', API_CSP);
    return res;
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = pageCsp(nonce, process.env.NODE_ENV === 'development');
  if (!PUBLIC_PAGES.has(pathname) && !request.cookies.has(SESSION_COOKIE)) {
    const to = new URL('/sign-in', request.url);
    if (pathname !== '/') to.searchParams.set('next', `${pathname}${search}`);
    const res = NextResponse.redirect(to);
    res.headers.set('Content-Security-Policy', csp);
    return res;
  }
  const headers = new Headers(request.headers);
  headers.set('Content-Security-Policy', csp);
  headers.set('x-ora2kafka-path', `${pathname}${search}`);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set('Content-Security-Policy', csp);
  return res;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
