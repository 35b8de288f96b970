import pino from 'pino';

/** Structured JSON logs on stdout (pino); `LOG_LEVEL=silent` in tests. */
export function createLogger(level: string) {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime });
}
