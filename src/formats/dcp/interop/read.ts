import type { ParseOptions, ParseResult } from '../../types.js';
import type { Track } from '../../../model/track.js';
import { languageTag } from '../language.js';
import { messages } from '../messages.js';
import { readSubtitles, type Dialect } from '../subtitles.js';
import { parseTicks } from '../timecode.js';
import { child, contentOf, readDcpXml } from '../xml.js';

const DIALECT: Dialect = {
  valign: 'VAlign',
  vposition: 'VPosition',
  halign: 'HAlign',
  readTime: (value) => {
    const t = parseTicks(value);
    return t && { ms: t.value, overflow: t.overflow };
  },
  timeExpected: '`HH:MM:SS:ttt` in ticks of 4 ms (0–249) or `HH:MM:SS.mmm`',
  overflow: messages.tickOverflow,
};

export function read(text: string, opts: ParseOptions = {}): ParseResult {
  const language = opts.language ?? 'und';
  const xml = readDcpXml(text, 'DCSubtitle');
  const diagnostics = xml.diagnostics;
  const track: Track = { language, cues: [], meta: {} };
  const { root, locator } = xml;
  if (!root || !locator) return { track, diagnostics };

  const languageElement = child(root, 'Language');
  const name = contentOf(languageElement);
  if (languageElement && name) {
    const tag = languageTag(name);
    if (tag) track.language = tag;
    else diagnostics.push(messages.unknownLanguage(name, language, locator.at(languageElement)));
  }
  const title = contentOf(child(root, 'MovieTitle'));
  if (title) track.meta.title = title;
  track.cues = readSubtitles(root, DIALECT, locator, diagnostics);
  return { track, diagnostics };
}
