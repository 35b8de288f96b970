import type { Request, Response } from 'express';
import type { HealthRepo } from './health.repo';

/** GET /healthz: 200 once the database answers and is migrated. */
export function healthCheck(repo: HealthRepo) {
  return (_req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok', schema: repo.schemaVersion() });
  };
}
