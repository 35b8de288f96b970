import http from 'node:http';
import express from 'express';
import { createAppServer } from '../server/http/app-server';

/**
 * The baseline: a bare express "hello" route, the ceiling any real route is compared to.
 * With HELLO_SERVER=app it is served as the app serves itself (server/http/app-server.ts,
 * requests born with express's prototypes): this machine's floor for an express route.
 */
const app = express();
app.get('/', (_req, res) => {
  res.send('hello');
});
const server = (process.env.HELLO_SERVER === 'app' ? createAppServer(app) : http.createServer(app)).listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
