import { Ora2KafkaError } from '../model/errors';

/** A verification that cannot run as asked (nothing committed yet, an SCN outside what can be proven). */
export class VerifyError extends Ora2KafkaError {}
