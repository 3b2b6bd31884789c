#!/usr/bin/env node
// Headless CLI: `npx ora2kafka run task.json`, `precheck task.json`, `status [task.json]`.
// The engine is TypeScript; tsx compiles it on the fly (the same code the console runs).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli/main.ts');
const code = await main(process.argv.slice(2));
// Kafka and Oracle clients may keep sockets alive for a moment; the work is done.
process.exit(code);
