import type { Server } from 'node:http';
import { COMPILED, ConfigError, loadConfig } from './config';
import { createLogger, isPretty } from './logger';
import { openDatabase } from './db/open-database';
import { migrate } from './db/migrate';
import { DefinitionError, loadDefinitions } from './surveys/definitions';
import { demoSurveyPath, seedDemo } from './seed/seed-demo';
import { seedDemoResponses } from './seed/seed-responses';
import { createApp } from './app';
import { createAppServer } from './http/app-server';
import { wire, wireCore } from './wiring';
import { bootstrapAdmin } from './auth/bootstrap-admin';
import { scheduleCommentRetention } from './retention/retention';
import { scheduleRollups } from './figures/rollups.schedule';
import { announceInvitationKey, keepAdminPassword, logStart, startBlock, type StartFacts } from './start/start-messages';
import { staleBuildWarning } from './start/build-check';
import { loadInvitationKey } from './invitations/invitation-key';
import { scheduleContinuationCleanup } from './responses/continuations.schedule';

/** Start: config → open db → migrate → load definitions → seed → first admin → createApp → listen → rollups. */
async function main() {
  const config = loadConfig();
  const pretty = isPretty(config.logFormat);
  const logger = createLogger(config.logLevel, config.logFormat);
  const stale = COMPILED ? staleBuildWarning(__filename) : null;
  if (stale) logger.warn(stale);
  const db = openDatabase(config.databasePath, config.dbSynchronous);
  const applied = migrate(db);
  const definitions = loadDefinitions(config.definitionsDir, config.surveyDefinition);
  const core = wireCore(db);
  const seeded = config.seedDemo ? seedDemo(core) : false;
  // On the first start only, a year of synthetic responses so the figures have something to show; never with SEED_DEMO=false.
  const demoResponses = seeded ? seedDemoResponses(core, definitions.current, new Date()) : 0;
  logger.info({ database: config.databasePath, migrationsApplied: applied, seeded, demoResponses, definition: `${definitions.current.id} v${definitions.current.version}` }, 'database ready');

  announceInvitationKey(logger, config, loadInvitationKey({ settings: core.repos.settings, configured: config.invitationSecret, keyFile: config.invitationKeyFile }));
  const admin = await bootstrapAdmin(core, config, logger);
  if (admin.created && admin.generated) keepAdminPassword(config.databasePath, admin);
  scheduleCommentRetention(core.repos.retention, config.commentRetentionMonths, logger);

  const deps = { config, db, definitions, logger };
  const wired = wire(deps, core);
  const app = createApp(deps, wired);
  // The link between a device and its response (the detail steps) does not outlive its window.
  const stopCleanup = scheduleContinuationCleanup(wired.responses.purgeExpired, logger);
  const server: Server = createAppServer(app).listen(config.port, config.host, () => {
    logger.info(`SIPAS survey server listening on ${config.publicUrl} (port ${config.port})`);
    const facts: StartFacts = { config, demo: demoSurveyPath(core), admin: admin.created && admin.generated ? admin : undefined };
    // A person at a terminal gets one framed block; a service or a pipe gets JSON lines and the password in a 0600 file.
    if (pretty) process.stdout.write(startBlock(facts));
    else logStart(logger, facts);
  });
  // After the demo seed (the one writer of past days): sums closed months and years for the figures.
  const rollups = scheduleRollups({ db, definition: definitions.current, logger });

  const shutdown = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    rollups.stop();
    stopCleanup();
    server.close(() => {
      db.close();
      logger.info('database closed');
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 5000).unref();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DefinitionError) {
    console.error(err.message);
    process.exit(1);
  }
  console.error(err);
  process.exit(1);
});
