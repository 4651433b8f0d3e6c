import { readFileSync, statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { checkReadable, fileErrorReason, SublocError } from '../errors.js';
import {
  FILE_VERSION,
  GLOSSARY_FIELDS,
  GLOSSARY_REQUIRED,
  PATTERN_RE,
  RENDERING_FIELDS,
  RENDERING_REQUIRED,
  TERM_FIELDS,
  TERM_REQUIRED,
} from './fields.js';
import { primaryLanguage, scriptOf } from '../model/language.js';
import type { Lang } from '../model/track.js';
import { foldForm } from './fold.js';
import { canonicalJson, sha256Prefix } from './hash.js';
import { fieldName, isObject, parseJsonObject, placeOf, throwProblems, type JsonFileKind, type Place, type Problem } from './json-problems.js';
import { jsonText } from '../formats/shared/json-text.js';
import { parseJson, type JsonDocument, type JsonObject, type JsonPath, type JsonValue } from '../formats/shared/json-source.js';
import { invalid } from './messages.js';
import type { Glossary, Rendering, Term } from './types.js';

const GLOSSARY_FILE: JsonFileKind = {
  error: 'GLOSSARY_INVALID',
  code: 'glossary/invalid',
  listed: 20,
  notObject: (found) => `the glossary ${invalid.notObject(found)}`,
};

/** The term a problem belongs to: its index and whatever its id field holds. */
type Entry = { index: number; id: unknown } | undefined;

/** Collects every problem of one file with the entry, field and position it concerns. */
class Problems {
  readonly list: Problem[] = [];
  constructor(private readonly doc: JsonDocument) {}

  /**
   * `entry` is the term (undefined for a top-level field), `path` the field
   * inside it. The position is the value's, the key's (an unknown field, a bad
   * language tag) or the enclosing object's (a missing field).
   */
  add(entry: Entry, path: JsonPath, text: string, where: Place = 'value') {
    const at = placeOf(this.doc, entry ? ['terms', entry.index, ...path] : path, where);
    const label = entry ? `terms[${entry.index}]${typeof entry.id === 'string' ? ` (id "${entry.id}")` : ''}: ` : '';
    this.list.push({ text: `${label}\`${fieldName(path)}\` ${text}`, at });
  }
}

function checkFields(
  problems: Problems,
  obj: JsonObject,
  fields: { allowed: readonly string[]; required: readonly string[] },
  ctx: { entry: Entry; path: JsonPath; what: string },
) {
  const { allowed, required } = fields;
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.add(ctx.entry, [...ctx.path, key], invalid.unknownField(ctx.what, allowed), 'key');
  }
  for (const key of required) {
    if (!Object.hasOwn(obj, key)) problems.add(ctx.entry, [...ctx.path, key], invalid.required(), 'parent');
  }
}

function form(problems: Problems, entry: Entry, path: JsonPath, v: JsonValue | undefined): string | undefined {
  if (typeof v === 'string' && PATTERN_RE.form.test(v)) return v;
  problems.add(entry, path, invalid.form(v));
  return undefined;
}

function formList(problems: Problems, entry: Entry, path: JsonPath, v: JsonValue | undefined): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    problems.add(entry, path, invalid.notArray(v));
    return [];
  }
  const out: string[] = [];
  const firstAt = new Map<string, number>();
  v.forEach((item, k) => {
    const f = form(problems, entry, [...path, k], item);
    if (f === undefined) return;
    const key = foldForm(f);
    const first = firstAt.get(key);
    if (first !== undefined) problems.add(entry, [...path, k], invalid.repeated(f, fieldName([...path, first])));
    else {
      firstAt.set(key, k);
      out.push(f);
    }
  });
  return out;
}

function optionalString(problems: Problems, entry: Entry, path: JsonPath, v: JsonValue | undefined): string | undefined {
  if (v === undefined || typeof v === 'string') return v;
  problems.add(entry, path, invalid.string(v));
  return undefined;
}

function optionalBoolean(problems: Problems, entry: Entry, path: JsonPath, v: JsonValue | undefined): boolean {
  if (v === undefined) return false;
  if (typeof v === 'boolean') return v;
  problems.add(entry, path, invalid.boolean(v));
  return false;
}

