import { Ora2KafkaError } from '../model/errors';

/**
 * A ChangeEvent that a format cannot encode: a value whose JS shape does not match its column's
 * Oracle type (a reader bug), or an image whose length differs from the column list. Never
 * retriable: the same event would fail again.
 */
export class FormatEncodeError extends Ora2KafkaError {
  constructor(message: string, hint: string) {
    super('FORMAT_ENCODE', message, { hint });
  }
}
