import type { IncomingHttpHeaders } from 'node:http';
import autocannon from 'autocannon';
import { load, type LoadResult } from './lib';

/**
 * The citizen's path as npm run bench loads it: real forms first (each a GET by a new
 * browser: the device cookie it sets and the signed submission id it issues, taken before
 * the clock starts and older than POSTER_SID_MIN_SECONDS when sent), then one POST per
 * form, each its own device, so that every submission takes the normal, unflagged path.
 */
export interface Form { cookie: string; sid: string }

const SID = /name="sid" value="([^"]+)"/;

/** `n` real forms of the survey page at `url` (10 connections, as fast as the server gives them). */
export async function harvestForms(url: string, n: number): Promise<Form[]> {
  const forms: Form[] = [];
  // autocannon hands the raw header names over, as the server spelled them ('Set-Cookie').
  const onResponse = (_status: number, body: string, _ctx: object, headers?: IncomingHttpHeaders) => {
    const setCookie = Object.entries(headers ?? {}).find(([k]) => k.toLowerCase() === 'set-cookie')?.[1] ?? [];
    const cookie = [setCookie].flat().map((c) => c.split(';')[0]!).find((c) => c.startsWith('sipas_dev='));
    const sid = SID.exec(body)?.[1];
    if (cookie && sid) forms.push({ cookie, sid });
  };
  await autocannon({ url, amount: n, connections: 10, requests: [{ method: 'GET', onResponse }] });
  if (forms.length < n * 0.99) throw new Error(`only ${forms.length} of ${n} forms harvested`);
  return forms;
}

/** The first step of the citizen's path: the overall answer and a service field. */
export const firstStep = (service: string | null) => () => ({ overall: String(1 + Math.floor(Math.random() * 5)), ...(service ? { service } : {}) });

/** The whole questionnaire on one page (an older page, a client of its own): the overall question, 19 criteria, two priorities, a comment. */
export const fullQuestionnaire = (service: string | null) => () => {
  const answers: Record<string, string> = firstStep(service)();
  for (let c = 15; c <= 33; c++) answers[`c${c}`] = Math.random() < 0.1 ? 'na' : String(3 + Math.floor(Math.random() * 3));
  answers.p_info = 'nhieu';
  answers.p_digital = 'rat_nhieu';
  answers.comment = 'Cán bộ hướng dẫn nhiệt tình, thủ tục nhanh gọn.';
  return answers;
};

/** POSTs each form once (bodies made before the clock starts) for `seconds`; throws when the forms ran out first (a repeat is cheaper: the run would flatter). */
export async function submitForms(base: string, path: string, forms: Form[], answers: () => Record<string, string>, seconds: number): Promise<LoadResult & { used: number }> {
  const bodies = forms.map((f) => ({ cookie: f.cookie, body: new URLSearchParams({ sid: f.sid, ...answers() }).toString() }));
  let i = 0;
  const result = await load({
    url: base,
    duration: seconds,
    requests: [{
      method: 'POST', path,
      setupRequest: (req) => {
        const b = bodies[i++ % bodies.length]!;
        return { ...req, body: b.body, headers: { ...req.headers, 'content-type': 'application/x-www-form-urlencoded', cookie: b.cookie } };
      },
    }],
  });
  if (i > bodies.length) throw new Error(`the ${bodies.length} forms ran out after ${Math.round((bodies.length / i) * seconds)} s of ${seconds}: harvest more`);
  return { ...result, used: i };
}
