import { parse } from 'cookie';
import type { NextFunction, Request, Response } from 'express';

/**
 * req.cookies from the Cookie header, parsed by `cookie` (what cookie-parser runs), without
 * cookie-parser's signed and JSON cookies, which the app never sets. cookie-parser's extra
 * properties on every request cost a poster submission ~7 % of its time (the profile of
 * `npm run bench:profile -- first`), this none.
 */
export function readCookies(req: Request, _res: Response, next: NextFunction) {
  const header = req.headers.cookie;
  req.cookies = header ? parse(header) : {};
  next();
}
