import { handleMetricsRequest } from '@/server/host/metrics-endpoint';

export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint (text exposition format); see README "Metrics". */
export function GET(req: Request): Promise<Response> {
  return handleMetricsRequest(req);
}
