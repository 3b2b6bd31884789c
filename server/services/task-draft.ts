import { ValidationError } from '../model/errors';
import { sameKafkaTarget, sameOracleTarget } from '../model/saved-instance';
import type { saveDraftInputSchema } from '../model/task-draft';
import type { z } from 'zod';
import { storedKafkaInstance, storedOracleInstance } from '../store/instance-repository';
import { saveDraft, type InheritedSecrets } from '../store/task-repository';

/**
 * Step 1 of the wizard, "Save Draft" / Next: the task's name, source and destination. A password
 * left blank is taken from the saved instance picked for that side — as its ciphertext, never
 * decrypted here — but only while the connection still is that instance's (same host, port,
 * SID/service and account; same brokers and account): otherwise the saved password would go to a
 * host it was never meant for, so the user is asked to type it.
 */
export async function saveTaskDraft(input: z.output<typeof saveDraftInputSchema>): Promise<{ id: string }> {
  const { sourceInstanceId, destinationInstanceId, ...draft } = input;
  const inherited: InheritedSecrets = {};
  if (sourceInstanceId && (!draft.source.password || !draft.source.walletPassword)) {
    const inst = await storedOracleInstance(sourceInstanceId);
    if (!sameOracleTarget(inst.settings, draft.source)) {
      if (!draft.source.password) {
        throw new ValidationError(
          'source.password',
          `Enter the database password: host, port, SID/service name or account differ from saved instance "${inst.name}", so its stored password is not used.`,
          `Type the password, or pick "${inst.name}" again to restore its settings.`,
        );
      }
    } else inherited.source = { password: inst.settings.password, walletPassword: inst.settings.walletPassword };
  }
  if (destinationInstanceId && !draft.destination.password) {
    const inst = await storedKafkaInstance(destinationInstanceId);
    if (sameKafkaTarget(inst.settings, draft.destination)) inherited.destination = { password: inst.settings.password };
    else if (draft.destination.connectionMethod === 'scram-sha-256' && inst.settings.password) {
      throw new ValidationError(
        'destination.password',
        `Enter the Kafka password: the brokers or account differ from saved instance "${inst.name}", so its stored password is not used.`,
        `Type the password, or pick "${inst.name}" again to restore its settings.`,
      );
    }
  }
  return saveDraft(draft, inherited);
}
