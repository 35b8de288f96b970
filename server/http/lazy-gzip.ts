import compression from 'compression';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * gzip for every response, as the compression middleware gives it, except that for the
 * citizen's hot requests it is put on only when a page is rendered. A first page or a step
 * sent answers with a bare 303, and the survey page goes out gzipped already
 * (surveys/first-page-cache.ts): wrapping such a response for nothing cost ~50 µs a request,
 * measured on the submission path. Their pages that do need it (a 422 or 503 form, an error
 * page, the first render of the survey page) are rendered through res.render, which then
 * wraps the response first.
 */
const HOT = { POST: /^\/(?:s|k|i)\/[^/]+(?:\/step\/\d+)?$/, GET: /^\/s\/[^/]+$/ };

export function lazyGzip(): RequestHandler {
  const gzip = compression();
  const render = express.response.render as (...args: unknown[]) => void;
  // One function for every hot request (no closure each): the response is `this`.
  function renderGzipped(this: Response, ...args: unknown[]) {
    gzip(this.req, this, () => render.apply(this, args));
  }
  return (req: Request, res: Response, next: NextFunction) => {
    const hot = req.method === 'POST' ? HOT.POST : req.method === 'GET' ? HOT.GET : null;
    if (!hot?.test(req.path)) return gzip(req, res, next);
    res.render = renderGzipped as Response['render'];
    next();
  };
}
