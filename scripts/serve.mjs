// `npm start` (and `npm run demo`, and the browser tests): the console's production server — Next's
// request handler behind a plain Node HTTP server, so that
//  - it listens on 127.0.0.1 unless HOST says otherwise (HOST=0.0.0.0 for every interface), and
//  - the API learns the client's real address: every request gets `x-ora2kafka-client-address`
//    from the socket, overwriting whatever the client sent (Next keeps a client-supplied
//    X-Forwarded-For, so it cannot be trusted for sign-in limits). Behind a reverse proxy, set
//    ORA2KAFKA_TRUST_PROXY=1: the address is then the last X-Forwarded-For entry — the one the proxy
//    added — and the proxy's X-Forwarded-Proto/Host are kept; without it they are dropped.
// Run `next build` first.
import http from 'node:http';
import path from 'node:path';
import next from 'next';

const root = path.resolve(import.meta.dirname, '..');
const host = process.env.HOST?.trim() || '127.0.0.1';
const port = Number(process.env.PORT ?? 3000);
const trustProxy = process.env.ORA2KAFKA_TRUST_PROXY === '1';
const FORWARDED = ['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

function clientAddress(req) {
  const socket = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return socket;
  const hops = String(req.headers['x-forwarded-for'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return hops.length ? hops[hops.length - 1] : socket;
}

const app = next({ dev: false, dir: root, hostname: host, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers['x-ora2kafka-client-address'] = clientAddress(req);
  if (!trustProxy) for (const h of FORWARDED) delete req.headers[h];
  handle(req, res).catch((e) => {
    console.error(`request ${req.method} ${req.url} failed: ${e instanceof Error ? e.message : e}`);
    if (!res.headersSent) res.writeHead(500).end();
  });
});

// A client that keeps connections open (a reverse proxy's upstream pool, a script's HTTP agent,
// Playwright's request context) may send on an idle connection just as the server closes it, and
// gets ECONNRESET. Node closes idle connections after 5 s; clients and proxies (nginx: 60 s) hold
// them longer, so the server must outlast them: 65 s, and the header timeout just above it.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;

server.listen(port, host, () => {
  const shown = host.includes(':') ? `[${host}]` : host;
  console.log(`console listening on http://${shown}:${port}`);
  if (!['127.0.0.1', 'localhost', '::1'].includes(host)) {
    console.log(`HOST=${host}: reachable from other machines. Serve it through a TLS reverse proxy (README, "Behind TLS").`);
  }
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  // Open keep-alive connections and engine sockets must not hold the exit.
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
