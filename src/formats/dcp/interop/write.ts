import type { Diagnostic } from '../../../model/diagnostic.js';
import { frameRateLabel } from '../../../model/frame-rate.js';
import type { Track } from '../../../model/track.js';
import type { SerializeOptions, SerializeResult } from '../../types.js';
import { DEFAULT_ARGB } from '../color.js';
import { documentUuid } from '../ids.js';
import { languageName } from '../language.js';
import { messages } from '../messages.js';
import { dcpRate } from '../rates.js';
import { formatTicks, TICK_MS } from '../timecode.js';
import { escapeText } from '../../shared/xml-escape.js';
import { pastDay, textElements, timedCues, type Grid, type LineDialect } from '../write-lines.js';

const FONT_ID = 'theFont';
/** Fades in ticks: 80 ms, the habit of Interop authoring tools. */
const FADE_TICKS = 20;

const DIALECT: LineDialect = { valign: 'VAlign', vposition: 'VPosition', halign: 'HAlign', hposition: 'HPosition', underline: 'Underlined', edge: 10 };

/**
 * Interop CineCanvas `DCSubtitle` XML, times on the 4 ms tick grid. No BOM:
 * libdcp and the Interop servers it targets write and expect plain UTF-8.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  // Ticks need no rate, but a delivery at one no cinema plays is not a DCP.
  if (opts.frameRate !== undefined && dcpRate(opts.frameRate) === undefined) return { text: '', diagnostics: [messages.frameRateRefused(frameRateLabel(opts.frameRate))] };
  const ticks: Grid = { units: (ms: number) => Math.round(ms / TICK_MS), unit: 'tick of 4 ms' };
  const late = pastDay(track.cues, ticks);
  if (late) return { text: '', diagnostics: [messages.pastDay(late.id, formatTicks(ticks.units(late.end) * TICK_MS))] };
  const diagnostics: Diagnostic[] = [];
  const uuid = documentUuid(opts.documentId, diagnostics);

  let out = '<?xml version="1.0" encoding="UTF-8"?>\n';
  out += '<DCSubtitle Version="1.0">\n';
  out += `  <SubtitleID>${uuid}</SubtitleID>\n`;
  out += `  <MovieTitle>${escapeText(track.meta.title ?? 'Untitled')}</MovieTitle>\n`;
  out += '  <ReelNumber>1</ReelNumber>\n';
  out += `  <Language>${escapeText(languageName(track.language))}</Language>\n`;
  out += `  <LoadFont Id="${FONT_ID}" URI="font.ttf"/>\n`;
  out += `  <Font Id="${FONT_ID}" Size="42" Color="${DEFAULT_ARGB}" Effect="border" EffectColor="FF000000">\n`;

  for (const { cue, spot, start, end } of timedCues(track.cues, ticks, diagnostics)) {
    out += `    <Subtitle SpotNumber="${spot}" TimeIn="${formatTicks(start * TICK_MS)}" TimeOut="${formatTicks(end * TICK_MS)}" FadeUpTime="${FADE_TICKS}" FadeDownTime="${FADE_TICKS}">\n`;
    out += textElements(cue, DIALECT, '      ', diagnostics);
    out += '    </Subtitle>\n';
  }

  out += '  </Font>\n</DCSubtitle>\n';
  return { text: out, diagnostics };
}
