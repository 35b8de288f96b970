import express from 'express';
import type { Db } from '../db/open-database';

/** GET /healthz: 200 once the database answers and is migrated. */
export function healthRouter(db: Db) {
  const router = express.Router();
  // db.pragma() prepares a statement on every call; this one is prepared once.
  const userVersion = db.prepare('PRAGMA user_version').pluck();
  router.get('/healthz', (_req, res) => {
    const schema = userVersion.get() as number;
    res.set('Cache-Control', 'no-store').json({ status: 'ok', schema });
  });
  return router;
}
