import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The layer rules in eslint.config.mjs fail lint when a file imports across a layer boundary: each
 * case lints a small file placed in a layer (via ESLint's Node API, with the repository's real
 * config) and expects exactly its forbidden import lines to be reported.
 */
const ROOT = path.resolve(import.meta.dirname, '..');
const LAYER_RULES = new Set(['import/no-restricted-paths', 'no-restricted-imports']);
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** Lines reported by a layer rule when `lines` (one import each) sit in a file at `file`. */
async function flaggedLines(file: string, lines: string[]): Promise<number[]> {
  const [result] = await eslint.lintText(`${lines.join('\n')}\n`, { filePath: path.join(ROOT, file) });
  return result!.messages.filter((m) => LAYER_RULES.has(m.ruleId ?? '')).map((m) => m.line);
}

const all = (lines: string[]) => lines.map((_, i) => i + 1);

interface Zone {
  target: string;
  from: string;
  except?: string[];
}

/** The layer rules ESLint applies to a file in `folder`: forbidden folders and package patterns. */
async function rulesFor(folder: string): Promise<{ zones: Zone[]; packages: string[] }> {
  const config = await eslint.calculateConfigForFile(path.join(ROOT, folder, 'probe.ts'));
  const zones = (config.rules?.['import/no-restricted-paths']?.[1]?.zones ?? []) as Zone[];
  const patterns = (config.rules?.['no-restricted-imports']?.[1]?.patterns ?? []) as { group: string[] }[];
  return { zones, packages: patterns.flatMap((p) => p.group) };
}

/** A real source file under `folder` (not a test), for an import the resolver can follow. */
function someFileIn(folder: string, skip: string[] = []): string | null {
  const abs = path.join(ROOT, folder);
  const walk = (dir: string): string | null => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isFile() && /\.tsx?$/.test(e.name) && !/\.(test|d)\.tsx?$/.test(e.name) && !skip.includes(path.relative(abs, p))) return p;
    }
    for (const e of entries) if (e.isDirectory()) { const found = walk(path.join(dir, e.name)); if (found) return found; }
    return null;
  };
  return walk(abs);
}

function importOf(fromFile: string, target: string): string {
  const spec = path.relative(path.dirname(path.join(ROOT, fromFile)), target).replace(/\.tsx?$/, '');
  return `import '${spec.startsWith('.') ? spec : `./${spec}`}';`;
}

describe('layer rules (eslint.config.mjs)', () => {
  it('fail when the engine imports Prisma, kafkajs, the store, the services or its host', async () => {
    const lines = [
      "import type { Admin } from 'kafkajs';",
      "import { PrismaClient } from '@prisma/client';",
      "import { getDb } from '../store/db';",
      "import { startTask } from '@/server/services/task-start';",
      "import { startStoredTask } from '../host/console-tasks';",
      "export const later = () => import('../store/task-repository');",
      "import { TransactionalProducer } from '../kafka/tx-producer';",
    ];
    expect(await flaggedLines('server/engine/probe.ts', lines)).toEqual(all(lines));
    expect(await flaggedLines('server/engine/phases/probe.ts', lines.map((l) => l.replace("'../", "'../../")))).toEqual(all(lines));
  });

  it('let the engine use the model, its ports, the Oracle gateway, formats and pure Kafka semantics', async () => {
    const lines = [
      "import type { OpenedTarget } from '../model/pending-record';",
      "import type { OracleGateway } from '../oracle/gateway';",
      "import { createFormat } from '../formats';",
      "import { createPartitioner } from '../kafka/partitioner';",
      "import { frameConfluent } from '@/server/kafka/confluent-frame';",
    ];
    expect(await flaggedLines('server/engine/probe.ts', lines)).toEqual([]);
  });

  it('keep the model free of every other layer and the store below the services', async () => {
    const model = await rulesFor('server/model');
    for (const layer of ['engine', 'kafka', 'oracle', 'formats', 'store', 'services', 'host', 'api', 'auth', 'cli']) expect(model.zones.map((z) => z.from)).toContain(`./server/${layer}`);
    expect((await rulesFor('server/store')).zones.map((z) => z.from)).toContain('./server/services');
    expect(await flaggedLines('server/store/probe.ts', ["import { summarize } from '../services/precheck';"])).toEqual([1]);
    expect(await flaggedLines('server/model/probe.ts', ["import { openGateway } from '../oracle/open-gateway';", "import { Kafka } from 'kafkajs';"])).toEqual([1, 2]);
  });

  it('keep test scaffolding (test/, bench/) out of product files, and let tests use it', async () => {
    const lines = ["import { MemoryTarget } from '../../test/support/engine/memory-target';", "import { jsonTestFormat } from '@/test/support/engine/json-test-format';"];
    expect(await flaggedLines('server/engine/probe.ts', lines)).toEqual(all(lines));
    expect(await flaggedLines('server/engine/probe.test.ts', lines)).toEqual([]);
    expect(await flaggedLines('components/tasks/probe.tsx', ["import { name } from '../../bench/suites/oracle-sim';"])).toEqual([1]);
    // Layer rules hold in tests too.
    expect(await flaggedLines('server/engine/probe.test.ts', ["import { getDb } from '../store/db';"])).toEqual([1]);
  });

  for (const folder of ['server/engine', 'server/model', 'server/formats', 'server/kafka', 'server/oracle', 'server/store', 'server/services', 'server/host', 'server/auth', 'server/api']) {
    it(`fail for every import ${folder} is forbidden`, async () => {
      const { zones, packages } = await rulesFor(folder);
      expect(zones.length).toBeGreaterThan(0);
      const probe = `${folder}/probe.ts`;
      const lines: string[] = [];
      for (const z of zones) {
        const target = someFileIn(z.from, (z.except ?? []).map((e) => path.normalize(e)));
        expect(target, `a file to import from ${z.from}`).not.toBeNull();
        lines.push(importOf(probe, target!));
      }
      for (const p of packages) lines.push(`import '${p.replace('/*', '/client')}';`);
      expect(await flaggedLines(probe, lines)).toEqual(all(lines));
    });
  }
});
