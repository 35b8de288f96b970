import type { Role } from '../../server/auth/staff-user';

/** What a case of the role matrix knows of the place it acts on (own or other unit). */
export interface Ctx {
  unit: number; unitCode: string; point: number; service: number; procedure: number; account: number;
  response: number; invitation: number; apiKey: number; seq: number;
}
export interface MatrixRoute {
  /** Method and path as the route table declares them. */
  route: string;
  path: (c: Ctx) => string;
  roles: Role[];
  /** Refused for a unit outside the role's units (admin: none). */
  scoped: boolean;
  body?: (c: Ctx) => Record<string, string>;
}

export const ALL: Role[] = ['admin', 'oversight', 'counter'];
const MANAGERS: Role[] = ['admin', 'oversight'];
const ADMIN: Role[] = ['admin'];
const period = (c: Ctx) => `period=2025-Q1&unit=${c.unitCode}`;
const get = (route: string, path: (c: Ctx) => string, roles: Role[], scoped: boolean): MatrixRoute => ({ route: `GET ${route}`, path, roles, scoped });
const post = (route: string, path: (c: Ctx) => string, roles: Role[], scoped: boolean, body: (c: Ctx) => Record<string, string> = () => ({})): MatrixRoute =>
  ({ route: `POST ${route}`, path, roles, scoped, body });

/** Every staff route of the route table with the roles that may use it (test/role-matrix.test.ts). */
export const STAFF_ROUTES: MatrixRoute[] = [
  get('/staff/', () => '/staff', ALL, false),
  get('/staff/password', () => '/staff/password', ALL, false),
  get('/staff/units', () => '/staff/units', MANAGERS, false),
  post('/staff/units', () => '/staff/units', MANAGERS, true, (c) => ({ code: `m-${c.seq}`, name: `Xã thử ${c.seq}`, type: 'xa', parentId: String(c.unit) })),
  get('/staff/units/:id', (c) => `/staff/units/${c.unit}`, MANAGERS, true),
  post('/staff/units/:id', (c) => `/staff/units/${c.unit}`, MANAGERS, true, () => ({ name: 'Xã Đổi Tên', type: 'xa' })),
  post('/staff/units/:id/active', (c) => `/staff/units/${c.unit}/active`, MANAGERS, true, () => ({ active: '1' })),
  post('/staff/units/:id/successor', (c) => `/staff/units/${c.unit}/successor`, MANAGERS, true, () => ({ successorId: '' })),
  post('/staff/units/:id/services', (c) => `/staff/units/${c.unit}/services`, MANAGERS, true, (c) => ({ serviceIds: String(c.service) })),
  post('/staff/units/:id/points', (c) => `/staff/units/${c.unit}/points`, ALL, true, (c) => ({ label: `Quầy ${c.seq}`, serviceId: '' })),
  get('/staff/units/:id/report-settings', (c) => `/staff/units/${c.unit}/report-settings`, MANAGERS, true),
  post('/staff/units/:id/report-settings', (c) => `/staff/units/${c.unit}/report-settings`, MANAGERS, true, (c) => ({ agencyName: `UBND ${c.seq}`, publicResults: '1' })),
  get('/staff/units/:id/posters', (c) => `/staff/units/${c.unit}/posters?size=A5`, ALL, true),
  get('/staff/points/:id/poster', (c) => `/staff/points/${c.point}/poster?size=A4`, ALL, true),
  get('/staff/points/:id/qr.svg', (c) => `/staff/points/${c.point}/qr.svg`, ALL, true),
  get('/staff/points/:id/qr.png', (c) => `/staff/points/${c.point}/qr.png`, ALL, true),
  get('/staff/points/:id', (c) => `/staff/points/${c.point}`, ALL, true),
  post('/staff/points/:id', (c) => `/staff/points/${c.point}`, ALL, true, () => ({ label: 'Quầy một cửa', serviceId: '' })),
  get('/staff/points/:id/active', (c) => `/staff/points/${c.point}/active`, ALL, true),
  post('/staff/points/:id/active', (c) => `/staff/points/${c.point}/active`, ALL, true, () => ({ active: '1' })),
  get('/staff/points/:id/code', (c) => `/staff/points/${c.point}/code`, ALL, true),
  post('/staff/points/:id/code', (c) => `/staff/points/${c.point}/code`, ALL, true, () => ({ confirm: '1' })),
  get('/staff/services', () => '/staff/services', MANAGERS, false),
  post('/staff/services', () => '/staff/services', ADMIN, false, (c) => ({ code: `dv-${c.seq}`, nameVi: 'Lĩnh vực thử' })),
  get('/staff/services/:id', (c) => `/staff/services/${c.service}`, MANAGERS, false),
  post('/staff/services/:id', (c) => `/staff/services/${c.service}`, ADMIN, false, () => ({ nameVi: 'Hộ tịch', nameEn: 'Civil status' })),
  post('/staff/services/:id/active', (c) => `/staff/services/${c.service}/active`, ADMIN, false, () => ({ active: '1' })),
  post('/staff/services/:id/procedures', (c) => `/staff/services/${c.service}/procedures`, ADMIN, false, (c) => ({ code: `tt-${c.seq}`, name: 'Đăng ký khai sinh' })),
  post('/staff/procedures/:id', (c) => `/staff/procedures/${c.procedure}`, ADMIN, false, () => ({ name: 'Đăng ký kết hôn', nationalCode: '' })),
  post('/staff/procedures/:id/active', (c) => `/staff/procedures/${c.procedure}/active`, ADMIN, false, () => ({ active: '1' })),
  get('/staff/import', () => '/staff/import', MANAGERS, false),
  post('/staff/import', () => '/staff/import', MANAGERS, false, () => ({ kind: 'units', action: 'preview', content: 'code,name,type,parent_code\nxa-thu,Xã Thử,xa,xa-a1\n' })),
  // A preview within huyen-a: oversight may merge there, so the plan has no error; outside it the plan refuses (test/unit-mergers.test.ts).
  get('/staff/mergers', () => '/staff/mergers', MANAGERS, false),
  post('/staff/mergers', () => '/staff/mergers', MANAGERS, false, () => ({ olds: 'xa-a2', into: 'xa-a1', date: '01/07/2025', action: 'preview' })),
  get('/staff/provinces', () => '/staff/provinces?code=12', ADMIN, false),
  post('/staff/provinces', () => '/staff/provinces', ADMIN, false, () => ({ code: '12' })),
  get('/staff/users', () => '/staff/users', ADMIN, false),
  post('/staff/users', () => '/staff/users', ADMIN, false, (c) => ({ username: `user${c.seq}`, role: 'counter', unitId: String(c.unit), password: 'temporary password', confirm: 'temporary password' })),
  post('/staff/users/:id/active', (c) => `/staff/users/${c.account}/active`, ADMIN, false, () => ({ active: '1' })),
  post('/staff/users/:id/reset', (c) => `/staff/users/${c.account}/reset`, ADMIN, false, () => ({ password: 'another temporary one', confirm: 'another temporary one' })),
  get('/staff/audit', () => '/staff/audit', ADMIN, false),
  get('/staff/api-keys', () => '/staff/api-keys', ADMIN, false),
  post('/staff/api-keys', () => '/staff/api-keys', ADMIN, false, (c) => ({ unit: c.unitCode, label: `khóa ${c.seq}` })),
  post('/staff/api-keys/:id/revoke', (c) => `/staff/api-keys/${c.apiKey}/revoke`, ADMIN, false),
  get('/staff/dashboard', (c) => `/staff/dashboard?${period(c)}`, ALL, true),
  get('/staff/comments', (c) => `/staff/comments?${period(c)}`, ALL, true),
  post('/staff/comments/:responseId/hide', (c) => `/staff/comments/${c.response}/hide`, ALL, true, () => ({ questionId: 'comment' })),
  post('/staff/comments/:responseId/unhide', (c) => `/staff/comments/${c.response}/unhide`, MANAGERS, true, () => ({ questionId: 'comment' })),
  get('/staff/invitations/new', () => '/staff/invitations/new', ALL, false),
  post('/staff/invitations', () => '/staff/invitations', ALL, true, (c) => ({ unit: c.unitCode, service: 'ho-tich', size: '80mm' })),
  get('/staff/invitations/:id/slip', (c) => `/staff/invitations/${c.invitation}/slip`, ALL, true),
];

