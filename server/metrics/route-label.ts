import type { Request } from 'express';

/**
 * The route pattern of a request for a metrics label ("/s/:code", "/staff/points/:id/poster"),
 * never the path itself: codes, tokens and ids would make a label per counter and leak tokens.
 */
export function routeLabel(req: Request): string {
  const route = (req.route as { path?: unknown } | undefined)?.path;
  if (typeof route === 'string') return `${req.baseUrl}${route}` || '/';
  if (req.originalUrl.startsWith('/public/')) return '/public/*';
  return 'unmatched';
}
