/** An error a person may see: an HTTP status and an i18n key for its message, never a stack. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(key);
  }
}

export const notFound = (key = 'errors.not_found') => new AppError(404, key);
export const badRequest = (key = 'errors.bad_request', params?: Record<string, string | number>) => new AppError(400, key, params);
export const forbidden = (key = 'errors.forbidden') => new AppError(403, key);
