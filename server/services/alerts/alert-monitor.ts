import type { StatusReport, TaskReporter } from '../../engine/task-reporter';
import type { PhaseProgress } from '../../model/phase-progress';
import type { TaskDiagnostics } from '../../model/task-diagnostics';
import { monitoringSchema, type Monitoring } from '../../model/task-monitoring';
import type { TaskStatus } from '../../model/task-status';
import { openEpisodes, recordAlert } from '../../store/alert-repository';
import { latestFinishedVerification } from '../../store/verification-repository';
import { loadTaskForConnectors } from '../../store/task-repository';
import { evaluateAlerts, type AlertDecision, type AlertMemory, type AlertObservation, type VerificationOutcome } from './alert-evaluator';
import { alertPayload } from './alert-payload';
import { deliverEmail, smtpFromEnv, type SmtpSettings } from './email-delivery';
import { DEFAULT_WEBHOOK_OPTIONS, deliverWebhook, type WebhookOptions } from './webhook-delivery';

/**
 * The alert rules of one running task, as a TaskReporter combined with the console's others: every
 * status change and every diagnostics report (each metrics interval) is an evaluation. The task's
 * Monitoring and Alerting settings are read from the store at each evaluation, so edits on the task
 * page apply at once. Each decision is stored (the bell, the task page) and sent to the webhooks
 * and e-mail contacts; open episodes are read back at start, so a console restart neither repeats
 * a notification nor forgets to resolve one.
 *
 *   const monitor = new AlertMonitor('o2k-…', 'hr_to_kafka');
 *   runner reporter = combineReporters(prismaReporter, metricsReporter, monitor);
 */
export interface AlertMonitorOptions {
  webhook?: WebhookOptions;
  smtp?: SmtpSettings | null;
  now?: () => number;
  /** Settings source (default: the stored task). */
  settings?: () => Promise<Monitoring>;
  /** The task's latest finished verification (default: the stored runs). */
  verification?: () => Promise<VerificationOutcome | null>;
}

export class AlertMonitor implements TaskReporter {
  private current: TaskStatus | null = null;
  private statusSinceMs = 0;
  private reason: string | null = null;
  private latest: TaskDiagnostics | null = null;
  private fullRunningSinceMs: number | null = null;
  private readonly memory: AlertMemory = { since: {}, open: {} };
  private loaded: Promise<void> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private readonly now: () => number;

  constructor(
    private readonly taskId: string,
    private readonly taskName: string,
    private readonly opts: AlertMonitorOptions = {},
  ) {
    this.now = opts.now ?? Date.now;
  }

  /** Resolves when every evaluation and delivery started so far has finished (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  status(r: StatusReport): void {
    if (r.status !== this.current) {
      this.current = r.status;
      this.statusSinceMs = r.atMs;
    }
    this.reason = r.reason ?? null;
    this.evaluate();
  }

  phase(p: PhaseProgress): void {
    if (p.phase !== 'full') return;
    if (p.status === 'Running') this.fullRunningSinceMs ??= this.now();
    else this.fullRunningSinceMs = null;
  }

  metrics(): void {}

  log(): void {}

  diagnostics(d: TaskDiagnostics): void {
    this.latest = d;
    if (this.current === null) {
      this.current = d.status;
      this.statusSinceMs = d.atMs;
    }
    this.evaluate();
  }

  private evaluate(): void {
    this.chain = this.chain.then(() => this.evaluateNow()).catch((e: unknown) => console.error(`alerts: task ${this.taskId}: ${e instanceof Error ? e.message : String(e)}`));
  }

  private async evaluateNow(): Promise<void> {
    this.loaded ??= openEpisodes(this.taskId).then((open) => {
      this.memory.open = open;
    });
    await this.loaded;
    if (this.current === null) return;
    const settings = await this.settings();
    const now = this.now();
    // Read each time (one indexed row): a verification started from the task page or the schedule ends outside this task's runner.
    const verification = settings.alerting.enabled && settings.alerting.rules.verification.enabled ? await (this.opts.verification ?? (() => latestFinishedVerification(this.taskId)))() : null;
    const o: AlertObservation = { status: this.current, statusSinceMs: this.statusSinceMs, reason: this.reason, diagnostics: this.latest, fullRunningSinceMs: this.fullRunningSinceMs, verification };
    for (const d of evaluateAlerts(settings.alerting.rules, settings.alerting.enabled, o, this.memory, now)) await this.notify(d, settings, now);
  }

  private async settings(): Promise<Monitoring> {
    if (this.opts.settings) return this.opts.settings();
    const stored = await loadTaskForConnectors(this.taskId);
    return monitoringSchema.parse(stored.monitoring ?? {});
  }

  private async notify(d: AlertDecision, settings: Monitoring, now: number): Promise<void> {
    const episodeId = d.kind === 'resolved' ? this.memory.open[d.rule] : undefined;
    const time = new Date(now);
    const saved = await recordAlert({ taskId: this.taskId, rule: d.rule, kind: d.kind, ...(episodeId === undefined ? {} : { episodeId }), message: d.message, value: d.value, threshold: d.threshold, time });
    if (d.kind === 'fired') this.memory.open[d.rule] = saved.id;
    else delete this.memory.open[d.rule];
    const payload = alertPayload({ id: saved.id, episodeId: saved.episodeId, kind: d.kind, rule: d.rule, message: d.message, value: d.value, threshold: d.threshold, time }, { id: this.taskId, name: this.taskName });
    // Deliveries retry for a while: they run beside the next evaluations, not in front of them.
    const smtp = this.opts.smtp === undefined ? smtpFromEnv() : this.opts.smtp;
    const sends = [...settings.alerting.webhooks.map((h) => deliverWebhook(saved.id, h, payload, this.opts.webhook ?? DEFAULT_WEBHOOK_OPTIONS)), deliverEmail(saved.id, settings.alerting.emails, payload, smtp)];
    this.pending.push(...sends);
  }

  private readonly pending: Promise<boolean>[] = [];

  /** Resolves when evaluations and every delivery begun so far are done. */
  async settled(): Promise<void> {
    await this.chain;
    await Promise.all(this.pending.splice(0));
  }
}