/** The API with a staff session: the same rule, by unit. Creating an invitation takes an API key only (test below). */
export const API_ROUTES: MatrixRoute[] = [
  get('/api/v1/figures', (c) => `/api/v1/figures?${period(c)}`, ALL, true),
  get('/api/v1/exports/figures.xlsx', (c) => `/api/v1/exports/figures.xlsx?${period(c)}`, ALL, true),
  get('/api/v1/exports/figures.csv', (c) => `/api/v1/exports/figures.csv?${period(c)}&table=units`, ALL, true),
  get('/api/v1/exports/responses.csv', (c) => `/api/v1/exports/responses.csv?${period(c)}`, ALL, true),
  get('/api/v1/exports/report.docx', (c) => `/api/v1/exports/report.docx?${period(c)}`, ALL, true),
];

/** Routes of /staff and /api that the matrix does not call, and where they are tested instead. */
export const ELSEWHERE: Record<string, string> = {
  'GET /staff/login': 'public: test/auth.test.ts',
  'POST /staff/login': 'public: test/auth.test.ts, test/login-throttle.test.ts',
  'POST /staff/logout': 'any session: test/auth.test.ts',
  'POST /staff/password': 'one own password: test/auth.test.ts',
  'POST /api/v1/invitations': 'API key only, scoped by its unit: test/role-matrix.test.ts (keys) and test/invitations.test.ts',
};