function readRendering(problems: Problems, entry: Entry, path: JsonPath, v: JsonValue | undefined): Rendering | undefined {
  if (!isObject(v)) {
    problems.add(entry, path, invalid.notObject(v));
    return undefined;
  }
  checkFields(problems, v, { allowed: RENDERING_FIELDS, required: RENDERING_REQUIRED }, { entry, path, what: 'a rendering' });
  const preferred = v.preferred === undefined ? undefined : form(problems, entry, [...path, 'preferred'], v.preferred);
  const allowed = formList(problems, entry, [...path, 'allowed'], v.allowed);
  const forbidden = formList(problems, entry, [...path, 'forbidden'], v.forbidden);
  const note = optionalString(problems, entry, [...path, 'note'], v.note);
  // An accepted rendering that is also forbidden would make every check fail.
  const accepted = new Map<string, string>();
  if (preferred !== undefined) accepted.set(foldForm(preferred), 'preferred');
  allowed.forEach((a, k) => {
    const clash = accepted.get(foldForm(a));
    if (clash) problems.add(entry, [...path, 'allowed', k], invalid.clash(a, fieldName([...path, clash])));
    else accepted.set(foldForm(a), `allowed[${k}]`);
  });
  forbidden.forEach((f, k) => {
    const clash = accepted.get(foldForm(f));
    if (clash) problems.add(entry, [...path, 'forbidden', k], invalid.clash(f, fieldName([...path, clash])));
  });
  if (preferred === undefined) return undefined;
  const r: Rendering = { preferred, allowed, forbidden };
  if (note !== undefined) r.note = note;
  return r;
}

function readTerm(problems: Problems, index: number, v: JsonValue): Term | undefined {
  if (!isObject(v)) {
    problems.add(undefined, ['terms', index], invalid.notObject(v));
    return undefined;
  }
  const entry = { index, id: v.id };
  checkFields(problems, v, { allowed: TERM_FIELDS, required: TERM_REQUIRED }, { entry, path: [], what: 'a term' });
  let id: string | undefined;
  if (v.id !== undefined) {
    if (typeof v.id === 'string' && PATTERN_RE.id.test(v.id)) id = v.id;
    else problems.add(entry, ['id'], invalid.id(v.id));
  }
  const source = v.source === undefined ? undefined : form(problems, entry, ['source'], v.source);
  const variants = formList(problems, entry, ['variants'], v.variants);
  if (source !== undefined) {
    const i = variants.findIndex((x) => foldForm(x) === foldForm(source));
    if (i >= 0) problems.add(entry, ['variants', i], invalid.repeated(variants[i]!, 'source'));
  }
  const doNotTranslate = optionalBoolean(problems, entry, ['doNotTranslate'], v.doNotTranslate);
  const caseSensitive = optionalBoolean(problems, entry, ['caseSensitive'], v.caseSensitive);
  const note = optionalString(problems, entry, ['note'], v.note);

  const sources: string[] = [];
  if (v.sources !== undefined) {
    if (!Array.isArray(v.sources)) problems.add(entry, ['sources'], invalid.notArray(v.sources));
    else
      v.sources.forEach((s, k) => {
        if (typeof s !== 'string' || !PATTERN_RE.sourceId.test(s)) problems.add(entry, ['sources', k], invalid.sourceId(s));
        else if (sources.includes(s)) problems.add(entry, ['sources', k], invalid.repeated(s, `sources[${sources.indexOf(s)}]`));
        else sources.push(s);
      });
  }

  const targets: Record<string, Rendering> = {};
  if (v.targets === undefined) {
    if (!doNotTranslate) problems.add(entry, ['targets'], invalid.noTargets(), 'parent');
  } else if (!isObject(v.targets)) {
    problems.add(entry, ['targets'], invalid.notObject(v.targets));
  } else {
    const langs = Object.keys(v.targets);
    if (langs.length === 0 && !doNotTranslate) problems.add(entry, ['targets'], invalid.emptyTargets());
    for (const lang of langs) {
      if (!PATTERN_RE.languageTag.test(lang)) {
        problems.add(entry, ['targets', lang], invalid.languageTag(lang), 'key');
        continue;
      }
      const r = readRendering(problems, entry, ['targets', lang], v.targets[lang]);
      if (r === undefined) continue;
      if (doNotTranslate && source !== undefined && foldForm(r.preferred) !== foldForm(source)) {
        problems.add(entry, ['targets', lang, 'preferred'], invalid.dntPreferred(source, r.preferred));
      }
      targets[lang] = r;
    }
  }

  if (id === undefined || source === undefined) return undefined;
  const term: Term = { id, source, variants, targets, doNotTranslate, caseSensitive, sources };
  if (note !== undefined) term.note = note;
  return term;
}

/** Ids and source forms must be unique across the glossary: a form can only ever mean one term. */
function checkUnique(problems: Problems, terms: readonly { index: number; term: Term }[]) {
  const ids = new Map<string, number>();
  const forms = new Map<string, { index: number; id: string }>();
  for (const { index, term } of terms) {
    const entry = { index, id: term.id };
    const firstId = ids.get(term.id);
    if (firstId !== undefined) problems.add(entry, ['id'], invalid.duplicateId(`terms[${firstId}]`));
    else ids.set(term.id, index);
    [term.source, ...term.variants].forEach((f, k) => {
      const key = foldForm(f);
      const other = forms.get(key);
      if (other && other.index !== index) {
        const path = k === 0 ? ['source'] : ['variants', k - 1];
        problems.add(entry, path, invalid.duplicateForm(f, `terms[${other.index}] (id "${other.id}")`));
      } else if (!other) forms.set(key, { index, id: term.id });
    });
  }
}

