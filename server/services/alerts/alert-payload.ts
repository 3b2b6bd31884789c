import { ALERT_RULE_LABEL, type AlertRule } from '../../model/task-monitoring';

/**
 * What a webhook receives (and an e-mail says) for one alert event:
 *   { "event": "fired", "rule": "latency", "ruleLabel": "Latency too high", "eventId": 12, "episodeId": 12,
 *     "task": { "id": "o2k-5fdf3f9f-cd54", "name": "hr_to_kafka" },
 *     "message": "Latency has been above 60 s for 5 min (now 75 s).", "value": 75, "threshold": 60,
 *     "time": "2026-12-06T10:15:00.000Z" }
 */
export interface AlertPayload {
  event: 'fired' | 'resolved';
  rule: AlertRule;
  ruleLabel: string;
  eventId: number;
  episodeId: number;
  task: { id: string; name: string };
  message: string;
  value: number | null;
  threshold: number | null;
  time: string;
}

export function alertPayload(e: { id: number; episodeId: number; kind: 'fired' | 'resolved'; rule: AlertRule; message: string; value: number | null; threshold: number | null; time: Date }, task: { id: string; name: string }): AlertPayload {
  return { event: e.kind, rule: e.rule, ruleLabel: ALERT_RULE_LABEL[e.rule], eventId: e.id, episodeId: e.episodeId, task, message: e.message, value: e.value, threshold: e.threshold, time: e.time.toISOString() };
}

export function alertSubject(p: AlertPayload): string {
  return `[Ora2Kafka] ${p.event === 'fired' ? 'ALERT' : 'RESOLVED'}: ${p.ruleLabel} — ${p.task.name}`;
}
