import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import { ROOT } from './config';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { securityHeaders } from './http/security';
import { lazyGzip } from './http/lazy-gzip';
import { citizenStyle } from './surveys/citizen-style';
import { createI18n, languageMiddleware } from './i18n';
import { mountRoutes } from './routes';
import { readCookies } from './http/cookies';
import { wire, type AppDeps, type Wired } from './wiring';
import { requestIds } from './logger';
import { metricsRouter } from './metrics/metrics';
import { publicUrlWarning } from './start/public-url';

export type { AppDeps } from './wiring';

const PUBLIC_DIR = path.join(ROOT, 'public');

/** A short content hash for a stylesheet URL, so browsers may cache it for a year. */
function assetVersion(file = 'style.css'): string {
  const css = fs.readFileSync(path.join(PUBLIC_DIR, file));
  return crypto.createHash('sha256').update(css).digest('hex').slice(0, 10);
}

/**
 * Builds the express app: the middleware every request passes, the route table
 * (server/routes.ts) over the services of the composition root (server/wiring.ts), then
 * the 404 and the one error handler. Never listens (index.ts does, tests use supertest).
 */
export function createApp(deps: AppDeps, wired: Wired = wire(deps)) {
  const { config } = deps;
  const app = express();
  app.set('views', path.join(ROOT, 'views'));
  app.set('view engine', 'ejs');
  // Compile each template once, also outside production: recompiling every include costs ~10 ms a page.
  app.set('view cache', true);
  app.set('trust proxy', config.trustProxy);
  app.set('query parser', 'simple');
  app.disable('x-powered-by');
  // No ETag on dynamic pages: every survey form is unique (its submission id), so hashing it is waste.
  app.set('etag', false);
  // The citizen's pages carry their stylesheet inline (views/layout/top.ejs), allowed by its hash.
  const style = citizenStyle();
  app.locals.citizenStyle = style.css;
  app.locals.staffAssetVersion = assetVersion('staff.css');
  app.locals.kioskAssetVersion = assetVersion('kiosk.css');
  app.locals.kioskJsVersion = assetVersion('kiosk.js');
  // Shown above every QR code while PUBLIC_URL is one no phone can open (views/staff/_public-url-warning.ejs).
  app.locals.publicUrlWarning = publicUrlWarning(config.publicUrl, config.port);

  app.locals.printJsVersion = assetVersion('print.js');
  app.locals.countJsVersion = assetVersion('count.js');

  app.use(requestIds(deps.logger));
  app.use(metricsRouter({ repos: wired.repos, token: config.metricsToken, now: wired.now }));
  app.use(securityHeaders(config.secureCookies, [style.hash]));
  // gzip: the citizen's page must stay small on a weak mobile network (its hot paths only when a page is rendered).
  app.use(lazyGzip());
  app.use('/public', express.static(PUBLIC_DIR, { maxAge: '365d', immutable: true, index: false }));
  app.use(readCookies);
  app.use(languageMiddleware(createI18n(), config.secureCookies));

  mountRoutes(app, wired);

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
