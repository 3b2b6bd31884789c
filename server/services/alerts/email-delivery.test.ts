import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceDestinationStepSchema } from '../../model/task-draft';

/** Alert e-mail through a real SMTP server on loopback (smtp-server), and the delivery log it leaves. */
process.env.ORA2KAFKA_DATA_DIR = mkdtempSync(path.join(tmpdir(), 'o2k-email-'));
process.env.ORA2KAFKA_SECRET_KEY = randomBytes(32).toString('hex');
delete process.env.DATABASE_URL;

const { saveDraft } = await import('../../store/task-repository');
const { recordAlert } = await import('../../store/alert-repository');
const { getDb } = await import('../../store/db');
const { deliverEmail, smtpFromEnv } = await import('./email-delivery');
const { alertPayload } = await import('./alert-payload');

const mails: { from: string; to: string[]; raw: string }[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, done) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      mails.push({ from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
      done();
    });
  },
});
let port = 0;

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** The Subject header, its RFC 2047 Q-encoded words (nodemailer's choice for non-ASCII) decoded. */
function subjectOf(raw: string): string {
  const folded = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(raw)![1]!.replace(/\r?\n[ \t]/g, ' ');
  return folded
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) => Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8'));
}

async function firedEvent() {
  const step = sourceDestinationStepSchema.parse({
    name: 'mail-task',
    source: { host: 'x.sim', port: 1521, kind: 'sid', database: 'SIMDB', user: 'DTS_SYNC', password: 'dts_sync' },
    destination: { brokers: '127.0.0.1:9092', topic: 't' },
  });
  const { id } = await saveDraft(step);
  const e = { taskId: id, rule: 'taskFailed' as const, kind: 'fired' as const, message: 'The task failed: ORA-01291: missing logfile', value: null, threshold: null, time: new Date('2026-12-06T10:00:00Z') };
  const { id: eventId, episodeId } = await recordAlert(e);
  return { eventId, payload: alertPayload({ ...e, id: eventId, episodeId }, { id, name: 'mail-task' }) };
}

describe('alert e-mail', () => {
  it('is sent through the configured SMTP server to every contact, and logged', async () => {
    const { eventId, payload } = await firedEvent();
    const smtp = smtpFromEnv({ ORA2KAFKA_SMTP_URL: `smtp://127.0.0.1:${port}`, ORA2KAFKA_SMTP_FROM: 'o2k@example.com' });
    expect(await deliverEmail(eventId, ['dba@example.com', 'lead@example.com'], payload, smtp)).toBe(true);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.from).toBe('o2k@example.com');
    expect(mails[0]!.to).toEqual(['dba@example.com', 'lead@example.com']);
    expect(subjectOf(mails[0]!.raw)).toBe('[Ora2Kafka] ALERT: Task failed — mail-task');
    expect(mails[0]!.raw).toMatch(/X-Ora2Kafka-Event: fired/i);
    expect(mails[0]!.raw).toContain('The task failed: ORA-01291: missing logfile');
    const log = await (await getDb()).alertDelivery.findMany({ where: { eventId } });
    expect(log.map((d) => [d.channel, d.target, d.outcome])).toEqual([['email', 'dba@example.com, lead@example.com', 'ok']]);
  });

  it('is skipped without an SMTP server, and the log says why', async () => {
    const { eventId, payload } = await firedEvent();
    expect(smtpFromEnv({})).toBeNull();
    expect(await deliverEmail(eventId, ['dba@example.com'], payload, null)).toBe(false);
    const log = await (await getDb()).alertDelivery.findMany({ where: { eventId } });
    expect(log.map((d) => [d.outcome, d.detail])).toEqual([['gave-up', 'No SMTP server is configured (ORA2KAFKA_SMTP_URL).']]);
  });

  it('logs a refusing server as given up', async () => {
    const { eventId, payload } = await firedEvent();
    const closed = new SMTPServer({ authOptional: true });
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const p = (closed.server.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    expect(await deliverEmail(eventId, ['dba@example.com'], payload, { url: `smtp://127.0.0.1:${p}`, from: 'o2k@example.com' })).toBe(false);
    const log = await (await getDb()).alertDelivery.findMany({ where: { eventId } });
    expect(log[0]!.outcome).toBe('gave-up');
    expect(log[0]!.detail).toMatch(/ECONNREFUSED/);
  });
});
