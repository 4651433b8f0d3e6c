import type { Diagnostic } from '../../../model/diagnostic.js';
import { framesToMs, msToFrames, nominalFps } from '../../../model/frame-rate.js';
import type { FrameRate, Track } from '../../../model/track.js';
import type { ParseOptions, ParseResult } from '../../types.js';
import { XS_LANGUAGE } from '../../shared/xml-language.js';
import { messages } from '../messages.js';
import { DCST_NAMESPACES } from '../namespaces.js';
import { readSubtitles, type Dialect } from '../subtitles.js';
import { formatEditUnits, parseEditUnits } from '../timecode.js';
import { child, contentOf, readDcpXml, type Locator, type XNode } from '../xml.js';

const DEFAULT_RATE = 24;

function editRateOf(text: string): FrameRate | undefined {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text);
  if (!m || Number(m[1]) <= 0 || Number(m[2]) <= 0) return undefined;
  return { numerator: Number(m[1]), denominator: Number(m[2]) };
}

/**
 * The rate edit units are counted in: `TimeCodeRate` per second of time
 * code, on the picture's `EditRate` when the two agree (they do in a DCP).
 */
function ratesOf(root: XNode, locator: Locator, opts: ParseOptions, diagnostics: Diagnostic[]): { tcr: number; rate: FrameRate } {
  const editRate = editRateOf(contentOf(child(root, 'EditRate')));
  const tcrText = contentOf(child(root, 'TimeCodeRate'));
  const count = Number(tcrText);
  let tcr = /^\d+$/.test(tcrText) && count > 0 && Number.isSafeInteger(count) ? count : undefined;
  if (tcr === undefined) {
    const fallback = editRate ?? opts.frameRate;
    tcr = fallback ? nominalFps(fallback) : DEFAULT_RATE;
    diagnostics.push(messages.noTimeCodeRate(tcr, locator.at(child(root, 'TimeCodeRate') ?? root)));
  }
  const rate = editRate && nominalFps(editRate) === tcr ? editRate : { numerator: tcr, denominator: 1 };
  return { tcr, rate };
}

export function read(text: string, opts: ParseOptions = {}): ParseResult {
  const language = opts.language ?? 'und';
  const xml = readDcpXml(text, 'SubtitleReel');
  const diagnostics = xml.diagnostics;
  const { root, locator } = xml;
  if (!root || !locator) return { track: { language, cues: [], meta: {} }, diagnostics };
  if (!DCST_NAMESPACES.has(xml.rootNs ?? '')) diagnostics.push(messages.unknownNamespace(xml.rootNs ?? '', locator.at(root)));

  const { tcr, rate } = ratesOf(root, locator, opts, diagnostics);
  const startTime = child(root, 'StartTime');
  const start = contentOf(startTime);
  if (startTime && parseEditUnits(start, tcr)?.value !== 0) diagnostics.push(messages.startTimeKept(start, locator.at(startTime)));

  const dialect: Dialect = {
    valign: 'Valign',
    vposition: 'Vposition',
    halign: 'Halign',
    readTime: (value) => {
      const t = parseEditUnits(value, tcr);
      return t && { ms: framesToMs(t.value, rate), overflow: t.overflow };
    },
    timeExpected: `\`HH:MM:SS:EE\` in edit units of the TimeCodeRate (${tcr} per second)`,
    overflow: (attr, value, at) => messages.frameOverflow(attr, value, tcr, at),
    timeWriter: () => (ms) => {
      const units = msToFrames(ms, rate);
      return framesToMs(units, rate) === ms ? formatEditUnits(units, tcr) : undefined;
    },
    counts: rate,
  };
  const list = child(root, 'SubtitleList');
  const read = list ? readSubtitles(list, { dialect, locator, diagnostics, ...(opts.locateTimes ? { text: xml.text } : {}) }) : { cues: [], times: [] };
  const cues = read.cues;

  const track: Track = { language, cues, frameRate: rate, meta: {} };
  const languageElement = child(root, 'Language');
  const lang = contentOf(languageElement);
  if (XS_LANGUAGE.test(lang)) track.language = lang;
  else if (languageElement && lang) diagnostics.push(messages.unknownLanguage(lang, language, locator.at(languageElement)));
  const title = contentOf(child(root, 'ContentTitleText'));
  if (title) track.meta.title = title;
  return opts.locateTimes ? { track, diagnostics, times: { text: xml.text, cues: read.times ?? [] } } : { track, diagnostics };
}
