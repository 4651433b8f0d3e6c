import { languageProperties } from '../../model/language.js';
import type { TranslateRequest, Translator } from '../translator.js';
import type { Draft, Unit } from '../../model/unit.js';

const ACCENTED: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', c: 'ç', n: 'ñ', s: 'š', z: 'ž',
  A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', C: 'Ç', N: 'Ñ', S: 'Š', Z: 'Ž',
};

/**
 * Chinese source text roughly doubles in characters when it becomes a Latin
 * language; a pseudo track must stress line length the way the real one will.
 */
function expansion(source: string, target: string): number {
  return languageProperties(source).fullWidth && !languageProperties(target).fullWidth ? 2 : 1.3;
}

/** Accents letters outside tags and entities; pads to the expected length. */
function pseudoCue(tagged: string, factor: number, target: string): string {
  let out = '';
  let length = 0;
  for (let i = 0; i < tagged.length; i++) {
    const ch = tagged[i]!;
    const close = ch === '<' ? tagged.indexOf('>', i) : ch === '&' ? tagged.indexOf(';', i) : -1;
    if (close > i) {
      out += tagged.slice(i, close + 1);
      if (ch === '&') length++;
      i = close;
      continue;
    }
    out += ACCENTED[ch] ?? ch;
    if (ch !== '\n') length++;
  }
  const padding = '·'.repeat(Math.max(0, Math.round(length * (factor - 1))));
  return `[${target} ${out}${padding}]`;
}

/** Pseudo-localisation: visibly "translated", longer text, same styles and cues, for layout tests. */
export const pseudo: Translator = {
  id: 'pseudo',
  async translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]> {
    const factor = expansion(req.pair.source, req.pair.target);
    const drafts = units.map((unit) => ({
      unitId: unit.id,
      targets: unit.source.map((s) => pseudoCue(s, factor, req.pair.target)),
      origin: 'pseudo' as const,
      provider: 'pseudo',
      billedCharacters: 0,
    }));
    await req.onDrafts?.(drafts, []);
    return drafts;
  },
};
