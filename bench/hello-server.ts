import express from 'express';

/** The baseline: a bare express "hello" route, the ceiling any real route is compared to. */
const app = express();
app.get('/', (_req, res) => {
  res.send('hello');
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
