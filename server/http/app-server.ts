import http from 'node:http';
import type { Express } from 'express';

type Protos = { request: object; response: object };
const made = new WeakMap<object, http.ServerOptions>();

/**
 * The HTTP server of the app, whose requests and responses are born with the app's request
 * and response prototypes (Node's documented `IncomingMessage` and `ServerResponse` options
 * of createServer: subclasses whose prototypes inherit from the app's, and which become the
 * app's). Express gives each request its app's prototypes itself (Object.setPrototypeOf in
 * app.handle), and changing an object's prototype sends V8 down its slow paths for that
 * object: with nothing else changed, the survey page's GET went from 177 to 67 µs of CPU a
 * request and a poster's first page from 204 to 133 µs (`npm run bench`, docs/benchmarks.md). Setting a prototype an object already has
 * changes nothing, so express then costs what it should. A server made elsewhere
 * (supertest's, in the tests) is served as before.
 */
export function createAppServer(app: Express): http.Server {
  let options = made.get(app);
  if (!options) {
    const protos = app as unknown as Protos;
    class AppRequest extends http.IncomingMessage {}
    class AppResponse extends http.ServerResponse {}
    Object.setPrototypeOf(AppRequest.prototype, protos.request);
    Object.setPrototypeOf(AppResponse.prototype, protos.response);
    protos.request = AppRequest.prototype;
    protos.response = AppResponse.prototype;
    options = { IncomingMessage: AppRequest, ServerResponse: AppResponse as typeof http.ServerResponse };
    made.set(app, options);
  }
  return http.createServer(options, app);
}
