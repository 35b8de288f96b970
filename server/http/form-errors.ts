/** An error shown next to a form field (or in the summary when `field` is the form itself). */
export interface FieldError { field: string; key: string; params?: Record<string, string | number> }

/** The errors by field, as every form view looks them up (errorOf[field]). */
export const errorMap = (errors: FieldError[]): Record<string, FieldError> => Object.fromEntries(errors.map((e) => [e.field, e]));
