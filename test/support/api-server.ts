import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleApiRequest } from '../../server/api/http-handler';

/**
 * The console's API on a loopback port, in the test's process: the same handler the Next route
 * calls, behind a plain Node server that — like scripts/serve.mjs — writes the socket's address
 * into x-ora2kafka-client-address. `seen` holds every response body and header, for tests that
 * check what the API ever said.
 */
export interface ApiServer {
  url: string;
  seen: string[];
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
      headers.set('x-ora2kafka-client-address', req.socket.remoteAddress ?? 'unknown');
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      const response = await handleApiRequest(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: req.method === 'GET' ? undefined : body }));
      const text = await response.text();
      seen.push(`${[...response.headers].map(([k, v]) => `${k}: ${v}`).join('\n')}\n\n${text}`);
      const out: Record<string, string | string[]> = {};
      response.headers.forEach((v, k) => {
        if (k !== 'set-cookie') out[k] = v;
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length) out['set-cookie'] = cookies;
      res.writeHead(response.status, out).end(text);
    })().catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
