export const dynamic = 'force-dynamic';

/** Liveness: the process answers. No token, and nothing else is revealed. */
export function GET(): Response {
  return Response.json({ status: 'ok' }, { headers: { 'cache-control': 'no-store' } });
}
