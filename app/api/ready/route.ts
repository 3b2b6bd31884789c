import { readiness } from '@/server/host/readiness';

export const dynamic = 'force-dynamic';

/** Readiness: the metadata database answers and the engine host is up. No token, nothing else revealed. */
export async function GET(): Promise<Response> {
  const ready = await readiness();
  return Response.json({ status: ready ? 'ready' : 'not ready' }, { status: ready ? 200 : 503, headers: { 'cache-control': 'no-store' } });
}
