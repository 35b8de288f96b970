import type { Request, Response } from 'express';
import type { HealthRepo } from './health.repo';
import { createDbHealth } from './db-health';

/**
 * GET /healthz: 200 once the database answers, is migrated and takes writes; 503 when a
 * response could not be stored now (read-only, locked, disk full), so a monitor or the
 * proxy notices before citizens do. Nothing here is secret: no token needed.
 */
export function healthCheck(repo: HealthRepo) {
  const check = createDbHealth(repo);
  return (_req: Request, res: Response) => {
    const { writable, error, diskFreeBytes } = check();
    res.status(writable ? 200 : 503).set('Cache-Control', 'no-store')
      .json({ status: writable ? 'ok' : 'error', schema: repo.schemaVersion(), writable, ...(error ? { error } : {}), diskFreeBytes });
  };
}
