import type { KafkaDestination } from '../model/kafka-destination';
import type { OracleSource } from '../model/oracle-source';
import { CONFLICT_MODES, migrationTypesSchema, PARTITION_POLICIES, type PartitionPolicy } from '../model/task-config';
import { objectSelectionSchema } from '../model/task-objects';
import { beginRun, completeRun, latestRunId, recordResults, runView, setItemIgnored, type PrecheckRunView } from '../store/precheck-repository';
import { loadTaskForConnectors } from '../store/task-repository';
import { asReported, isIgnorable, itemName, summarize, type ItemResult, type RunSummary } from '../model/precheck-items';
import { advancedSettingsSchema, deadLetterTopicOf } from '../model/task-advanced';
import { destinationItems, plannedDestinationCodes, type DestinationPlan } from './precheck-kafka';
import { plannedSourceCodes, sourceItems, type OpenGateway, type SourcePlan } from './precheck-source';

/**
 * Step 5 of the wizard, "Precheck": one PrecheckRun per click of Precheck Again. The source and
 * the destination are checked at the same time; each side's items are stored as soon as that side
 * is done, so the console's progress bar moves while the run is going. Runs execute inside this
 * process; a run found Running that this process does not know (the console restarted) is closed
 * as failed the next time anyone looks at it.
 */

export interface PrecheckDeps {
  openGateway?: OpenGateway;
  checkDestination?: (plan: DestinationPlan) => Promise<ItemResult[]>;
}

export type PrecheckPlan = SourcePlan & DestinationPlan;

const ACTIVE = Symbol.for('ora2kafka.precheck.active');
function activeRuns(): Set<number> {
  const g = globalThis as { [ACTIVE]?: Set<number> };
  return (g[ACTIVE] ??= new Set());
}

/** What the precheck needs from a stored task; sections of later wizard steps may be missing yet. */
export function planFromConfig(stored: { source: OracleSource; destination: KafkaDestination } & Record<string, unknown>): PrecheckPlan {
  const types = migrationTypesSchema.safeParse(stored.migrationTypes ?? {});
  const objects = objectSelectionSchema.safeParse(stored.objects);
  const conflict = stored.conflictMode;
  const policy = stored.partitionPolicy;
  return {
    source: stored.source,
    destination: stored.destination,
    types: types.success ? types.data : { schema: true, full: true, incremental: true },
    objects: objects.success ? objects.data : null,
    conflictMode: (CONFLICT_MODES as readonly unknown[]).includes(conflict) ? (conflict as PrecheckPlan['conflictMode']) : 'precheck-and-report',
    partitionPolicy: (PARTITION_POLICIES as readonly unknown[]).includes(policy) ? (policy as PartitionPolicy) : 'partition-0',
    deadLetterTopic: deadLetterTopicIn(stored),
  };
}

/** The dead-letter topic when the task's advanced settings send unreadable changes there. */
function deadLetterTopicIn(stored: { destination: KafkaDestination } & Record<string, unknown>): string | null {
  const advanced = advancedSettingsSchema.safeParse(stored.advanced ?? {});
  if (!advanced.success || advanced.data.unreadableRedo !== 'dead-letter') return null;
  return deadLetterTopicOf(advanced.data, stored.destination.topic);
}

/**
 * The same items without storing anything (the CLI's `precheck` on a task file): every item with
 * its name and ignorable flag, and the summary as if nothing were ignored.
 */
export async function evaluatePrecheck(plan: PrecheckPlan, deps: PrecheckDeps = {}): Promise<{ items: (ItemResult & { name: string; ignorable: boolean })[]; summary: RunSummary }> {
  const [src, dst] = await Promise.all([sourceItems(plan, deps.openGateway), (deps.checkDestination ?? destinationItems)(plan)]);
  const items = [...src, ...dst].map(asReported).map((i) => ({ ...i, name: itemName(i.code), ignorable: isIgnorable(i.status) }));
  return { items, summary: summarize(items.map((i) => ({ status: i.status, ignored: false })), true) };
}

/** Starts a run and returns at once; `done` settles when every item has a result. */
export async function startPrecheck(taskId: string, deps: PrecheckDeps = {}): Promise<{ runId: number; done: Promise<PrecheckRunView> }> {
  await closeInterruptedRun(taskId);
  const plan = planFromConfig(await loadTaskForConnectors(taskId));
  const { runId, carriedIgnores } = await beginRun(taskId, [...plannedSourceCodes(plan), ...plannedDestinationCodes(plan)]);
  activeRuns().add(runId);
  const record = async (items: Promise<ItemResult[]>) => recordResults(runId, (await items).map(asReported), carriedIgnores);
  const done = (async () => {
    try {
      await Promise.all([record(sourceItems(plan, deps.openGateway)), record((deps.checkDestination ?? destinationItems)(plan))]);
      return await completeRun(runId);
    } catch (e) {
      return await completeRun(runId, `the precheck stopped with an error (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      activeRuns().delete(runId);
    }
  })();
  // The API does not wait for `done`; make sure a failure there is never an unhandled rejection.
  done.catch(() => undefined);
  return { runId, done };
}

/** Runs a precheck to the end (CLI, tests). */
export async function runPrecheck(taskId: string, deps: PrecheckDeps = {}): Promise<PrecheckRunView> {
  return (await startPrecheck(taskId, deps)).done;
}

export async function latestPrecheck(taskId: string): Promise<PrecheckRunView | null> {
  await closeInterruptedRun(taskId);
  const id = await latestRunId(taskId);
  return id === null ? null : runView(id);
}

/**
 * "Confirm Alert Details > Ignore" on an alert: counted as ignored from the next run on, so the
 * success rate reaches 100% only after Precheck Again. Undoing an ignore counts at once.
 */
export async function ignorePrecheckItem(taskId: string, itemId: number, ignored: boolean): Promise<PrecheckRunView> {
  return setItemIgnored(taskId, itemId, ignored);
}

async function closeInterruptedRun(taskId: string): Promise<void> {
  const id = await latestRunId(taskId);
  if (id === null || activeRuns().has(id)) return;
  const run = await runView(id);
  if (run?.status === 'Running') await completeRun(id, 'the precheck was interrupted because the console restarted while it ran');
}
