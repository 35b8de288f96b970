import type { Request, Response } from 'express';
import { dmy, vietnamDate } from '../time/vietnam-time';
import type { PointRow, PointsRepo } from '../units/points.repo';
import { qrDataUri, qrPng, qrSvg, surveyUrl } from './qr';

export interface PostersDeps {
  points: PointsRepo; publicUrl: string; now: () => Date;
  /** The unit's public results page, when it has opted in to one (printed under the QR code). */
  resultsUrl?: (unitId: number) => string | null;
}

export const SIZES = ['A4', 'A5', 'A6'] as const;
type Size = (typeof SIZES)[number];
const sizeOf = (req: Request): Size => (SIZES as readonly string[]).includes(String(req.query.size)) ? (req.query.size as Size) : 'A4';

/** Where a unit without counters gets its first: the staff home for one's own unit, else the unit's page. */
const addPointHref = (res: Response) => {
  const unitId: number = res.locals.unit?.id ?? res.locals.point?.unitId;
  return unitId === res.locals.user.unitId ? '/staff#new-point' : `/staff/units/${unitId}`;
};

/** Print-ready QR posters (one point, or every active point of a unit) and the QR alone as SVG or PNG. */
export function posterPages(deps: PostersDeps) {
  const sheets = (points: PointRow[]) =>
    Promise.all(points.map(async (p) => {
      const url = surveyUrl(deps.publicUrl, p.code);
      return { point: p, url, qr: await qrDataUri(url), resultsUrl: deps.resultsUrl?.(p.unitId) ?? null };
    }));

  const render = async (res: Response, req: Request, points: PointRow[], self: string) =>
    res.render('staff/posters', {
      title: res.locals.t('staff.posters.title'), size: sizeOf(req), sizes: SIZES, self, printButton: true,
      addPoint: addPointHref(res), sheets: await sheets(points), printedOn: dmy(vietnamDate(deps.now())),
    });

  const pointPoster = (req: Request, res: Response) => render(res, req, [res.locals.point], `/staff/points/${res.locals.point.id}/poster`);

  const unitPosters = (req: Request, res: Response) =>
    render(res, req, deps.points.byUnit(res.locals.unit.id).filter((p) => p.active === 1), `/staff/units/${res.locals.unit.id}/posters`);

  const fileName = (p: PointRow, ext: string) => `qr-${p.id}-${p.code}.${ext}`;

  const svg = async (_req: Request, res: Response) => {
    const p: PointRow = res.locals.point;
    res.type('image/svg+xml').attachment(fileName(p, 'svg')).send(await qrSvg(surveyUrl(deps.publicUrl, p.code)));
  };

  const png = (_req: Request, res: Response) => {
    const p: PointRow = res.locals.point;
    res.type('image/png').attachment(fileName(p, 'png')).send(qrPng(surveyUrl(deps.publicUrl, p.code)));
  };

  return { pointPoster, unitPosters, svg, png };
}
