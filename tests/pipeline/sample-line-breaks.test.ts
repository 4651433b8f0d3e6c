import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { localizeSample } from '../helpers/localize-sample.js';

/**
 * The sample's cues whose lines broke where no subtitler would, as `npm run
 * deliver` wrote them (the festival profile, 40 a line): a noun group,
 * `más de 100`, a verb and its pronoun split; a glossary rendering of a term
 * inside a longer one split (it-IT 36, en-US 81); the Japanese subtitler's
 * full-width space passed over (ja-JP 11).
 */
const CUES: ReadonlyArray<readonly [string, string, string[]]> = [
  ['en-US', '32', ['An elevator needs', 'all 12 households to agree.']],
  ['en-US', '64', ['Work orders from 12345', 'have to be handled right away.']],
  ['en-US', '69', ['She checks for loose manhole covers', 'and dead streetlights.']],
  ['en-US', '81', ['the Regulations', 'on Swift Response to Public Complaints.']],
  ['fr-FR', '108', ['De 2019 à 2024, le 12345 a reçu', 'plus de 100 millions de demandes.']],
  ['it-IT', '36', ['Quattro bozze', 'del comitato dei residenti,']],
  ['es-ES', '52', ['Un operador atiende', 'más de 100 llamadas al día.']],
  ['es-ES', '91', ['Los vecinos llamaron', 'al 12345 más de 200 veces, sin solución.']],
  ['es-ES', '108', ['De 2019 a 2024, el 12345 recibió', 'más de 100 millones de demandas.']],
  ['de-DE', '68', ['Jeden Morgen um 7', 'läuft sie ihr Wohnviertel ab.']],
  ['de-DE', '80', ['Im September 2021', 'beschloss der Volkskongress']],
  ['de-DE', '104', ['Das Rettungsteam ist alarmiert', 'und gleich da.']],
  ['ja-JP', '11', ['仕事帰りの夜', '胡同を3周しても空きなし']],
];

describe('the sample localized under the festival profile', () => {
  let work: string;
  beforeAll(async () => {
    ({ work } = await localizeSample('out', '--profile', 'festival'));
  }, 120_000);

  it.each(CUES)('%s cue %s breaks where a subtitler would', (language, id, lines) => {
    const file = join(work, 'out', 'hotline-beijing', language, `hotline-beijing.${language}.srt`);
    const cue = parse(readFileSync(file)).track.cues.find((c) => c.id === id);
    expect(cue?.lines.map(lineText)).toEqual(lines);
  });
});
