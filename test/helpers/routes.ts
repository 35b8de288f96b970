import type { Express } from 'express';

interface Layer { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: Layer[] }; slash?: boolean; rawPath?: unknown }

/** Every route of an express 5 app as "METHOD /path", read from its router stack (mount paths included). */
export function routesOf(app: Express): string[] {
  const out: string[] = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const l of stack) {
      if (l.route) for (const m of Object.keys(l.route.methods)) out.push(`${m.toUpperCase()} ${prefix}${l.route.path}`);
      else if (l.handle?.stack) walk(l.handle.stack, prefix + (l.slash ? '' : String(l.rawPath)));
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return out;
}
