import { TRPCClientError } from '@trpc/client';

export interface FieldErrors {
  /** Dotted field path → message, e.g. "source.port" → "Port must be between 1 and 65535." */
  [field: string]: string;
}

/** Turns an API error into a sentence and per-field messages a form can show beside its inputs. */
export function describeApiError(error: unknown): { message: string; hint: string | null; fields: FieldErrors } {
  if (error instanceof TRPCClientError) {
    const data = error.data as
      | {
          zodError?: { fieldErrors?: Record<string, string[]>; formErrors?: string[] } | null;
          issues?: { path: string; message: string }[] | null;
          appError?: { hint: string | null; field: string | null } | null;
        }
      | undefined;
    const fields: FieldErrors = {};
    for (const i of data?.issues ?? []) fields[i.path] ??= i.message;
    for (const [k, v] of Object.entries(data?.zodError?.fieldErrors ?? {})) if (v?.[0]) fields[k] ??= v[0];
    if (data?.appError?.field) fields[data.appError.field] ??= error.message;
    const zodFirst = Object.values(fields)[0];
    return { message: data?.zodError ? `Please fix the highlighted fields${zodFirst ? `: ${zodFirst}` : '.'}` : error.message, hint: data?.appError?.hint ?? null, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), hint: null, fields: {} };
}
