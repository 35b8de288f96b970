import express, { type Response } from 'express';
import type { Db } from '../db/open-database';
import type { Definition } from '../surveys/definitions';
import { createUnitTreeRepo } from '../units/units.repo';
import { createApiKeysRepo } from '../api-keys/api-keys.repo';
import { apiAuth, type Scope } from '../api-keys/api-keys.middleware';
import { createFiguresRepo, type GroupBy } from './figures.repo';
import { createRollupsRepo } from './rollups.repo';
import { computeSelection, type FiguresDeps } from './figures.service';
import { parseFiguresParams } from './figures.params';
import { resolveSelection } from './figures.selection';
import { figuresResponse } from './figures.present';

export interface FiguresApiDeps { db: Db; definition: Definition; fewAnswersThreshold: number; now: () => Date }

/** What the figures API and the exports share: repos, the auth middleware, and one call from query to figures. */
export function figuresContext(deps: FiguresApiDeps) {
  const repo = createFiguresRepo(deps.db);
  const { subtreeIds } = createUnitTreeRepo(deps.db);
  const service: FiguresDeps = { repo, rollups: createRollupsRepo(deps.db), definition: deps.definition, fewAnswersThreshold: deps.fewAnswersThreshold, now: deps.now };
  const authDeps = { keys: createApiKeysRepo(deps.db), subtreeIds, now: deps.now };
  const auth = apiAuth(authDeps);
  /** For write endpoints: an API key only, never a browser's session cookie. */
  const keyAuth = apiAuth(authDeps, { keyOnly: true });
  const select = (query: unknown, res: Response, defaultGroupBy: GroupBy = 'none') => {
    const params = parseFiguresParams(query, defaultGroupBy);
    const selection = resolveSelection(repo, subtreeIds, params, res.locals.scope as Scope);
    return { params, selection, result: computeSelection(service, selection.query) };
  };
  return { repo, service, subtreeIds, auth, keyAuth, select };
}
export type FiguresContext = ReturnType<typeof figuresContext>;

/** GET /api/v1/figures: SIPAS figures as JSON (docs/api.md). */
export function figuresApiRouter(ctx: FiguresContext) {
  const router = express.Router();
  router.get('/api/v1/figures', ctx.auth, (req, res) => {
    const { params, selection, result } = ctx.select(req.query, res);
    res.set('Cache-Control', 'private, no-store');
    res.json(figuresResponse(result, selection, params, { lang: res.locals.lang, t: res.locals.t, threshold: ctx.service.fewAnswersThreshold }));
  });
  return router;
}
