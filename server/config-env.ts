import path from 'node:path';
import { z } from 'zod';

/**
 * The project root: one level above server/, also when running the compiled code from
 * dist/server/ (views, locales, public, survey-definitions and data stay where they are).
 */
const ABOVE = path.resolve(__dirname, '..');
export const ROOT = path.basename(ABOVE) === 'dist' ? path.dirname(ABOVE) : ABOVE;
/** True when this is the compiled build (npm start), false under the TypeScript loader (npm run dev, tests). */
export const COMPILED = ROOT !== ABOVE;

/** Every environment variable the app reads, with its default and its bounds (README: Configuration). */
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

export const envSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_PATH: z.string().min(1).default(path.join(ROOT, 'data', 'sipas.sqlite')),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  SEED_DEMO: bool.default(true),
  DB_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  SURVEY_DEFINITION: z.string().min(1).default('sipas-2023'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: z.string().default('loopback'),
  /** Below this many answers a figure is marked as resting on few answers. */
  FEW_ANSWERS_THRESHOLD: z.coerce.number().int().min(1).max(100000).default(30),
  /** The SIPAS target in percent that local plans set (e.g. "đạt từ 90% trở lên"). */
  SIPAS_TARGET: z.coerce.number().min(0).max(100).default(90),
  ADMIN_USERNAME: z.string().regex(/^[A-Za-z0-9._-]{3,40}$/).default('admin'),
  ADMIN_PASSWORD: z.string().min(12).max(200).optional(),
  SESSION_TTL_HOURS: z.coerce.number().min(1).max(24 * 30).default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(3).max(100).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().min(1).max(24 * 60).default(15),
  /** A second poster response from the same device at the same point within this many seconds is kept but flagged. */
  POSTER_MIN_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(7 * 86400).default(600),
  /** Poster responses from one (hashed) address at one point within any POSTER_WINDOW_MINUTES before the next ones are flagged. */
  POSTER_WINDOW_MAX: z.coerce.number().int().min(1).max(1_000_000).default(30),
  POSTER_WINDOW_MINUTES: z.coerce.number().min(1).max(24 * 60).default(10),
  /** Poster responses from one (hashed) address at one point in a local day before the next ones are flagged. */
  POSTER_DAILY_MAX: z.coerce.number().int().min(1).max(1_000_000_000).default(300),
  /** A poster form sent sooner than this after the server issued it is flagged (no person answers that fast). */
  POSTER_SID_MIN_SECONDS: z.coerce.number().min(0).max(600).default(3),
  /** A poster form sent longer than this after the server issued it is flagged (a stock of ids kept for later). */
  POSTER_SID_MAX_HOURS: z.coerce.number().min(1).max(24 * 30).default(6),
  /** A kiosk returns to its first screen after this many seconds without a touch. */
  KIOSK_IDLE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Days an invitation stays valid when the caller gives no expiry. */
  INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** Key of the dossier-reference HMAC; when not given, generated once into INVITATION_KEY_FILE. */
  INVITATION_SECRET: z.string().min(32).max(200).optional(),
  /** Blank free-text comments older than this many months (ratings stay); 0 keeps them. */
  COMMENT_RETENTION_MONTHS: z.coerce.number().int().min(0).max(1200).default(0),
  /** auto: readable lines on a terminal, JSON lines otherwise (a service, a pipe, a log collector). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
  /** Where the invitation key lives when INVITATION_SECRET is not set: beside the database, never inside it. */
  INVITATION_KEY_FILE: z.string().min(1).optional(),
  /** Bearer token of GET /metrics (Prometheus); the endpoint does not exist while unset. */
  METRICS_TOKEN: z.string().min(24).max(200).optional(),
  /** Where `npm run backup` (no file given) writes its dated copies, and the retention it keeps there. */
  BACKUP_DIR: z.string().min(1).optional(),
  BACKUP_KEEP_DAILY: z.coerce.number().int().min(1).max(366).default(7),
  BACKUP_KEEP_WEEKLY: z.coerce.number().int().min(0).max(520).default(4),
  BACKUP_KEEP_MONTHLY: z.coerce.number().int().min(0).max(1200).default(12),
  /** A second folder (another disk, a mounted remote share) that mirrors the kept backups. */
  BACKUP_COPY_DIR: z.string().min(1).optional(),
});
