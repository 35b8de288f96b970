import crypto from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import pino, { type Logger } from 'pino';

export type LogFormat = 'auto' | 'pretty' | 'json';

/** 'auto' means: readable for a person at a terminal, JSON lines for a service or a pipe. */
export const isPretty = (format: LogFormat, tty = Boolean(process.stdout.isTTY)) => format === 'pretty' || (format === 'auto' && tty);

/**
 * A safety net under the rule that no log line holds a secret or a citizen's words: these
 * fields are replaced wherever a caller passes them by mistake.
 */
const REDACT = ['password', 'token', 'secret', 'dossier', 'comment', '*.password', '*.token', '*.secret', '*.dossier', '*.comment',
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie'];

/**
 * pino: JSON lines (one object per line, for journald or a log collector), or readable lines
 * (time, level, message) through pino-pretty in this thread: a transport would add a worker
 * thread and ~10 MB at rest for a feature only a person at a terminal uses.
 */
export function createLogger(level: string, format: LogFormat = 'json') {
  const options = { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, redact: { paths: REDACT, censor: '[hidden]' } };
  if (!isPretty(format)) return pino(options);
  // Loaded only here, so a production start never pays for it.
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  return pino(options, pretty.build({ sync: true, colorize: Boolean(process.stdout.isTTY), translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname', singleLine: true }));
}

/** What may stand in a logged URL: a token in the path (/i/<token>) or any query is cut off. */
export function loggableUrl(url: string): string {
  const pathOnly = url.split('?')[0]!;
  return pathOnly.replace(/^\/i\/[^/]+/, '/i/…');
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * Gives each request an id (the proxy's X-Request-Id when it sends a sane one, else a new
 * one), answers it in X-Request-Id so a person can quote it, and keeps it for `requestLog`.
 * The child logger is made only when something is logged: at the default level a request
 * logs nothing unless it fails; LOG_LEVEL=debug adds one line per request (an access log).
 */
export function requestIds(base: Logger) {
  const access = base.isLevelEnabled('debug');
  return (req: Request, res: Response, next: NextFunction) => {
    const given = req.get('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : crypto.randomUUID();
    res.locals.requestId = id;
    res.setHeader('X-Request-Id', id);
    if (access) {
      const start = process.hrtime.bigint();
      res.on('finish', () => requestLog(base, req, res).debug({ status: res.statusCode, ms: Number(process.hrtime.bigint() - start) / 1e6 }, 'request'));
    }
    next();
  };
}

/** The logger for lines about this request: every one carries its request id. */
export function requestLog(base: Logger, req: Request, res: Response): Logger {
  const cached = res.locals.log as Logger | undefined;
  if (cached) return cached;
  const log = base.child({ reqId: (res.locals.requestId as string | undefined) ?? crypto.randomUUID(), method: req.method, url: loggableUrl(req.originalUrl) });
  res.locals.log = log;
  return log;
}
