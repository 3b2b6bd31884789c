import { ALERT_RULES, type AlertRule, type AlertRules } from '../../model/task-monitoring';
import type { TaskDiagnostics } from '../../model/task-diagnostics';
import type { TaskStatus } from '../../model/task-status';

/**
 * The alert rules as a pure step function: what the task looks like now, plus what was remembered
 * from earlier steps (since when a condition has held, which episodes are open), gives the
 * notifications to send. One `fired` per episode, one `resolved` when its condition clears; a
 * disabled rule closes its open episode.
 *
 *   latency 90 s, rule { seconds: 60, minutes: 5 }, above since 5 min 10 s → fire latency (value 90, threshold 60)
 *   next step latency 20 s                                             → resolve latency
 */
export interface AlertObservation {
  status: TaskStatus;
  /** When the task entered its current status. */
  statusSinceMs: number;
  reason: string | null;
  diagnostics: TaskDiagnostics | null;
  /** When the full phase was first seen running (null: not running now). */
  fullRunningSinceMs: number | null;
  /** The task's latest finished data verification (null: none yet). */
  verification: VerificationOutcome | null;
}

export interface VerificationOutcome {
  runId: number;
  /** passed | differences | unprovable | failed */
  status: string;
  scn: string | null;
  /** Rows missing, extra or different, over all tables. */
  differences: number;
  errorMessage: string | null;
}

export interface AlertMemory {
  /** Since when each duration-qualified condition has held (cleared when it stops holding). */
  since: Partial<Record<AlertRule, number>>;
  /** Open episodes: rule → id of the fired event. */
  open: Partial<Record<AlertRule, number>>;
}

export interface AlertDecision {
  rule: AlertRule;
  kind: 'fired' | 'resolved';
  message: string;
  value: number | null;
  threshold: number | null;
}

interface Check {
  holds: boolean;
  /** Held for long enough (or at once when the rule has no duration). */
  due: boolean;
  message: string;
  value: number | null;
  threshold: number | null;
}

const min = (ms: number) => ms / 60_000;
/** At most `digits` decimals, no trailing zeros: 0.05, 4.2, 60. */
const fmt = (n: number, digits = 2) => String(Number(n.toFixed(digits)));

