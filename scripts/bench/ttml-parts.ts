/**
 * Where a TTML parse spends its time, part by part, beside fast-xml-parser's
 * raw pass (the peer of the `parse ttml` rows) on the same string: the shared
 * XML reader (tag scan and parse), then TTML's names and white-space filter,
 * then the whole parse. All run in this process, in turn, after untimed runs (see `inTurn`).
 */
import { XMLParser } from 'fast-xml-parser';
import { formats } from '../../src/formats/index.js';
import { parse } from '../../src/formats/parse.js';
import { xmlReader } from '../../src/formats/shared/xml/read-xml.js';
import { readTtmlXml } from '../../src/formats/ttml/xml.js';
import { inTurn } from './in-turn.js';
import { scaledSample } from './scaled-sample.js';

const RUNS = 25;

export function benchTtmlParts(): string {
  const lines: string[] = [];
  for (const count of [1_500, 20_000]) {
    const text = formats.ttml.serialize(parse(Buffer.from(scaledSample(count))).track).text;
    const raw = new XMLParser({ preserveOrder: true, ignoreAttributes: false, processEntities: false });
    const shared = xmlReader({ format: { code: 'ttml', name: 'TTML', outcome: 'the document was not read' } });
    const [peer, reader, names, whole] = inTurn([() => raw.parse(text), () => shared(text), () => readTtmlXml(text), () => formats.ttml.parse(text)], RUNS);
    const part = (label: string, ms: number): string => `    ${label.padEnd(52)} ${ms.toFixed(1).padStart(7)} ms  ${(ms / peer!).toFixed(2)}× the raw pass`;
    lines.push(
      `  ${count.toLocaleString('en')} cues:`,
      part('fast-xml-parser raw pass (preserveOrder)', peer!),
      part('shared XML reader: tag scan + parse, subloc options', reader!),
      part('+ TTML white-space filter and canonical names', names!),
      part('whole formats.ttml.parse (+ timing, styles, lines)', whole!),
      `    speed-up of the whole parse over the raw pass: ${(peer! / whole!).toFixed(2)}`,
    );
  }
  return `TTML parse by parts (the bundled sample scaled, median of ${RUNS} runs, in turn)\n${lines.join('\n')}`;
}
