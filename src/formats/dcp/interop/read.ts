import type { ParseOptions, ParseResult } from '../../types.js';
import type { Track } from '../../../model/track.js';
import { languageTag } from '../language.js';
import { messages } from '../messages.js';
import { readSubtitles, type Dialect } from '../subtitles.js';
import { formatTicks, framesToExactMs, parseTicks, TICK_MS } from '../timecode.js';
import { msToFrames } from '../../../model/frame-rate.js';
import { clockTime } from '../../shared/clock-time.js';
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
  // As the writer puts a frame: the tick (or millisecond) nearest where it starts.
  timeWriter: (written) => (ms, rate) => {
    const exact = framesToExactMs(msToFrames(ms, rate), rate);
    return written.includes('.') ? clockTime(Math.round(exact), '.') : formatTicks(Math.round(exact / TICK_MS) * TICK_MS);
  },
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
  const read = readSubtitles(root, { dialect: DIALECT, locator, diagnostics, ...(opts.locateTimes ? { text: xml.text } : {}) });
  track.cues = read.cues;
  return read.times === undefined ? { track, diagnostics } : { track, diagnostics, times: { text: xml.text, cues: read.times } };
}
