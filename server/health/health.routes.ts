import express from 'express';
import type { Db } from '../db/open-database';

/** GET /healthz: 200 once the database answers and is migrated. */
export function healthRouter(db: Db) {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    const schema = db.pragma('user_version', { simple: true }) as number;
    res.set('Cache-Control', 'no-store').json({ status: 'ok', schema });
  });
  return router;
}
