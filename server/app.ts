import path from 'node:path';
import crypto from 'node:crypto';
import fs from 'node:fs';
import express from 'express';
import cookieParser from 'cookie-parser';
import compression from 'compression';
import type { Logger } from 'pino';
import { ROOT, type Config } from './config';
import type { Db } from './db/open-database';
import type { DefinitionSet } from './surveys/definitions';
import { createI18n, languageMiddleware } from './i18n';
import { securityHeaders } from './http/security';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { createUnitsRepo } from './units/units.repo';
import { createResponsesRepo } from './responses/responses.repo';
import { surveyRouter } from './surveys/survey.routes';
import { healthRouter } from './health/health.routes';
import { figuresApiRouter, figuresContext } from './figures/figures-api.routes';
import { exportApiRouter } from './figures/export-api.routes';
import { createSessionManager } from './auth/sessions';
import { createSessionsRepo } from './auth/sessions.repo';
import { createLoginThrottle } from './auth/login-throttle';
import { staffRouter } from './staff-home/staff.router';
import { createSurveyForm } from './surveys/survey.form';
import { createPosterGuard } from './abuse/poster-guard';
import { createInvitationsRepo } from './invitations/invitations.repo';
import { invitationSecret, type InvitationDeps } from './invitations/invitations.service';
import { invitationsRouter } from './invitations/invitations.routes';
import { invitationsApiRouter } from './invitations/invitations-api.routes';
import { createSettingsRepo } from './settings/settings.repo';
import { createKioskRepo } from './kiosk/kiosk.repo';
import { kioskRouter } from './kiosk/kiosk.routes';
import { createScope } from './auth/scope';

export interface AppDeps {
  config: Readonly<Config>;
  db: Db;
  definitions: DefinitionSet;
  logger: Logger;
  now?: () => Date;
}

const PUBLIC_DIR = path.join(ROOT, 'public');

/** A short content hash for a stylesheet URL, so browsers may cache it for a year. */
function assetVersion(file = 'style.css'): string {
  const css = fs.readFileSync(path.join(PUBLIC_DIR, file));
  return crypto.createHash('sha256').update(css).digest('hex').slice(0, 10);
}

/** Builds the express app; never listens (index.ts does, tests use supertest). */
export function createApp(deps: AppDeps) {
  const { config, db } = deps;
  const now = deps.now ?? (() => new Date());
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
  app.locals.assetVersion = assetVersion();
  app.locals.staffAssetVersion = assetVersion('staff.css');
  app.locals.kioskAssetVersion = assetVersion('kiosk.css');
  app.locals.kioskJsVersion = assetVersion('kiosk.js');

  app.use(securityHeaders(config.secureCookies));
  // gzip: the citizen's page must stay under 10 KB on a weak mobile network.
  app.use(compression());
  app.use('/public', express.static(PUBLIC_DIR, { maxAge: '365d', immutable: true, index: false }));
  app.use(cookieParser());
  app.use(languageMiddleware(createI18n(), config.secureCookies));

  app.use(healthRouter(db));
  // Staff sessions are read on /staff and /api only: the citizen's pages never touch them.
  const sessions = createSessionManager(createSessionsRepo(db), { ttlMs: config.sessionTtlMs, secure: config.secureCookies, now });
  const throttle = createLoginThrottle({ maxFailures: config.loginMaxFailures, lockMs: config.loginLockMs, now });
  app.use(['/staff', '/api', '/k'], sessions.load);
  const invitations: InvitationDeps = {
    repo: createInvitationsRepo(db), secret: invitationSecret(createSettingsRepo(db), config.invitationSecret),
    ttlDays: config.invitationTtlDays, publicUrl: config.publicUrl, now,
  };
  // One figures engine (statements prepared once) for the API, the exports and the dashboard.
  const figures = figuresContext({ db, definition: deps.definitions.current, fewAnswersThreshold: config.fewAnswersThreshold, now });
  app.use('/staff', staffRouter({ config, db, sessions, throttle, invitations, figures, now, definition: deps.definitions.current }));
  const form = createSurveyForm(deps.definitions);
  const units = createUnitsRepo(db), responses = createResponsesRepo(db);
  const guard = createPosterGuard({ minIntervalMs: config.posterMinIntervalMs, burstPerMinute: config.posterBurstPerMinute, now });
  app.use(surveyRouter({ definitions: deps.definitions, form, units, responses, guard, secureCookies: config.secureCookies, now }));
  app.use(invitationsRouter({ definitions: deps.definitions, form, repo: invitations.repo, responses, now }));
  app.use(kioskRouter({
    definitions: deps.definitions, form, units, responses, kiosks: createKioskRepo(db), scope: createScope(db), sessions,
    idleSeconds: config.kioskIdleSeconds, secureCookies: config.secureCookies, now,
  }));

  app.use(invitationsApiRouter(invitations, figures.keyAuth));
  app.use(figuresApiRouter(figures));
  app.use(exportApiRouter(figures, { db, target: config.sipasTarget, now }));

  app.use(notFoundHandler);
  app.use(errorHandler(deps.logger));
  return app;
}
