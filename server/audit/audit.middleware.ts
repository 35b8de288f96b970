import type { NextFunction, Request, Response } from 'express';
import type { StaffUser } from '../auth/staff-user';
import type { AuditLog } from './audit-log';

export interface AuditedOptions {
  /** Which outcome counts as done: a POST-redirect-GET success (3xx, the default) or any 2xx/3xx (downloads). */
  success?: (status: number) => boolean;
  /** The target is `<kind>:<id>`, with the route's :id, or for a create (`created`) the id in the redirect's path. */
  kind?: string;
  created?: boolean;
  /** Body fields worth keeping (never secrets: audit-log.ts drops them anyway). */
  fields?: string[];
}

const redirected = (status: number) => status >= 300 && status < 400;

function target(req: Request, res: Response, { kind, created }: AuditedOptions): string | null {
  if (!kind) return null;
  const id = created ? /\/(\d+)(?:[/?]|$)/.exec(String(res.get('location') ?? ''))?.[1] : req.params.id;
  return id ? `${kind}:${id}` : null;
}

/**
 * Records `action` once the handler has succeeded: a middleware placed in a route's chain,
 * so that adding an audited route is one word. Failures (422, 403, thrown errors) are not actions.
 */
export function audited(audit: AuditLog, action: string, opts: AuditedOptions = {}) {
  const ok = opts.success ?? redirected;
  return (req: Request, res: Response, next: NextFunction) => {
    res.on('finish', () => {
      if (!ok(res.statusCode)) return;
      const user = res.locals.user as StaffUser | undefined;
      const body = (req.body ?? {}) as Record<string, unknown>;
      const details: Record<string, unknown> = {};
      for (const f of opts.fields ?? []) if (body[f] !== undefined) details[f] = body[f];
      if (opts.created && req.params.id) details.in = req.params.id;
      if (res.locals.apiKeyId !== undefined) details.apiKeyId = res.locals.apiKeyId;
      if (opts.success && Object.keys(req.query).length) details.query = new URLSearchParams(req.query as Record<string, string>).toString();
      audit.record({ userId: user?.id ?? null, action, target: target(req, res, opts), details });
    });
    next();
  };
}
