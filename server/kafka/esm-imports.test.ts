import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * kafkajs is CommonJS. Vitest transforms imports, but the CLI, the benchmarks and the console load
 * server code through Node's own ESM loader, which sees only the named exports its lexer can find
 * in kafkajs (ConfigResourceTypes and CompressionCodecs, for example, it does not). This runs every
 * runtime named import from 'kafkajs' in server/ through that loader.
 */
const SERVER = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' ? [] : sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [p] : [];
  });
}

describe("named imports from 'kafkajs'", () => {
  it("are all visible to Node's ESM loader", () => {
    const names = new Set<string>();
    for (const file of sources(SERVER)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/^import\s*\{([^}]*)\}\s*from\s*'kafkajs';/gm)) {
        for (const part of m[1]!.split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0]!.trim();
          if (name && !name.startsWith('type ')) names.add(name);
        }
      }
    }
    expect(names.size).toBeGreaterThan(0);
    const code = `import { ${[...names].join(', ')} } from 'kafkajs'; for (const n of [${[...names].join(', ')}]) if (n === undefined) process.exit(3);`;
    expect(() => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: SERVER, stdio: 'pipe' })).not.toThrow();
  });
});
