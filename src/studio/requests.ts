import { foundValue } from '../formats/shared/excerpt.js';
import type { ApproveRequest, CheckRequest, CueChange, CueState } from './api.js';

/** What a request body says, or why it cannot be used. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const STATES: readonly CueState[] = ['draft', 'reviewed', 'approved'];

function object(body: unknown, expected: string): Parsed<Record<string, unknown>> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: `the body is ${foundValue(body)}; expected ${expected}` };
  return { ok: true, value: body as Record<string, unknown> };
}

function unknownFields(obj: Record<string, unknown>, known: readonly string[]): string | undefined {
  const extra = Object.keys(obj).filter((k) => !known.includes(k));
  return extra.length === 0 ? undefined : `unknown field${extra.length === 1 ? '' : 's'} ${extra.map((k) => `\`${k}\``).join(', ')}; expected only ${known.map((k) => `\`${k}\``).join(', ')}`;
}

const CHANGE_FIELDS = ['text', 'state', 'comment', 'revision'] as const;

/** `PUT /api/tracks/<lang>/cues/<id>`: `{ text?, state?, comment?, revision }`. */
export function parseCueChange(body: unknown): Parsed<CueChange> {
  const obj = object(body, '{ text?, state?, comment?, revision }');
  if (!obj.ok) return obj;
  const o = obj.value;
  const extra = unknownFields(o, CHANGE_FIELDS);
  if (extra !== undefined) return { ok: false, message: extra };
  if (typeof o['revision'] !== 'string' || o['revision'] === '') return { ok: false, message: `\`revision\` is ${o['revision'] === undefined ? 'missing' : foundValue(o['revision'])}; expected the revision of the cue the change was made on` };
  const change: CueChange = { revision: o['revision'] };
  for (const key of ['text', 'comment'] as const) {
    const v = o[key];
    if (v === undefined) continue;
    if (typeof v !== 'string') return { ok: false, message: `\`${key}\` is ${foundValue(v)}; expected a string` };
    change[key] = v;
  }
  const state = o['state'];
  if (state !== undefined) {
    if (!STATES.includes(state as CueState)) return { ok: false, message: `\`state\` is ${foundValue(state)}; expected "draft", "reviewed" or "approved"` };
    change.state = state as CueState;
  }
  return { ok: true, value: change };
}

/** `POST /api/tracks/<lang>/approve`: `{ cues: [{ id, revision }] }`. */
export function parseApprove(body: unknown): Parsed<ApproveRequest> {
  const obj = object(body, '{ cues: [{ id, revision }] }');
  if (!obj.ok) return obj;
  const extra = unknownFields(obj.value, ['cues']);
  if (extra !== undefined) return { ok: false, message: extra };
  const cues = obj.value['cues'];
  if (!Array.isArray(cues)) return { ok: false, message: `\`cues\` is ${cues === undefined ? 'missing' : foundValue(cues)}; expected a list of { id, revision }` };
  const out: ApproveRequest['cues'] = [];
  for (const [i, cue] of cues.entries()) {
    const c = cue as Record<string, unknown> | null;
    if (c === null || typeof c !== 'object' || typeof c['id'] !== 'string' || typeof c['revision'] !== 'string') return { ok: false, message: `\`cues[${i}]\` is ${foundValue(cue)}; expected { id, revision } with two strings` };
    out.push({ id: c['id'], revision: c['revision'] });
  }
  return { ok: true, value: { cues: out } };
}

/** `POST /api/check`: `{ language, id, text }`. */
export function parseCheck(body: unknown): Parsed<CheckRequest> {
  const obj = object(body, '{ language, id, text }');
  if (!obj.ok) return obj;
  const o = obj.value;
  const extra = unknownFields(o, ['language', 'id', 'text']);
  if (extra !== undefined) return { ok: false, message: extra };
  for (const key of ['language', 'id', 'text'] as const) {
    if (typeof o[key] !== 'string') return { ok: false, message: `\`${key}\` is ${o[key] === undefined ? 'missing' : foundValue(o[key])}; expected a string` };
  }
  return { ok: true, value: { language: o['language'] as string, id: o['id'] as string, text: o['text'] as string } };
}
