import type { z } from 'zod';

/** zod issues → { "source.port": "Port must be …" } (first message per field), for inline errors. */
export function issueMap(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.');
    out[key] ??= issue.message;
  }
  return out;
}
