import type { Diagnostic } from '../../../model/diagnostic.js';
import { frameRateLabel, msToFrames } from '../../../model/frame-rate.js';
import type { Track } from '../../../model/track.js';
import type { SerializeOptions, SerializeResult } from '../../types.js';
import { DEFAULT_ARGB } from '../color.js';
import { documentUuid } from '../ids.js';
import { XML_CONTROL } from '../../shared/lower.js';
import { languageName } from '../language.js';
import { messages } from '../messages.js';
import { dcpRate } from '../rates.js';
import { formatTicks, framesToExactMs, TICK_MS } from '../timecode.js';
import { escapeText } from '../../shared/xml-escape.js';
import { pastDay, textElements, timedCues, type Grid, type LineDialect } from '../write-lines.js';
import { reportInvertedCues } from '../../shared/inverted-cues.js';

const FONT_ID = 'theFont';
/** Fades in ticks: 80 ms, the habit of Interop authoring tools. */
const FADE_TICKS = 20;

const DIALECT: LineDialect = { valign: 'VAlign', vposition: 'VPosition', halign: 'HAlign', hposition: 'HPosition', underline: 'Underlined', edge: 10 };

/**
 * Interop CineCanvas `DCSubtitle` XML, times in 4 ms ticks, on the frames of
 * the rate when there is one. No BOM:
 * libdcp and the Interop servers it targets write and expect plain UTF-8.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  // Ticks need no rate, but a delivery at one no cinema plays is not a DCP.
  const rate = opts.frameRate ?? track.frameRate;
  if (rate !== undefined && dcpRate(rate) === undefined) return { text: '', diagnostics: [messages.frameRateRefused(frameRateLabel(rate))] };
  // With a rate, times land on its frames (as the SMPTE file of the same track does), each written as the tick nearest its start.
  const grid: Grid = rate === undefined ? { units: (ms) => Math.round(ms / TICK_MS), unit: 'tick of 4 ms' } : { units: (ms) => msToFrames(ms, rate), unit: 'frame' };
  const time = (units: number) => formatTicks(rate === undefined ? units * TICK_MS : Math.round(framesToExactMs(units, rate) / TICK_MS) * TICK_MS);
  const late = pastDay(track.cues, grid);
  if (late) return { text: '', diagnostics: [messages.pastDay(late.id, time(grid.units(late.end)))] };
  const diagnostics: Diagnostic[] = [];
  reportInvertedCues(track.cues, diagnostics);
  const uuid = documentUuid(opts.documentId, diagnostics);

  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += '<DCSubtitle Version="1.0">\n';
  out += `  <SubtitleID>${uuid}</SubtitleID>\n`;
  out += `  <MovieTitle>${escapeText((track.meta.title ?? 'Untitled').replace(XML_CONTROL, ''))}</MovieTitle>\n`;
  out += '  <ReelNumber>1</ReelNumber>\n';
  out += `  <Language>${escapeText(languageName(track.language))}</Language>\n`;
  out += `  <LoadFont Id="${FONT_ID}" URI="font.ttf"/>\n`;
  out += `  <Font Id="${FONT_ID}" Size="42" Color="${DEFAULT_ARGB}" Effect="border" EffectColor="FF000000">\n`;

  let spots = 0;
  for (const { cue, spot, start, end } of timedCues(track.cues, grid, diagnostics)) {
    spots = spot;
    out += `    <Subtitle SpotNumber="${spot}" TimeIn="${time(start)}" TimeOut="${time(end)}" FadeUpTime="${FADE_TICKS}" FadeDownTime="${FADE_TICKS}">\n`;
    out += textElements(cue, DIALECT, '      ', diagnostics);
    out += '    </Subtitle>\n';
  }
  if (spots === 0) diagnostics.push(messages.noCues('interop'));

  out += '  </Font>\n</DCSubtitle>\n';
  return { text: out, diagnostics };
}
