import type { Request, Response } from 'express';
import { accessOf } from '../access/access.middleware';
import type { HomeService } from './home.service';

/** GET /staff: the counters of the user's unit with their counts, and the units below for admin and oversight. */
export function homePage(service: HomeService) {
  return (_req: Request, res: Response) => {
    res.render('staff/home', { title: res.locals.t('staff.home.title'), ...service.home(accessOf(res), res.locals.user) });
  };
}
