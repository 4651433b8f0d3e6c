import type { Draft, TranslateRequest, Translator, Unit } from '../translator.js';
import type { Span } from '../../model/track.js';

const ACCENTED: Record<string, string> = {
  a: 'á', e: 'é', i: 'í', o: 'ó', u: 'ú', y: 'ý', c: 'ç', n: 'ñ', s: 'š', z: 'ž',
  A: 'Á', E: 'É', I: 'Í', O: 'Ó', U: 'Ú', Y: 'Ý', C: 'Ç', N: 'Ñ', S: 'Š', Z: 'Ž',
};

/**
 * Chinese source text roughly doubles in characters when it becomes a Latin
 * language; a pseudo track must stress line length the way the real one will.
 */
function expansion(source: string, target: string): number {
  const cjk = (tag: string) => /^(zh|ja|ko)\b/i.test(tag);
  if (cjk(source) && !cjk(target)) return 2;
  return 1.3;
}

function pseudoText(text: string): string {
  let out = '';
  for (const ch of text) out += ACCENTED[ch] ?? ch;
  return out;
}

function pseudoLine(line: readonly Span[], factor: number, lang: string, first: boolean): Span[] {
  const out = line.map((s) => ({ ...s, text: pseudoText(s.text) }));
  const length = line.reduce((n, s) => n + [...s.text].length, 0);
  const padding = '·'.repeat(Math.max(0, Math.round(length * (factor - 1))));
  if (out.length === 0) return out;
  if (first) out[0] = { ...out[0]!, text: `[${lang} ${out[0]!.text}` };
  const last = out.length - 1;
  out[last] = { ...out[last]!, text: `${out[last]!.text}${padding}]` };
  return out;
}

/** Pseudo-localisation: visibly "translated", longer text, same styles, for layout tests. */
export const pseudo: Translator = {
  id: 'pseudo',
  async translate(units: readonly Unit[], req: TranslateRequest): Promise<Draft[]> {
    const factor = expansion(req.source, req.target);
    return units.map((unit) => ({
      unitId: unit.id,
      lines: unit.lines.map((line, i) => pseudoLine(line, factor, req.target, i === 0)),
      provider: 'pseudo',
      translated: true,
    }));
  },
};
