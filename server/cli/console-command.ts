import type { CreateTaskInput } from '../model/wizard-sections';
import { consoleClient, ConsoleAccessError, describeConsoleError } from './console-client';
import { readTaskFileRaw, TaskFileError } from './task-file';

/**
 * `ora2kafka console <tasks | create FILE | status ID | pause ID | resume ID | release ID> [--url URL] [--json]`:
 * the tasks of a running console, driven through its API with the token in ORA2KAFKA_TOKEN. What
 * the token may do is its role's (a viewer token lists; an operator token pauses…); the console
 * audits each change under the token's name.
 *
 *   $ ORA2KAFKA_TOKEN=o2k_… ora2kafka console tasks
 *   o2k-3f9c21aa-1b2c  Migrating   hr_to_kafka   demo-oracle.sim:1521/SIMDB → oracle-cdc @ 127.0.0.1:9092
 *   $ ora2kafka console reread o2k-3f9c21aa-1b2c HR.EMPLOYEES      (rows again as INIT records, the stream goes on)
 *   $ ORACLE_PASSWORD=… ora2kafka console create task.json      (the JSON of Preview API Call; "env:NAME" passwords)
 *   Created task o2k-5fdf3f9f-cd54 (Not Started) in http://127.0.0.1:3000.
 */
export async function consoleCommand(options: { args: string[]; url?: string; json?: boolean; env?: Record<string, string | undefined>; write: (l: string) => void }): Promise<number> {
  const [action, id] = options.args;
  let conn: ReturnType<typeof consoleClient>;
  try {
    conn = consoleClient(options.env ?? process.env, options.url);
  } catch (e) {
    if (!(e instanceof ConsoleAccessError)) throw e;
    options.write(`error: ${e.message}\n  fix: ${e.hint}`);
    return 2;
  }
  const { client, base } = conn;
  try {
    switch (action) {
      case 'tasks': {
        const tasks = await client.task.list.query();
        if (options.json) options.write(JSON.stringify(tasks));
        else if (tasks.length === 0) options.write('The console has no tasks.');
        else for (const t of tasks) options.write(`${t.id}  ${t.status.padEnd(14)}  ${t.name}  ${t.source} → ${t.destination}`);
        return 0;
      }
      case 'create': {
        if (!id) break;
        let body: unknown;
        try {
          body = readTaskFileRaw(id, options.env ?? process.env);
        } catch (e) {
          if (!(e instanceof TaskFileError)) throw e;
          options.write(e.message);
          return 2;
        }
        // The console validates the task exactly as the wizard would and answers each problem with its field.
        const res = await client.task.create.mutate(body as CreateTaskInput);
        options.write(options.json ? JSON.stringify(res) : `Created task ${res.id} (Not Started) in ${base}. Precheck and start it in the console, or with precheck.start and task.start.`);
        return 0;
      }
      case 'status': {
        if (!id) break;
        const [task, progress] = await Promise.all([client.task.get.query({ id }), client.taskMonitor.progress.query({ id })]);
        if (options.json) {
          options.write(JSON.stringify({ id: task.id, name: task.name, status: task.status, phases: progress.phases }));
          return 0;
        }
        options.write(`${task.name}  ${task.id}  ${task.status}`);
        for (const p of progress.phases) options.write(`  ${p.phase.padEnd(12)} ${p.status.padEnd(10)} ${p.percent.toFixed(1)}%`);
        return 0;
      }
      case 'pause':
      case 'resume':
      case 'release': {
        if (!id) break;
        const res = await client.taskMonitor[action].mutate({ id });
        options.write(options.json ? JSON.stringify({ id, status: res.status }) : `${id}: ${res.status}`);
        return 0;
      }
      case 'reread': {
        const tables = options.args.slice(2);
        if (!id || tables.length === 0) break;
        const res = await client.taskMonitor.resnapshot.mutate({ id, tables });
        options.write(options.json ? JSON.stringify({ id, ...res }) : `${id}: re-reading ${tables.join(', ')} while the stream goes on (request ${res.snapshotId}); progress under Tables on the dashboard.`);
        return 0;
      }
    }
    options.write('usage: ora2kafka console <tasks | create FILE | status ID | pause ID | resume ID | release ID | reread ID OWNER.TABLE…> [--url URL] [--json]');
    return 2;
  } catch (e) {
    const described = describeConsoleError(e, base);
    options.write(`error: ${described.message}${described.hint ? `\n  fix: ${described.hint}` : ''}`);
    return 1;
  }
}
