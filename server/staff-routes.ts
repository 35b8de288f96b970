import express, { type NextFunction, type Request, type Response } from 'express';
import { verifyCsrf } from './auth/csrf';
import { catalogPages } from './admin/catalog.routes';
import { importPages } from './admin/import.routes';
import { mergersPages } from './admin/mergers.routes';
import { provincesPages } from './admin/provinces.routes';
import { pointsPages } from './admin/points.routes';
import { unitsPages } from './admin/units.routes';
import { apiKeysPages } from './api-keys/api-keys.routes';
import { auditPage } from './audit/audit.routes';
import { authPages } from './auth/auth.routes';
import { requireRole, requireUser } from './auth/require-user';
import { usersPages } from './auth/users.routes';
import { commentsPages } from './dashboard/comments.routes';
import { dashboardPage } from './dashboard/dashboard.routes';
import { invitationPages } from './invitations/invitations-staff.routes';
import { posterPages } from './posters/posters.routes';
import { homePage } from './staff-home/home.routes';
import { reportSettingsPages } from './reports/settings.routes';
import type { Wired } from './wiring';

/** Staff pages are never cached, and the views know they are staff pages. */
function staffPage(req: Request, res: Response, next: NextFunction) {
  res.locals.staffPage = true;
  res.locals.query = req.query;
  res.set('Cache-Control', 'no-store');
  next();
}

/** Everything under /staff: body → CSRF check → login (public) → requireUser → the pages, each with its roles. */
export function staffRoutes(s: Wired) {
  const { load, repos: r, config } = s;
  const staff = express.Router();
  const all = requireUser, managers = [requireUser, requireRole('admin', 'oversight')], admin = [requireUser, requireRole('admin')];
  staff.use(staffPage, express.urlencoded({ extended: false, limit: '1mb', parameterLimit: 1000 }), verifyCsrf);

  const auth = authPages({ auth: s.auth, sessions: s.sessions, secureCookies: config.secureCookies });
  staff.get('/login', auth.loginPage);
  staff.post('/login', auth.login);
  staff.post('/logout', auth.logout);
  staff.get('/password', all, auth.passwordPage);
  staff.post('/password', all, auth.changePassword);

  staff.get('/', all, homePage(s.home));
  const units = unitsPages({ service: s.unitAdmin, pointsService: s.pointAdmin, catalog: r.catalog, points: r.points });
  staff.get('/units', managers, units.list);
  staff.post('/units', managers, units.create);
  staff.get('/units/:id', managers, load.unit, units.show);
  staff.post('/units/:id', managers, load.unit, units.rename);
  staff.post('/units/:id/active', managers, load.unit, units.setActive);
  staff.post('/units/:id/successor', managers, load.unit, units.setSuccessor);
  staff.post('/units/:id/services', managers, load.unit, units.setServices);
  staff.post('/units/:id/points', all, load.unit, units.addPoint);
  const reportSettings = reportSettingsPages({ settings: s.reportSettings, publicUrl: config.publicUrl, now: s.now });
  staff.get('/units/:id/report-settings', managers, load.unit, reportSettings.page);
  staff.post('/units/:id/report-settings', managers, load.unit, reportSettings.save);
  const posters = posterPages({ points: r.points, publicUrl: config.publicUrl, now: s.now, resultsUrl: s.reportSettings.resultsUrl });
  staff.get('/units/:id/posters', all, load.unit, posters.unitPosters);
  staff.get('/points/:id/poster', all, load.point, posters.pointPoster);
  staff.get('/points/:id/qr.svg', all, load.point, posters.svg);
  staff.get('/points/:id/qr.png', all, load.point, posters.png);
  const points = pointsPages({ service: s.pointAdmin, catalog: r.catalog, publicUrl: config.publicUrl });
  staff.get('/points/:id', all, load.point, points.page);
  staff.post('/points/:id', all, load.point, points.update);
  staff.get('/points/:id/active', all, load.point, points.confirmOff);
  staff.post('/points/:id/active', all, load.point, points.setActive);
  staff.get('/points/:id/code', all, load.point, points.confirmCode);
  staff.post('/points/:id/code', all, load.point, points.newCode);

  const catalog = catalogPages({ service: s.catalogAdmin, catalog: r.catalog });
  staff.get('/services', managers, catalog.list);
  staff.post('/services', admin, catalog.create);
  staff.get('/services/:id', managers, load.service, catalog.show);
  staff.post('/services/:id', admin, load.service, catalog.update);
  staff.post('/services/:id/active', admin, load.service, catalog.setActive);
  staff.post('/services/:id/procedures', admin, load.service, catalog.addProcedure);
  staff.post('/procedures/:id', admin, load.procedure, catalog.updateProcedure);
  staff.post('/procedures/:id/active', admin, load.procedure, catalog.setProcedureActive);
  const imports = importPages(s.imports);
  staff.get('/import', managers, imports.page);
  staff.post('/import', managers, imports.submit);
  const mergers = mergersPages({ mergers: s.mergers, units: s.unitAdmin });
  staff.get('/mergers', managers, mergers.page);
  staff.post('/mergers', managers, mergers.submit);
  const provinces = provincesPages(s.provinces);
  staff.get('/provinces', admin, provinces.page);
  staff.post('/provinces', admin, provinces.add);
  const users = usersPages({ service: s.accounts, users: r.users, units: r.units });
  staff.get('/users', admin, users.list);
  staff.post('/users', admin, users.create);
  staff.post('/users/:id/active', admin, load.account, users.setActive);
  staff.post('/users/:id/reset', admin, load.account, users.reset);
  staff.get('/audit', admin, auditPage(r.audit));
  const keys = apiKeysPages({ keys: s.apiKeys, units: r.units });
  staff.get('/api-keys', admin, keys.list);
  staff.post('/api-keys', admin, keys.create);
  staff.post('/api-keys/:id/revoke', admin, keys.revoke);

  const figures = { threshold: config.fewAnswersThreshold, target: config.sipasTarget, definition: s.definition, now: s.now };
  staff.get('/dashboard', all, dashboardPage({ dashboard: s.dashboard, reports: s.reports, comments: s.comments, flags: s.flagReport, ...figures }));
  const comments = commentsPages({ comments: s.comments, dashboard: s.dashboard, figures: s.figures, now: s.now });
  staff.get('/comments', all, comments.list);
  staff.post('/comments/:responseId/hide', all, comments.hide);
  staff.post('/comments/:responseId/unhide', all, comments.unhide);
  const invitations = invitationPages({ invitations: s.invitations, repo: r.invitations, units: r.units, catalog: r.catalog, ttlDays: config.invitationTtlDays, publicUrl: config.publicUrl, secureCookies: config.secureCookies, now: s.now });
  staff.get('/invitations/new', all, invitations.newForm);
  staff.post('/invitations', all, invitations.create);
  staff.get('/invitations/:id/slip', all, load.invitation, invitations.slip);
  return staff;
}
