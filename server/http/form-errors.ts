import { AppError } from './errors';

/** An error shown next to a form field (or in the summary when `field` is the form itself). */
export interface FieldError { field: string; key: string; params?: Record<string, string | number> }

/** The errors by field, as every form view looks them up (errorOf[field]). */
export const errorMap = (errors: FieldError[]): Record<string, FieldError> => Object.fromEntries(errors.map((e) => [e.field, e]));

/** A service's refusal of a form (an AppError with 422) as an error next to `field`; anything else is rethrown. */
export function fieldErrorOf(err: unknown, field: string): FieldError {
  if (err instanceof AppError && err.status === 422) return { field, key: err.key, params: err.params };
  throw err;
}
