/**
 * One error base class for the whole product. `retriable` is read only by retry code; `hint` is the
 * fix a user can act on, shown in the UI, the API and precheck details.
 */
export class Ora2KafkaError extends Error {
  readonly code: string;
  readonly retriable: boolean;
  readonly hint: string | undefined;
  /** Which input field the error is about, when it is about one (for forms and API clients). */
  readonly field: string | undefined;

  constructor(
    code: string,
    message: string,
    opts: { retriable?: boolean; hint?: string; field?: string; cause?: unknown } = {},
  ) {
    super(message, opts.cause !== undefined ? { cause: opts.cause } : undefined);
    this.name = new.target.name;
    this.code = code;
    this.retriable = opts.retriable ?? false;
    this.hint = opts.hint;
    this.field = opts.field;
  }
}

/** Bad user input (a form field, a filter, a mapping): never retriable. */
export class ValidationError extends Ora2KafkaError {
  constructor(field: string, message: string, hint?: string) {
    super('VALIDATION', message, { field, hint });
  }
}

export class OracleError extends Ora2KafkaError {}
export class KafkaError extends Ora2KafkaError {}
export class EngineError extends Ora2KafkaError {}

/**
 * True for our errors. Checked by shape as well as by class: a bundler may load this module more
 * than once (e.g. an engine chunk and an API chunk), and each copy has its own class object.
 */
export function isOra2KafkaError(e: unknown): e is Ora2KafkaError {
  if (e instanceof Ora2KafkaError) return true;
  return e instanceof Error && typeof (e as { code?: unknown }).code === 'string' && typeof (e as { retriable?: unknown }).retriable === 'boolean';
}
