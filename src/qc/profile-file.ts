import { fieldName, isObject, parseJsonObject, placeOf, throwProblems, type JsonFileKind, type Place, type Problem } from '../glossary/json-problems.js';
import { foundValue } from '../formats/shared/excerpt.js';
import type { JsonDocument, JsonPath, JsonValue } from '../formats/shared/json-source.js';
import { profileInvalid as msg } from './messages.js';
import type { Profile, RuleSeverity, Sourced } from './profile.js';
import { profiles } from './profiles/index.js';
import { ruleIds } from './rules/index.js';

/**
 * A user's profile, as JSON:
 *
 * ```json
 * { "extends": "festival", "name": "Our channel",
 *   "maxCharsPerLine": { "value": { "default": 37 }, "source": "Channel delivery spec 2025, §4" },
 *   "rules": { "numbers": "off" } }
 * ```
 *
 * Every figure not given is the base profile's; a language table is merged
 * into the base's, key by key. A figure needs its `source`.
 */
const FIELDS = ['$schema', 'extends', 'name', 'maxLines', 'maxCharsPerLine', 'minDurationMs', 'maxDurationMs', 'minGapFrames', 'readingSpeed', 'rules'] as const;
const LANGUAGE_KEY = /^(?:default|[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)$/;
const SEVERITIES: readonly string[] = ['off', 'warning', 'error'];

type Check = (value: JsonValue) => string | undefined;

const PROFILE_FILE: JsonFileKind = { error: 'CONFIG_INVALID', code: 'qc/profile-invalid', notObject: (found) => msg.notObject('a profile', foundValue(found)) };

const positive: Check = (v) => (typeof v === 'number' && v > 0 && Number.isFinite(v) ? undefined : msg.positive(foundValue(v)));
const whole =
  (min: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min ? undefined : msg.wholeNumber(min, foundValue(v));

class Problems {
  readonly list: Problem[] = [];
  constructor(private readonly doc: JsonDocument) {}

  add(path: JsonPath, text: string, at: Place = 'value') {
    this.list.push({ text: `\`${fieldName(path)}\` ${text}`, at: placeOf(this.doc, path, at) });
  }
}

/** A figure `{ value, source }`; undefined (with the problems recorded) when it is not one. */
function figure<T extends JsonValue>(problems: Problems, field: string, raw: JsonValue, readValue: (v: JsonValue) => T | undefined): Sourced<T> | undefined {
  if (!isObject(raw)) {
    problems.add([field], msg.notObject('a figure `{ "value": …, "source": "…" }`', foundValue(raw)));
    return undefined;
  }
  for (const key of Object.keys(raw)) if (key !== 'value' && key !== 'source') problems.add([field, key], msg.unknownFigureField(), 'key');
  if (raw.value === undefined) problems.add([field, 'value'], msg.required(), 'parent');
  if (raw.source === undefined) problems.add([field, 'source'], msg.required(), 'parent');
  else if (typeof raw.source !== 'string' || raw.source.trim() === '') problems.add([field, 'source'], msg.string(foundValue(raw.source)));
  const value = raw.value === undefined ? undefined : readValue(raw.value);
  return value === undefined || typeof raw.source !== 'string' || raw.source.trim() === '' ? undefined : { value, source: raw.source };
}

function scalar(problems: Problems, field: string, check: Check) {
  return (v: JsonValue): number | undefined => {
    const problem = check(v);
    if (problem) problems.add([field, 'value'], problem);
    return problem ? undefined : (v as number);
  };
}

function table(problems: Problems, field: string) {
  return (v: JsonValue): Record<string, number> | undefined => {
    if (!isObject(v)) {
      problems.add([field, 'value'], msg.notObject('a table of language to number', foundValue(v)));
      return undefined;
    }
    let ok = true;
    for (const [key, n] of Object.entries(v)) {
      if (!LANGUAGE_KEY.test(key)) {
        problems.add([field, 'value', key], msg.languageKey(), 'key');
        ok = false;
      }
      const problem = positive(n);
      if (problem) {
        problems.add([field, 'value', key], problem);
        ok = false;
      }
    }
    return ok ? (v as Record<string, number>) : undefined;
  };
}

function mergeTable(base: Sourced<Record<string, number>>, own: Sourced<Record<string, number>>): Sourced<Record<string, number>> {
  const inherited = Object.keys(base.value).filter((k) => !Object.hasOwn(own.value, k));
  return {
    value: { ...base.value, ...own.value },
    source: inherited.length === 0 ? own.source : `${own.source}; ${inherited.join(', ')}: ${base.source}`,
  };
}

/**
 * Parses and validates a profile file. Throws `SublocError('CONFIG_INVALID')`
 * listing every problem as `file:line:column: \`field\` what is wrong, found what`.
 * `id` is the profile's id in reports (the caller passes the file's base name).
 */
export function parseProfile(json: string | Uint8Array, file: string, id: string): Profile {
  const { doc, root } = parseJsonObject(json, file, PROFILE_FILE);
  const problems = new Problems(doc);
  for (const key of Object.keys(root)) if (!(FIELDS as readonly string[]).includes(key)) problems.add([key], msg.unknownField(FIELDS), 'key');

  const baseName = root.extends ?? 'default';
  const base = typeof baseName === 'string' && Object.hasOwn(profiles, baseName) ? profiles[baseName]! : undefined;
  if (!base) problems.add(['extends'], msg.extends(Object.keys(profiles), foundValue(baseName)));
  if (root.name !== undefined && (typeof root.name !== 'string' || root.name.trim() === '')) problems.add(['name'], msg.string(foundValue(root.name)));

  const profile: Profile = { ...(base ?? profiles['default']!), id, name: typeof root.name === 'string' ? root.name : id, rules: { ...base?.rules } };
  const numbers = [
    ['maxLines', whole(1)],
    ['minDurationMs', whole(0)],
    ['maxDurationMs', whole(1)],
    ['minGapFrames', whole(0)],
  ] as const;
  for (const [field, check] of numbers) {
    const raw = root[field];
    if (raw === undefined) continue;
    const f = figure(problems, field, raw, scalar(problems, field, check));
    if (f) profile[field] = f;
  }
  for (const field of ['maxCharsPerLine', 'readingSpeed'] as const) {
    const raw = root[field];
    if (raw === undefined) continue;
    const f = figure(problems, field, raw, table(problems, field));
    if (f) profile[field] = mergeTable(profile[field], f);
  }
  if (root.rules !== undefined) {
    if (!isObject(root.rules)) problems.add(['rules'], msg.notObject('a table of rule id to severity', foundValue(root.rules)));
    else
      for (const [rule, severity] of Object.entries(root.rules)) {
        if (!ruleIds.includes(rule)) problems.add(['rules', rule], msg.unknownRule(ruleIds), 'key');
        else if (typeof severity !== 'string' || !SEVERITIES.includes(severity)) problems.add(['rules', rule], msg.severity(foundValue(severity)));
        else profile.rules[rule] = severity as RuleSeverity;
      }
  }
  if (profile.maxDurationMs.value <= profile.minDurationMs.value && problems.list.length === 0) {
    const at = root.maxDurationMs === undefined ? 'min' : 'max';
    problems.add([`${at}DurationMs`, 'value'], msg.durationOrder(profile.minDurationMs.value, profile.maxDurationMs.value, at, profile.maxDurationMs.source));
  }
  if (problems.list.length > 0) throwProblems(file, problems.list, PROFILE_FILE);
  return profile;
}
