import { authorizeScrape } from '../auth/metrics-access';
import { renderMetrics } from './metrics-registry';

/** GET /metrics as a fetch handler (the Next route calls it; tests serve it on loopback). */
export async function handleMetricsRequest(req: Request): Promise<Response> {
  const access = await authorizeScrape(req.headers);
  if (!access.ok) return Response.json({ error: access.message }, { status: access.status, headers: { 'www-authenticate': 'Bearer realm="ora2kafka-metrics"', 'cache-control': 'no-store' } });
  const { body, contentType } = await renderMetrics();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
