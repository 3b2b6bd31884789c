import { consoleCommand } from './console-command';
import { precheckCommand } from './precheck-command';
import { runCommand } from './run-command';
import { simServerCommand } from './sim-server-command';
import { statusCommand } from './status-command';
import { verifyCommand } from './verify-command';
import { cliTaskId, readTaskFile, TaskFileError } from './task-file';
import { workerCommand } from './worker-command';

/**
 * The headless CLI (bin/ora2kafka.mjs):
 *   ora2kafka run task.json [--task-id ID] [--exit-when-caught-up] [--json]
 *   ora2kafka precheck task.json
 *   ora2kafka status [task.json] [--task-id ID] [--json]
 *   ora2kafka validate task.json
 *   ora2kafka verify task.json [--scn N] [--recent MINUTES] [--task-id ID] [--json]
 *   ora2kafka console tasks | create FILE | status ID | pause ID | resume ID | release ID | reread ID OWNER.TABLE…   (a running console, with ORA2KAFKA_TOKEN)
 *   ora2kafka worker [--cluster NAME] [--brokers host:9092]   (cluster mode: runs the tasks its cluster assigns it)
 *   ora2kafka sim-server [--port P] [--workload TX_PER_S]     (one simulated source for many processes)
 * The task file is the JSON the console's API takes (see task-file.ts).
 */
const USAGE = `Usage:
  ora2kafka run <task.json> [--task-id ID] [--exit-when-caught-up] [--json] [--checkpoint-topic T]
      Migrate: schema, full and/or incremental as the task selects. Ctrl-C stops after committing
      what was read; run the same file again to resume.
  ora2kafka precheck <task.json>
      Check the source, the destination and the task settings; exit code 1 when an item fails.
  ora2kafka status [task.json] [--task-id ID] [--json]
      The task's last checkpoint in Kafka and its local progress; without a file, every task run here.
  ora2kafka validate <task.json>
      Check the task file only (no connections).
  ora2kafka verify <task.json> [--scn N] [--recent MINUTES [--sample N]] [--task-id ID] [--checkpoint-topic T] [--json]
      Compare the source's rows AS OF an SCN (default: the latest the task has committed) with the
      replay of the task's topic, per key. Exit code 0 when every table matches, 1 on differences,
      3 when a table cannot be proven (e.g. retention deleted records from the topic). --recent
      checks only keys changed in the last MINUTES (up to --sample per table, default 100).
  ora2kafka console <tasks | create FILE | status ID | pause ID | resume ID | release ID> [--url URL] [--json]
      The tasks of a running console, through its API; create makes a Not Started task from a task
      file (the JSON the console's Preview API Call shows). Needs ORA2KAFKA_TOKEN (an API token an admin
      creates under Users & API Tokens); the console is ORA2KAFKA_CONSOLE_URL or --url
      (default http://127.0.0.1:3000).
  ora2kafka worker [--cluster NAME] [--brokers host:9092]
      Run the tasks of cluster NAME (default "default") and nothing else, with the other workers of
      the cluster: DATABASE_URL=postgresql://… (the console's) and ORA2KAFKA_GROUP_BROKERS (or
      --brokers, the Kafka cluster the workers coordinate through). Ctrl-C hands its tasks over.
  ora2kafka sim-server [--port P] [--workload TX_PER_S]
      Serve the built-in Oracle simulator on 127.0.0.1:P so the console and every worker read one
      simulated source (start them with ORA2KAFKA_SIM_SERVER=127.0.0.1:P).`;

export interface ParsedArgs {
  command: string;
  file?: string;
  flags: Record<string, string | true>;
}

export function parseArgs(argv: string[]): ParsedArgs & { rest: string[] } {
  const flags: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const [k, v] = a.slice(2).split('=', 2) as [string, string | undefined];
      if (v !== undefined) flags[k] = v;
      else if (['task-id', 'checkpoint-topic', 'url', 'cluster', 'brokers', 'port', 'workload', 'scn', 'recent', 'sample'].includes(k) && argv[i + 1] !== undefined) flags[k] = argv[++i]!;
      else flags[k] = true;
    } else positional.push(a);
  }
  return { command: positional[0] ?? 'help', file: positional[1], flags, rest: positional.slice(1) };
}

export async function main(argv: string[], write: (l: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const { command, file, flags, rest } = parseArgs(argv);
  const str = (k: string) => (typeof flags[k] === 'string' ? (flags[k] as string) : undefined);
  try {
    switch (command) {
      case 'run':
        if (!file) break;
        return await runCommand({ file, taskId: str('task-id'), json: flags.json === true, exitWhenCaughtUp: flags['exit-when-caught-up'] === true, checkpointTopic: str('checkpoint-topic'), write });
      case 'precheck':
        if (!file) break;
        return await precheckCommand({ file, write });
      case 'status':
        return await statusCommand({ file, taskId: str('task-id'), checkpointTopic: str('checkpoint-topic'), json: flags.json === true, write });
      case 'verify':
        if (!file) break;
        return await verifyCommand({ file, taskId: str('task-id'), scn: str('scn'), recentMinutes: str('recent'), sample: str('sample'), checkpointTopic: str('checkpoint-topic'), json: flags.json === true, write });
      case 'console':
        return await consoleCommand({ args: rest, url: str('url'), json: flags.json === true, write });
      case 'worker':
        return await workerCommand({ cluster: str('cluster'), brokers: str('brokers'), write });
      case 'sim-server':
        return await simServerCommand({ port: str('port'), workload: str('workload'), write });
      case 'validate': {
        if (!file) break;
        const config = readTaskFile(file);
        write(`${file} is a valid task; it runs as ${cliTaskId(config, str('task-id'))}.`);
        return 0;
      }
      case 'help':
      case '--help':
        write(USAGE);
        return 0;
    }
    write(USAGE);
    return 2;
  } catch (e) {
    if (e instanceof TaskFileError) {
      write(e.message);
      return 2;
    }
    const err = e as Error & { hint?: string };
    write(`error: ${err.message}${err.hint ? `\n  fix: ${err.hint}` : ''}`);
    return 1;
  }
}
