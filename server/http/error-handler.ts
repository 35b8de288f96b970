import type { NextFunction, Request, Response } from 'express';
import type { Logger } from 'pino';
import { AppError } from './errors';
import { requestLog } from '../logger';

/** Body-parser and other library errors carry a status and a type; map them to our keys. */
function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
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

/** The one error handler: a translated page for people, JSON for /api, never a stack. */
export function errorHandler(logger: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const appError = toAppError(err);
    // With the request id and a URL cut of tokens and query (requestLog); never the body.
    if (appError.status >= 500) requestLog(logger, req, res).error({ err }, 'request failed');
    const t = res.locals.t as ((key: string, params?: object) => string) | undefined;
    const message = t ? t(appError.key, appError.params) : appError.key;
    if (res.headersSent) return res.end();
    res.status(appError.status);
    if (req.path.startsWith('/api/')) return res.json({ error: { code: appError.key, message } });
    if (!t) return res.type('text/plain').send(message);
    res.render('errors/error', { status: appError.status, message, titleKey: `errors.title_${appError.status >= 500 ? 500 : appError.status}` });
  };
}