function check(rule: AlertRule, rules: AlertRules, o: AlertObservation, memory: AlertMemory, now: number): Check {
  const d = o.diagnostics;
  const held = (holds: boolean, forMs: number) => {
    if (!holds) {
      delete memory.since[rule];
      return false;
    }
    memory.since[rule] ??= now;
    return now - memory.since[rule]! >= forMs;
  };
  switch (rule) {
    case 'taskFailed': {
      const holds = o.status === 'Failed';
      return { holds, due: holds, message: holds ? `The task failed: ${o.reason ?? 'no reason given'}` : 'The task runs again.', value: null, threshold: null };
    }
    case 'retrying': {
      const r = rules.retrying;
      const holds = o.status === 'Retrying' && now - o.statusSinceMs > r.minutes * 60_000;
      return { holds, due: holds, message: holds ? `The task has been Retrying for ${fmt(min(now - o.statusSinceMs))} min (more than ${fmt(r.minutes)} min): ${o.reason ?? ''}`.trim() : 'The task is no longer Retrying.', value: min(now - o.statusSinceMs), threshold: r.minutes };
    }
    case 'latency': {
      const r = rules.latency;
      const s = d?.latencyMs === null || d?.latencyMs === undefined ? null : d.latencyMs / 1000;
      const holds = s !== null && s > r.seconds && (o.status === 'Migrating' || o.status === 'Retrying');
      const due = held(holds, r.minutes * 60_000);
      return { holds, due, message: holds ? `Latency has been above ${fmt(r.seconds)} s for ${fmt(r.minutes)} min (now ${fmt(s!)} s).` : `Latency is back under ${fmt(r.seconds)} s${s === null ? '' : ` (now ${fmt(s)} s)`}.`, value: s, threshold: r.seconds };
    }
    case 'fullTooLong': {
      const r = rules.fullTooLong;
      const hours = o.fullRunningSinceMs === null ? null : (now - o.fullRunningSinceMs) / 3_600_000;
      const holds = hours !== null && hours > r.hours;
      return { holds, due: holds, message: holds ? `Full data migration has been running for ${fmt(hours!, 2)} h (more than ${fmt(r.hours)} h).` : 'Full data migration is no longer running.', value: hours, threshold: r.hours };
    }
    case 'logRetention': {
      const r = rules.logRetention;
      const lr = d?.logRetention ?? null;
      const leftH = lr === null ? null : (lr.purgeAtMs - now) / 3_600_000;
      const holds = lr !== null && leftH! < r.hours && o.status !== 'Finished' && o.status !== 'Released';
      return {
        holds,
        due: holds,
        message: holds
          ? `Archived log thread ${lr!.thread} sequence ${lr!.sequence} (${lr!.name}), which a restart from the checkpoint still needs, will be purged by the database's ${fmt(lr!.retentionHours, 3)} h retention in ${fmt(Math.max(0, leftH!), 2)} h (at ${new Date(lr!.purgeAtMs).toISOString()}). Find what holds the checkpoint back (lag explainer) or keep the logs longer.`
          : 'No archived log the checkpoint needs is close to being purged.',
        value: leftH,
        threshold: r.hours,
      };
    }
    case 'openTransaction': {
      const r = rules.openTransaction;
      const oldest = d?.openTransactions[0] ?? null;
      const ageMin = oldest === null ? null : min(oldest.ageMs);
      const holds = ageMin !== null && ageMin > r.minutes;
      return {
        holds,
        due: holds,
        message: holds ? `Transaction ${oldest!.xid} (${oldest!.userName ?? 'unknown user'}, ${oldest!.rows} rows of ${oldest!.tables.join(', ') || 'no table'}) has been open for ${fmt(ageMin!)} min (more than ${fmt(r.minutes)} min); it holds the restart position back.` : 'No open transaction is older than the limit.',
        value: ageMin,
        threshold: r.minutes,
      };
    }
    case 'verification': {
      // 'unprovable' is a stated limit (e.g. records deleted by retention), not a difference.
      const v = o.verification;
      const holds = v !== null && (v.status === 'differences' || v.status === 'failed');
      const at = v?.scn ? ` at SCN ${v.scn}` : '';
      const message = !v
        ? 'No data verification has run.'
        : v.status === 'differences'
          ? `Data verification ${v.runId}${at} found ${v.differences} row difference(s) between the source and Kafka; open it on the task page for the keys and both images.`
          : v.status === 'failed'
            ? `Data verification ${v.runId} could not run: ${v.errorMessage ?? 'no reason given'}`
            : `Data verification ${v.runId}${at}: ${v.status}.`;
      return { holds, due: holds, message, value: v?.status === 'differences' ? v.differences : null, threshold: null };
    }
  }
}

export function evaluateAlerts(rules: AlertRules, enabled: boolean, o: AlertObservation, memory: AlertMemory, now: number): AlertDecision[] {
  const out: AlertDecision[] = [];
  for (const rule of ALERT_RULES) {
    const on = enabled && rules[rule].enabled;
    const c = on ? check(rule, rules, o, memory, now) : null;
    const open = memory.open[rule] !== undefined;
    if (c?.due && !open) out.push({ rule, kind: 'fired', message: c.message, value: c.value, threshold: c.threshold });
    else if (open && (!c || !c.holds)) out.push({ rule, kind: 'resolved', message: c?.message ?? 'The rule was turned off.', value: c?.value ?? null, threshold: c?.threshold ?? null });
    if (!c) delete memory.since[rule];
  }
  return out;
}
