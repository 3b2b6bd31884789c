/**
 * The Content-Security-Policy of the console's pages (proxy.ts sets it with a fresh nonce per
 * request; Next puts the nonce on its own scripts). Scripts run only from this origin and with the
 * nonce — no 'unsafe-eval' in production (React's development build needs eval for its error
 * overlay). Styles allow inline `style` attributes, which React renders; nothing else is inline.
 * Framing is refused (frame-ancestors 'none'), and forms post only here.
 */
export function pageCsp(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** API answers are data, never documents: nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'";
