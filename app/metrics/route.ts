import { authorizeScrape } from '@/server/auth/metrics-access';
import { renderMetrics } from '@/server/host/metrics-registry';

export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint (text exposition format); see README "Metrics". */
export async function GET(req: Request): Promise<Response> {
  const access = await authorizeScrape(req.headers);
  if (!access.ok) return Response.json({ error: access.message }, { status: access.status, headers: { 'www-authenticate': 'Bearer realm="ora2kafka-metrics"', 'cache-control': 'no-store' } });
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