/** What the version hash covers: what can change a draft or its check, in a canonical order. */
function canonicalContent(sourceLanguage: string, terms: readonly Term[]): string {
  const sorted = [...terms].map((t) => ({
    source: t.source,
    variants: [...t.variants].sort(),
    doNotTranslate: t.doNotTranslate,
    caseSensitive: t.caseSensitive,
    targets: Object.fromEntries(
      Object.entries(t.targets).map(([lang, r]) => [lang, { preferred: r.preferred, allowed: [...r.allowed].sort(), forbidden: [...r.forbidden].sort() }]),
    ),
  }));
  sorted.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
  return canonicalJson({ sourceLanguage, terms: sorted });
}

export interface GlossaryUse {
  /** The language of the source track it is applied to: a glossary written otherwise (another language or script) is refused. */
  source?: Lang;
}

/** The language and script of a tag (`zh-Hans-CN` → `zh`, `Hans`; `zh-TW` → `zh`, `Hant`). */
function writing(tag: Lang): { language: string; script: string | undefined } {
  return { language: primaryLanguage(tag), script: scriptOf(tag) };
}

/** Whether terms written in `glossaryLang` can be found in a track in `trackLang`: one language, and one script when both name theirs. */
function writtenAlike(glossaryLang: Lang, trackLang: Lang): boolean {
  const g = writing(glossaryLang);
  const t = writing(trackLang);
  return g.language === t.language && (g.script === undefined || t.script === undefined || g.script === t.script);
}

/**
 * Parses and validates a glossary by the rules of `glossary.schema.json`.
 * Throws `SublocError('GLOSSARY_INVALID')` listing every problem as
 * `file:line:column: terms[i] (id "…"): \`field\` what is wrong, found what`.
 */
export function parseGlossary(json: string | Uint8Array, file: string, use: GlossaryUse = {}): Glossary {
  const { doc, root } = parseJsonObject(json, file, GLOSSARY_FILE);
  const problems = new Problems(doc);
  checkFields(problems, root, { allowed: GLOSSARY_FIELDS, required: GLOSSARY_REQUIRED }, { entry: undefined, path: [], what: 'the glossary' });
  optionalString(problems, undefined, ['$schema'], root.$schema);
  optionalString(problems, undefined, ['note'], root.note);
  if (root.version !== undefined && root.version !== FILE_VERSION) problems.add(undefined, ['version'], invalid.version(FILE_VERSION, root.version));
  const sourceLanguage = root.sourceLanguage;
  if (sourceLanguage !== undefined && (typeof sourceLanguage !== 'string' || !PATTERN_RE.languageTag.test(sourceLanguage))) {
    problems.add(undefined, ['sourceLanguage'], invalid.languageTag(sourceLanguage));
  } else if (typeof sourceLanguage === 'string' && use.source !== undefined && !writtenAlike(sourceLanguage, use.source)) {
    problems.add(undefined, ['sourceLanguage'], invalid.otherLanguage(sourceLanguage, use.source));
  }
  const terms: { index: number; term: Term }[] = [];
  if (root.terms !== undefined) {
    if (!Array.isArray(root.terms)) problems.add(undefined, ['terms'], invalid.notArray(root.terms));
    else if (root.terms.length === 0) problems.add(undefined, ['terms'], invalid.emptyArray());
    else
      root.terms.forEach((t, index) => {
        const term = readTerm(problems, index, t);
        if (term) terms.push({ index, term });
      });
  }
  checkUnique(problems, terms);
  if (problems.list.length > 0) throwProblems(file, problems.list, GLOSSARY_FILE);

  const lang = sourceLanguage as string;
  const glossary: Glossary = { version: sha256Prefix(canonicalContent(lang, terms.map((t) => t.term))), sourceLanguage: lang, terms: terms.map((t) => t.term) };
  if (typeof root.note === 'string') glossary.note = root.note;
  return glossary;
}

/**
 * Whether the glossary at `path` says it is written as a track in `source`
 * is, read no further than its `sourceLanguage`. A file that cannot say
 * (unreadable, not JSON, no language) is taken to fit: loading it then
 * says what is wrong with it.
 */
export function glossaryFits(path: string, source: Lang): boolean {
  try {
    checkReadable(statSync(path));
    const root = parseJson(jsonText(readFileSync(path))).value;
    const language = isObject(root) ? root.sourceLanguage : undefined;
    return typeof language !== 'string' || !PATTERN_RE.languageTag.test(language) || writtenAlike(language, source);
  } catch {
    return true;
  }
}

/** Reads and validates a glossary file, for a track in `use.source` when given. */
export async function loadGlossary(path: string, use: GlossaryUse = {}): Promise<Glossary> {
  let bytes: Uint8Array;
  try {
    checkReadable(await stat(path));
    bytes = await readFile(path);
  } catch (cause) {
    throw new SublocError('INPUT_UNREADABLE', `cannot read the glossary ${path}: ${fileErrorReason(cause)}`, { cause, file: path });
  }
  return parseGlossary(bytes, path, use);
}
