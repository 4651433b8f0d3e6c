/** Every message the QC rules write, in one table: found, expected, by how much, and the fix. */
import { UNTRANSLATED_MARK } from '../model/untranslated.js';

/** `23.4`, `17`, `0.5`: one decimal, none when whole. */
export function num(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** Milliseconds as seconds: `0.833`, `7`, `1.2`. */
export function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

export function timestamp(ms: number): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

const plural = (n: number, word: string) => `${num(n)} ${word}${n === 1 ? '' : 's'}`;

/** A text quoted in a message, cut when long. */
export function quoted(text: string): string {
  const flat = text.replace(/\n/g, ' / ');
  return `"${flat.length > 50 ? `${flat.slice(0, 47)}…` : flat}"`;
}

export const messages = {
  readingSpeed: (cps: number, max: number, where: string, shortenBy: number, extendBy: number) =>
    `reading speed ${num(cps)} characters/s, expected at most ${num(max)} (${where}); ${num(cps - max)} over — shorten by about ${plural(shortenBy, 'character')} or extend the cue by ${seconds(extendBy)} s`,
  lineLength: (line: number, width: number, max: number, where: string, halfWidth: boolean) =>
    `line ${line} has ${plural(width, 'character')}${halfWidth ? ' (half-width characters count 0.5)' : ''}, expected at most ${num(max)} (${where}); ${num(width - max)} over — rebreak or shorten`,
  lineCount: (lines: number, max: number, where: string) =>
    `${plural(lines, 'line')}, expected at most ${max} (${where}); ${lines - max} over — shorten, rebreak into ${plural(max, 'line')} or split the cue`,
  minDuration: (ms: number, min: number, where: string) =>
    `duration ${seconds(ms)} s, expected at least ${seconds(min)} s (${where}); ${seconds(min - ms)} s short — extend the cue or merge it with a neighbour`,
  maxDuration: (ms: number, max: number, where: string) =>
    `duration ${seconds(ms)} s, expected at most ${seconds(max)} s (${where}); ${seconds(ms - max)} s over — split the cue or end it earlier`,
  minGap: (frames: number, gapMs: number, fps: string, nextId: string, min: number, where: string) =>
    `ends ${plural(frames, 'frame')} (${gapMs} ms at ${fps} fps) before cue ${nextId} starts, expected a gap of at least ${plural(min, 'frame')} (${where}); ${plural(min - frames, 'frame')} short — end this cue earlier${frames === 0 ? '' : ' or close the gap'}`,
  overlap: (start: number, prevId: string, prevEnd: number) =>
    `starts at ${timestamp(start)}, ${prevEnd - start} ms before cue ${prevId} ends; expected at or after ${timestamp(prevEnd)} — overlapping subtitles are shown at once; retime one of them`,
  emptyCue: () => 'no visible text, expected at least one character — delete the cue or give it text',
  untranslatedMark: (language: string) => `marked \`${UNTRANSLATED_MARK}\`: no draft was made for this cue, expected a translation into ${language}`,
  identical: (text: string, sourceLanguage: string, language: string) =>
    `identical to the ${sourceLanguage} source ${quoted(text)}, expected a translation into ${language}`,
  /** `sentence`: the cues of the source sentence compared, when it has more than one. */
  numbers: (missing: readonly string[], extra: readonly string[], expected: readonly string[], sentence?: { first: string; last: string }) => {
    const parts = [];
    if (missing.length > 0) parts.push(`missing ${missing.map((n) => `\`${n}\``).join(', ')}`);
    if (extra.length > 0) parts.push(`extra ${extra.map((n) => `\`${n}\``).join(', ')}`);
    const wanted =
      expected.length === 0 ? 'no numbers in digits, as in the source' : `${expected.map((n) => `\`${n}\``).join(', ')} in any notation (60,000 = 60.000 = 60 000 = 6万)`;
    const from = sentence === undefined ? 'the source' : `the source sentence (cues ${sentence.first}–${sentence.last})`;
    return `numbers differ from ${from}: ${parts.join('; ')}; expected ${wanted}`;
  },
  /** `missing`: each source date as written and as a date (`9月1日 is September 1`); `found`: the target's other dates. */
  dates: (missing: readonly string[], found: readonly string[], sentence?: { first: string; last: string }) => {
    const from = sentence === undefined ? 'the source' : `the source sentence (cues ${sentence.first}–${sentence.last})`;
    return `date differs from ${from}: ${missing.join(', ')}, found ${found.join(', ')}`;
  },
  unbalancedTag: (tag: string, opened: number, closed: number, unmatched: number) =>
    `\`<${tag}>\` opened ${plural(opened, 'time')} and closed ${plural(closed, 'time')} in the draft, expected each \`<${tag}>\` closed by one \`</${tag}>\`; ${unmatched} unmatched — fix the draft's tags`,
  leakedMarkup: (markup: string) => `markup \`${markup}\` shown as text, expected styling without visible tags (a tag leaked through) — remove it`,
};

export const profileInvalid = {
  notObject: (what: string, found: string) => `${what} must be an object, found ${found}`,
  unknownField: (allowed: readonly string[]) => `is not a profile field; expected one of ${allowed.map((f) => `\`${f}\``).join(', ')}`,
  unknownFigureField: () => 'is not a field of a figure; expected `value` and `source`',
  required: () => 'is required, found nothing',
  extends: (names: readonly string[], found: string) => `must name a built-in profile (${names.map((n) => `\`${n}\``).join(', ')}), found ${found}`,
  string: (found: string) => `must be a non-empty string, found ${found}`,
  positive: (found: string) => `must be a number above 0, found ${found}`,
  wholeNumber: (min: number, found: string) => `must be a whole number of at least ${min}, found ${found}`,
  languageKey: () => 'must be `default` or a BCP 47 language tag such as `zh-Hans` or `en`',
  unknownRule: (ids: readonly string[]) => `is not a QC rule; expected one of ${ids.map((f) => `\`${f}\``).join(', ')}`,
  severity: (found: string) => `must be \`off\`, \`warning\` or \`error\`, found ${found}`,
  /** Said at the value the file set: `max` when the file set the maximum, else the minimum against the maximum it inherits. */
  durationOrder: (min: number, max: number, at: 'min' | 'max', maxFrom: string) =>
    at === 'max'
      ? `must be above \`minDurationMs\` (${min} ms), found ${max} ms`
      : `must be below \`maxDurationMs\` (${max} ms, from ${maxFrom}), found ${min} ms`,
  unknownProfile: (name: string, names: readonly string[]) =>
    `unknown profile \`${name}\`; expected ${names.map((n) => `\`${n}\``).join(', ')} or a profile file (.json)`,
};
