import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import { figuresResponse } from './figures.present';
import type { FiguresReader } from './resolve-selection';

/** GET /api/v1/figures (mounted behind the API auth): SIPAS figures as JSON (docs/api.md). */
export function figuresApi(figures: FiguresReader) {
  return (req: Request, res: Response) => {
    const { params, selection, result } = figures.read(req.query, accessOf(res));
    res.set('Cache-Control', 'private, no-store');
    res.json(figuresResponse(result, selection, params, { lang: res.locals.lang, t: res.locals.t, threshold: figures.fewAnswersThreshold }));
  };
}
