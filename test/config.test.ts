import { ConfigError, loadConfig } from '../server/config';

describe('configuration from the environment', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, publicUrl: 'http://localhost:3000', seedDemo: true, dbSynchronous: 'NORMAL', secureCookies: false });
    expect(c.databasePath).toMatch(/data[/\\]sipas\.sqlite$/);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('reads every variable', () => {
    const c = loadConfig({ PORT: '8080', DATABASE_PATH: '/tmp/x.sqlite', PUBLIC_URL: 'https://khaosat.example.vn/', SEED_DEMO: 'false', DB_SYNCHRONOUS: 'FULL', LOG_LEVEL: 'warn' });
    expect(c).toMatchObject({ port: 8080, databasePath: '/tmp/x.sqlite', publicUrl: 'https://khaosat.example.vn', seedDemo: false, dbSynchronous: 'FULL', secureCookies: true, logLevel: 'warn' });
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PUBLIC_URL', 'khaosat.example.vn'],
    ['PUBLIC_URL', 'ftp://x.vn'],
    ['SEED_DEMO', 'maybe'],
    ['DB_SYNCHRONOUS', 'OFF'],
  ])('names the variable of a bad value: %s=%s', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`${name}: .*got "${value}"`));
  });
});
