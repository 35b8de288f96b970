import crypto from 'node:crypto';
import fs from 'node:fs';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createDbHealth } from '../health/db-health';
import type { HealthRepo } from '../health/health.repo';
import type { MetricsRepo } from './metrics.repo';
import { routeLabel } from './route-label';

export interface MetricsDeps { repos: { metrics: MetricsRepo; health: HealthRepo }; token: string | undefined; now: () => Date }

const sameToken = (given: string, token: string) => {
  const a = crypto.createHash('sha256').update(given).digest(), b = crypto.createHash('sha256').update(token).digest();
  return crypto.timingSafeEqual(a, b);
};

/**
 * GET /metrics in the Prometheus text format, behind `Authorization: Bearer METRICS_TOKEN`;
 * with no token configured there is no endpoint and no per-request cost at all.
 */
export function metricsRouter(deps: MetricsDeps): express.RequestHandler {
  if (!deps.token) return (_req, _res, next) => next();
  const token = deps.token;
  const router = express.Router();
  // Loaded only when metrics are on: a deployment without them does not carry prom-client.
  const prom = require('prom-client') as typeof import('prom-client');
  const register = new prom.Registry();
  // The standard names (process_resident_memory_bytes, nodejs_eventloop_lag_seconds, …) that dashboards expect.
  prom.collectDefaultMetrics({ register });
  const seconds = new prom.Histogram({
    name: 'sipas_http_request_duration_seconds', help: 'HTTP requests by route pattern, method and status class, with their latency',
    labelNames: ['method', 'route', 'status'], buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [register],
  });
  registerDatabaseMetrics(prom, register, deps);

  router.use((req: Request, res: Response, next: NextFunction) => {
    const end = seconds.startTimer();
    res.on('finish', () => end({ method: req.method, route: routeLabel(req), status: `${Math.floor(res.statusCode / 100)}xx` }));
    next();
  });
  router.get('/metrics', async (req, res) => {
    const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1];
    res.set('Cache-Control', 'no-store');
    if (!given || !sameToken(given, token)) return res.status(401).type('text/plain').send('metrics: bearer token required\n');
    res.type(register.contentType).send(await register.metrics());
  });
  return router;
}

/** Figures read from the database at scrape time: responses per channel, size, writability, the last backup. */
function registerDatabaseMetrics(prom: typeof import('prom-client'), register: import('prom-client').Registry, deps: MetricsDeps) {
  const repo = deps.repos.metrics;
  const health = createDbHealth(deps.repos.health);
  const file = deps.repos.health.file();
  // Counters since this process started (Prometheus' rate() handles restarts): only the new rows are read at each scrape.
  let after = repo.maxResponseId();
  const stored = new prom.Counter({ name: 'sipas_responses_stored_total', help: 'Responses stored since start, per channel', labelNames: ['channel'], registers: [register] });
  const flagged = new prom.Counter({ name: 'sipas_responses_flagged_total', help: 'Responses stored flagged (abuse rules) since start, per channel', labelNames: ['channel'], registers: [register] });
  for (const channel of ['poster', 'invitation', 'kiosk']) {
    stored.inc({ channel }, 0);
    flagged.inc({ channel }, 0);
  }
  const collectResponses = () => {
    for (const row of repo.responsesSince(after)) {
      stored.inc({ channel: row.channel }, row.n);
      if (row.flagged) flagged.inc({ channel: row.channel }, row.n);
      after = Math.max(after, row.lastId);
    }
  };
  new prom.Gauge({ name: 'sipas_database_bytes', help: 'Size of the database file plus its write-ahead log', registers: [register], collect() {
    const wal = file ? (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) : 0;
    this.set(repo.databaseBytes() + wal);
    collectResponses();
  } });
  // One check per scrape sets both (gauges are collected in the order registered).
  const disk = new prom.Gauge({ name: 'sipas_disk_free_bytes', help: 'Free space in the database folder', registers: [] });
  new prom.Gauge({ name: 'sipas_database_writable', help: '1 when the database takes writes (as /healthz)', registers: [register], collect() {
    const h = health();
    this.set(h.writable ? 1 : 0);
    disk.set(h.diskFreeBytes ?? -1);
  } });
  register.registerMetric(disk);
  new prom.Gauge({ name: 'sipas_last_backup_age_seconds', help: 'Seconds since the last successful `npm run backup`; -1 when none is recorded', registers: [register], collect() {
    const at = Date.parse((JSON.parse(repo.lastBackupJson() ?? '{}') as { at?: string }).at ?? '');
    this.set(Number.isNaN(at) ? -1 : Math.round((deps.now().getTime() - at) / 1000));
  } });
}
