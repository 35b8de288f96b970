import fs from 'node:fs';
import path from 'node:path';

/**
 * npx tsx bench/profile-summary.ts <file.cpuprofile> [top] [last seconds]: where a server's
 * CPU went, from a V8 profile (node --cpu-prof; bench/profile.ts makes one under a load of
 * npm run bench). Prints the self time per package or app folder (what runs), and the
 * inclusive time of the functions that make the phases of a request (what it runs for), as a
 * share of the busy time (idle left out). With `last`, only the samples of the profile's last
 * seconds count: the load, without the start and the forms fetched before it.
 */
interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const file = process.argv[2];
const TOP = Number(process.argv[3] ?? 40);
const LAST_US = Number(process.argv[4] ?? 0) * 1e6;
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

/** What a frame belongs to: a package, a folder of the app, a part of Node, or V8 itself. */
function category(n: Node): string {
  const { url, functionName } = n.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const app = /\/(server|bench)\/(.+?)(?:\.js|\.ts)?$/.exec(url);
  if (app) return `${app[1]}/${path.dirname(app[2]!)}`;
  return url.replace(/^node:/, 'node:');
}
const fileOf = (n: Node) => /\/(server|bench)\/(.+)$/.exec(n.callFrame.url)?.[0].slice(1) ?? category(n);
const frameName = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${fileOf(n)}:${n.callFrame.lineNumber + 1}`;

const self = new Map<string, number>();
const selfFn = new Map<string, number>();
const inclusive = new Map<string, number>();
let busy = 0;
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
let clock = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  clock += dt;
  if (LAST_US && clock < total - LAST_US) return;
  const node = byId.get(id)!;
  const cat = category(node);
  if (cat === '(idle)') return;
  busy += dt;
  self.set(cat, (self.get(cat) ?? 0) + dt);
  selfFn.set(frameName(node), (selfFn.get(frameName(node)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const name = frameName(byId.get(at)!);
    if (seen.has(name)) continue;
    seen.add(name);
    inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
  }
});

const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)} %`;
const table = (title: string, m: Map<string, number>, filter: (k: string) => boolean = () => true) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].filter(([k]) => filter(k)).sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`${pct(us)}  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
};
console.log(`busy ${(busy / 1e6).toFixed(2)} s of ${((LAST_US || total) / 1e6).toFixed(2)} s sampled`);
table('self time by package, app folder or part of Node', self);
table('self time by function', selfFn);
table('inclusive time of functions (app code and the packages of a request)', inclusive, (k) => !/^\(root\)|^\(program\)/.test(k));
