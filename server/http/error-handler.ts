import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors';
import { requestLog } from '../logger';

/**
 * The database cannot be written just now: a read-only file, a full disk, an I/O error, or
 * another writer (a backup, a command typed by hand) holding the lock past busy_timeout.
 * Extended codes (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED…) start with the same name.
 */
export const isStorageError = (err: unknown): boolean =>
  /^SQLITE_(READONLY|FULL|IOERR|BUSY)/.test(String((err as { code?: unknown } | null)?.code ?? ''));

/** How long to wait before trying again, for a browser or a script (Retry-After, seconds). */
const RETRY_AFTER = '30';

/**
 * A citizen's answers the database refused to store: the error handler logs the refusal and
 * answers 503 with `page` (the same form, every answer kept, the reason at the top), so that
 * nothing is acknowledged that is not stored. `notStored(err, page)` leaves other errors as they are.
 */
export class NotStored extends AppError {
  constructor(readonly refused: unknown, readonly page: (res: Response) => void) {
    super(503, 'survey.errors.not_saved');
  }
}
export const notStored = (err: unknown, page: (res: Response) => void): unknown => (isStorageError(err) ? new NotStored(err, page) : err);

/** Body-parser, SQLite and other library errors carry a status, a type or a code; map them to our keys. */
function toAppError(err: unknown, staff: boolean): AppError {
  if (err instanceof AppError) return err;
  if (isStorageError(err)) return new AppError(503, staff ? 'errors.not_saved_staff' : 'survey.errors.not_saved');
  const e = err as { status?: number; statusCode?: number; type?: string };
  const status = e.status ?? e.statusCode;
  if (status === 413 || e.type === 'entity.too.large') return new AppError(413, 'errors.too_large');
  if (status === 415 || e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') return new AppError(415, 'errors.unsupported_media');
  if (status && status >= 400 && status < 500) return new AppError(400, 'errors.bad_request');
  return new AppError(500, 'errors.internal');
}

export function notFoundHandler(_req: Request, _res: Response, next: NextFunction) {
  next(new AppError(404, 'errors.not_found'));
}

const titleOf = (status: number) => `errors.title_${status === 503 ? 503 : status >= 500 ? 500 : status}`;

/** The one error handler: a translated page for people, JSON for /api (and the kiosk's JSON posts), never a stack. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const api = req.path.startsWith('/api/');
    const appError = toAppError(err, Boolean(api || res.locals.staffPage || res.locals.user));
    // With the request id and a URL cut of tokens and query (requestLog); never the body.
    if (appError.status >= 500) requestLog(logger, req, res).error({ err: err instanceof NotStored ? err.refused : err }, 'request failed');
    const t = res.locals.t as ((key: string, params?: object) => string) | undefined;
    const message = t ? t(appError.key, appError.params) : appError.key;
    if (res.headersSent) return res.end();
    res.status(appError.status);
    if (appError.status === 503) res.set('Retry-After', RETRY_AFTER);
    if (err instanceof NotStored && t) return err.page(res);
    if (api || req.is('application/json')) return res.json({ error: { code: appError.key, message } });
    if (!t) return res.type('text/plain').send(message);
    res.render('errors/error', { status: appError.status, message, titleKey: titleOf(appError.status) });
  };
}
