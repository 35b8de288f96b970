import type { ErrorRequestHandler, Express, NextFunction, Request, RequestHandler, Response } from 'express';
import type { ApplyHeaders } from '../http/fixed-headers';
import { AppError } from '../http/errors';

/**
 * What the poster's first page sent passes through: the app-wide middleware it needs, in the
 * order app.ts mounts them, then the route's own (point, body, handler, from routes.ts), and
 * the app's error handler for whatever they pass on.
 */
export interface HotPathSteps {
  /** Before the security headers: request ids, metrics. */
  first: RequestHandler[];
  /** The security headers, captured once (http/fixed-headers.ts). */
  headers: ApplyHeaders;
  /** After them: gzip, cookies, language. */
  then: RequestHandler[];
  /** The route: the point, the body, the handler (surveys/survey.routes.ts `submit`). */
  route: RequestHandler[];
  errors: ErrorRequestHandler;
}

/** The one path taken here; anything else (a trailing slash, upper case, a query) goes the long way, which answers it the same. */
const POSTER_POST = /^\/s\/([A-Za-z0-9_-]{1,64})$/;

type Handle = (req: Request, res: Response, callback?: NextFunction) => void;

/**
 * POST /s/:code, the request every citizen at a poster sends, dispatched ahead of express's
 * router: the same middleware and the same handlers, without the router's walk over every
 * mounted layer and helmet's twelve layers (its headers are set at once, captured from it at
 * start). Every outcome is the handlers' own: the 303, a 422 form, a 404 or 410 page, the
 * error handler's pages. Every other request goes to the router untouched.
 *
 * It takes the app's `handle`, which the express app function calls for each request, and
 * prepares the request as that does (the app's request and response prototypes, res.locals).
 */
export function dispatchPosterPost(app: Express, steps: HotPathSteps) {
  const router = app as unknown as { handle: Handle; request: object; response: object };
  const longWay = router.handle;
  const before = steps.first;
  const after = [...steps.then, ...steps.route];

  const fail = (req: Request, res: Response) => (err: unknown) => {
    try {
      steps.errors(err, req, res, () => undefined);
    } catch {
      // The error page itself failed: what express's final handler would do, without the stack.
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' }).end('500\n');
      else res.destroy();
    }
  };

  router.handle = function handle(this: unknown, req: Request, res: Response, callback?: NextFunction) {
    const m = req.method === 'POST' && callback === undefined ? POSTER_POST.exec(req.url) : null;
    if (!m) return longWay.call(this, req, res, callback);
    req.res = res;
    res.req = req;
    // Born with them on the app's own server (http/app-server.ts), given them here on another (supertest's), as express does.
    Object.setPrototypeOf(req, router.request);
    Object.setPrototypeOf(res, router.response);
    res.locals ??= Object.create(null);
    req.originalUrl = req.url;
    req.baseUrl = '';
    req.params = { code: m[1]! };
    res.locals.routePattern = '/s/:code';
    const failed = fail(req, res);
    run(before, req, res, failed, () => {
      steps.headers(res);
      // The route answers every request it is given; one passed on is a 404, as the long way's end.
      run(after, req, res, failed, () => failed(new AppError(404, 'errors.not_found')));
    });
  };
}

/** Runs handlers in order, as express does: each one's next() calls the following; an error (thrown, passed or rejected) goes to `fail`. */
function run(handlers: RequestHandler[], req: Request, res: Response, fail: (err: unknown) => void, done: () => void) {
  let i = 0;
  const step = (err?: unknown) => {
    if (err) return fail(err);
    const h = handlers[i++];
    if (!h) return done();
    try {
      const out = h(req, res, step) as unknown;
      if (out instanceof Promise) out.catch(fail);
    } catch (e) {
      fail(e);
    }
  };
  step();
}
