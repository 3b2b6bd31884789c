import nodemailer from 'nodemailer';
import { recordDelivery } from '../../store/alert-repository';
import { alertSubject, type AlertPayload } from './alert-payload';

/**
 * Alert e-mail through the site's SMTP server, when one is configured:
 *   ORA2KAFKA_SMTP_URL=smtp://user:pass@mail.example.com:587   (smtps:// for implicit TLS)
 *   ORA2KAFKA_SMTP_FROM=ora2kafka@example.com
 * One message per event to all of the task's contacts; the outcome is in the delivery log.
 * Without ORA2KAFKA_SMTP_URL e-mail contacts are skipped (the delivery log says so).
 */
export interface SmtpSettings {
  url: string;
  from: string;
}

export function smtpFromEnv(env: Record<string, string | undefined> = process.env): SmtpSettings | null {
  const url = env.ORA2KAFKA_SMTP_URL?.trim();
  if (!url) return null;
  return { url, from: env.ORA2KAFKA_SMTP_FROM?.trim() || 'ora2kafka@localhost' };
}

export async function deliverEmail(eventId: number, to: string[], payload: AlertPayload, smtp: SmtpSettings | null): Promise<boolean> {
  if (to.length === 0) return true;
  const target = to.join(', ');
  if (!smtp) {
    await recordDelivery({ eventId, channel: 'email', target, attempt: 1, outcome: 'gave-up', detail: 'No SMTP server is configured (ORA2KAFKA_SMTP_URL).' }).catch(() => undefined);
    return false;
  }
  const transport = nodemailer.createTransport(smtp.url);
  try {
    const text = [payload.message, '', `Task: ${payload.task.name} (${payload.task.id})`, `Rule: ${payload.ruleLabel}`, `Time: ${payload.time}`].join('\n');
    const info = await transport.sendMail({ from: smtp.from, to, subject: alertSubject(payload), text, headers: { 'X-Ora2Kafka-Event': payload.event } });
    await recordDelivery({ eventId, channel: 'email', target, attempt: 1, outcome: 'ok', detail: String(info.response ?? 'sent') }).catch(() => undefined);
    return true;
  } catch (e) {
    await recordDelivery({ eventId, channel: 'email', target, attempt: 1, outcome: 'gave-up', detail: e instanceof Error ? e.message : String(e) }).catch(() => undefined);
    return false;
  } finally {
    transport.close();
  }
}
