import type { Request, Response } from 'express';
import { z } from 'zod';
import { accessOf } from '../access/access.middleware';
import { AppError } from '../http/errors';
import type { ProvincesService } from './provinces.service';

const provinceCode = z.object({ code: z.string().regex(/^\d{2}$/) });

/**
 * Adding a province with all its communes (admin): pick it from the national list, see what
 * will be created and what is already here, confirm. The same service as `npm run units`.
 */
export function provincesPages(service: ProvincesService) {
  const page = (req: Request, res: Response) => {
    const picked = provinceCode.safeParse(req.query);
    if (req.query.code !== undefined && !picked.success) throw new AppError(400, 'units.provinces.unknown', { code: String(req.query.code) });
    res.render('staff/provinces', {
      title: res.locals.t('units.provinces.title'),
      provinces: service.provinces(),
      plan: picked.success ? service.plan(picked.data.code) : null,
    });
  };

  const add = (req: Request, res: Response) => {
    const parsed = provinceCode.safeParse(req.body);
    if (!parsed.success) throw new AppError(422, 'units.provinces.unknown', { code: String(req.body?.code ?? '') });
    const done = service.apply(accessOf(res), parsed.data.code);
    res.redirect(303, `/staff/provinces?code=${parsed.data.code}&ok=added&n=${done.create}`);
  };
  return { page, add };
}
