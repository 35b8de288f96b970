import type { Express } from 'express';
import { attachAccess } from './access/access.middleware';
import { verifyCsrf } from './auth/csrf';
import { exportsApi } from './figures/export-api.routes';
import { figuresApi } from './figures/figures-api.routes';
import { healthCheck } from './health/health.routes';
import { createInvitationApi, invitationJson } from './invitations/invitations-api.routes';
import { invitationSurvey } from './invitations/invitations.routes';
import { kioskForm, kioskPages } from './kiosk/kiosk.routes';
import { posterSurvey } from './surveys/survey.routes';
import { loadActivePoint, surveyBody } from './surveys/survey.form';
import { reportDocxApi } from './reports/reports.routes';
import { publicResultsPage } from './public-results/public.routes';
import { staffRoutes } from './staff-routes';
import type { Wired } from './wiring';

/**
 * The app's route table: every path, who may call it (role, then the record loaded and
 * checked against the caller's Access), and its handler; the staff pages in staff-routes.ts. test/role-matrix.test.ts reads it
 * from the running app and fails on a staff or API route it does not list.
 */
export function mountRoutes(app: Express, s: Wired) {
  const { repos: r, config } = s;
  app.get('/healthz', healthCheck(r.health));

  // Citizens: poster, one-time invitation, counter kiosk. No staff session is read here.
  const poster = posterSurvey({ form: s.form, catalog: s.citizenPoints, responses: s.responses, guard: s.guard, secureCookies: config.secureCookies });
  const point = loadActivePoint(s.citizenPoints, s.merged, s.now);
  app.get('/s/:code', point, poster.page);
  app.post('/s/:code', point, surveyBody, poster.submit);
  app.get('/s/:code/thanks', point, poster.thanks);
  app.get('/s/:code/step/:n', point, poster.stepPage);
  app.post('/s/:code/step/:n', point, surveyBody, poster.stepSubmit);
  app.get('/s/:code/done', point, poster.done);
  const invited = invitationSurvey({ invitations: s.invitations, form: s.form, responses: s.responses, secureCookies: config.secureCookies, merged: s.merged });
  app.get('/i/:token', invited.load, invited.page);
  app.post('/i/:token', invited.load, surveyBody, invited.submit);
  app.get('/i/:token/thanks', invited.load, invited.used, invited.thanks);
  app.get('/i/:token/step/:n', invited.load, invited.used, invited.stepPage);
  app.post('/i/:token/step/:n', invited.load, invited.used, surveyBody, invited.stepSubmit);
  app.get('/i/:token/done', invited.load, invited.used, invited.done);

  // A unit's published results: no session, no cookie, cached until the next quarter.
  app.get('/ket-qua/:code', publicResultsPage({ settings: s.reportSettings, figures: s.figures, units: r.units, definition: s.definition, threshold: config.fewAnswersThreshold, target: config.sipasTarget, now: s.now }));

  // Staff sessions are read on /staff, /api and /k only: the citizen's pages never touch them.
  app.use(['/staff', '/api', '/k'], s.sessions.load, attachAccess(s.policy));
  const kiosk = kioskPages({ kiosk: s.kiosk, responses: s.responses, form: s.form, catalog: s.citizenPoints, sessions: s.sessions, idleSeconds: config.kioskIdleSeconds, secureCookies: config.secureCookies });
  app.get('/k/:code', point, kiosk.load, kiosk.page);
  app.post('/k/:code', point, kiosk.load, kiosk.citizens, surveyBody, kiosk.submit);
  app.post('/k/:code/open', point, kiosk.load, kioskForm, verifyCsrf, kiosk.open);
  app.get('/k/:code/thanks', point, kiosk.load, kiosk.citizens, kiosk.thanks);
  app.get('/k/:code/step/:n', point, kiosk.load, kiosk.citizens, kiosk.stepPage);
  app.post('/k/:code/step/:n', point, kiosk.load, kiosk.citizens, surveyBody, kiosk.stepSubmit);
  app.get('/k/:code/done', point, kiosk.load, kiosk.citizens, kiosk.done);
  app.get('/k/:code/leave', point, kiosk.load, kiosk.leavePage);
  app.post('/k/:code/leave', point, kiosk.load, kioskForm, kiosk.leave);

  app.use('/staff', staffRoutes(s));

  // The API: a staff session or an API key; creating invitations takes a key only.
  app.post('/api/v1/invitations', s.keyOnlyAuth, invitationJson, createInvitationApi(s.invitations));
  app.get('/api/v1/figures', s.apiAuth, figuresApi(s.figures));
  const exports = exportsApi({ figures: s.figures, reports: s.reports, raw: r.raw, audit: s.audit, now: s.now });
  app.get('/api/v1/exports/figures.xlsx', s.apiAuth, exports.xlsx);
  app.get('/api/v1/exports/figures.csv', s.apiAuth, exports.csv);
  app.get('/api/v1/exports/responses.csv', s.apiAuth, exports.responses);
  app.get('/api/v1/exports/report.docx', s.apiAuth, reportDocxApi({ reports: s.reports, definition: s.definition, audit: s.audit }));
}
