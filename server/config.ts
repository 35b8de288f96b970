import path from 'node:path';
import type { z } from 'zod';
import { envSchema, ROOT } from './config-env';

export { COMPILED, ROOT } from './config-env';

export interface Config {
  port: number;
  host: string;
  databasePath: string;
  publicUrl: string;
  secureCookies: boolean;
  seedDemo: boolean;
  dbSynchronous: 'NORMAL' | 'FULL';
  surveyDefinition: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: string;
  definitionsDir: string;
  fewAnswersThreshold: number;
  sipasTarget: number;
  /** First start only: the admin account created when there is no user yet. */
  adminUsername: string;
  adminPassword: string | undefined;
  sessionTtlMs: number;
  /** Failed logins for one username from one client before it is refused for loginLockMs. */
  loginMaxFailures: number;
  loginLockMs: number;
  posterMinIntervalMs: number;
  /** The sliding window and the daily cap per hashed address and point (server/abuse/address-limits.ts). */
  posterWindowMs: number;
  posterWindowMax: number;
  posterDailyMax: number;
  /** How old a poster form's submission id must be, and may be, when it is sent (server/abuse/submission-id.ts). */
  posterSidMinAgeMs: number;
  posterSidMaxAgeMs: number;
  kioskIdleSeconds: number;
  invitationTtlDays: number;
  invitationSecret: string | undefined;
  /** Free-text comments are blanked after this many months; 0 keeps them. */
  commentRetentionMonths: number;
  logFormat: 'auto' | 'pretty' | 'json';
  /** True when PUBLIC_URL was not given (the default points at this machine only). */
  publicUrlDefaulted: boolean;
  /** null for an in-memory database: the key then lives only as long as the process. */
  invitationKeyFile: string | null;
  metricsToken: string | undefined;
  backup: { dir: string; copyDir: string | undefined; keep: { daily: number; weekly: number; monthly: number } };
}

export class ConfigError extends Error {}

/** Parses the environment once; nothing else in the app reads process.env. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const blankless = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(blankless);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const memory = e.DATABASE_PATH === ':memory:';
  const dataDir = memory ? path.join(ROOT, 'data') : path.dirname(e.DATABASE_PATH);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databasePath: e.DATABASE_PATH,
    publicUrl,
    secureCookies: publicUrl.startsWith('https:'),
    seedDemo: e.SEED_DEMO,
    dbSynchronous: e.DB_SYNCHRONOUS,
    surveyDefinition: e.SURVEY_DEFINITION,
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    definitionsDir: path.join(ROOT, 'survey-definitions'),
    fewAnswersThreshold: e.FEW_ANSWERS_THRESHOLD,
    sipasTarget: e.SIPAS_TARGET,
    adminUsername: e.ADMIN_USERNAME,
    adminPassword: e.ADMIN_PASSWORD,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3600_000,
    loginMaxFailures: e.LOGIN_MAX_FAILURES,
    loginLockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    posterMinIntervalMs: e.POSTER_MIN_INTERVAL_SECONDS * 1000,
    posterWindowMs: e.POSTER_WINDOW_MINUTES * 60_000,
    posterWindowMax: e.POSTER_WINDOW_MAX,
    posterDailyMax: e.POSTER_DAILY_MAX,
    posterSidMinAgeMs: e.POSTER_SID_MIN_SECONDS * 1000,
    posterSidMaxAgeMs: e.POSTER_SID_MAX_HOURS * 3600_000,
    kioskIdleSeconds: e.KIOSK_IDLE_SECONDS,
    invitationTtlDays: e.INVITATION_TTL_DAYS,
    invitationSecret: e.INVITATION_SECRET,
    commentRetentionMonths: e.COMMENT_RETENTION_MONTHS,
    logFormat: e.LOG_FORMAT,
    publicUrlDefaulted: e.PUBLIC_URL === undefined,
    invitationKeyFile: e.INVITATION_KEY_FILE ?? (memory ? null : path.join(dataDir, 'sipas.key')),
    metricsToken: e.METRICS_TOKEN,
    backup: Object.freeze({
      dir: e.BACKUP_DIR ?? path.join(dataDir, 'backups'),
      copyDir: e.BACKUP_COPY_DIR,
      keep: Object.freeze({ daily: e.BACKUP_KEEP_DAILY, weekly: e.BACKUP_KEEP_WEEKLY, monthly: e.BACKUP_KEEP_MONTHLY }),
    }),
  });
}
