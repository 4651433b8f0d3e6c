import type { Diagnostic } from '../../../model/diagnostic.js';
import type { Track } from '../../../model/track.js';
import type { SerializeOptions, SerializeResult } from '../../types.js';
import { DEFAULT_ARGB } from '../color.js';
import { documentUuid } from '../ids.js';
import { languageName } from '../language.js';
import { messages } from '../messages.js';
import { formatTicks, TICK_MS } from '../timecode.js';
import { escapeText, hasText, textElements, type LineDialect } from '../write-lines.js';

const FONT_ID = 'theFont';
/** Fades in ticks: 80 ms, the habit of Interop authoring tools. */
const FADE_TICKS = 20;

const DIALECT: LineDialect = { valign: 'VAlign', vposition: 'VPosition', halign: 'HAlign', hposition: 'HPosition', underline: 'Underlined', edge: 10 };

/**
 * Interop CineCanvas `DCSubtitle` XML, times on the 4 ms tick grid. No BOM:
 * libdcp and the Interop servers it targets write and expect plain UTF-8.
 */
export function writeInterop(track: Track, opts: SerializeOptions = {}): SerializeResult {
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

  let spot = 0;
  for (const cue of track.cues) {
    if (!hasText(cue)) {
      diagnostics.push(messages.emptyCue(cue.id));
      continue;
    }
    const start = Math.round(cue.start / TICK_MS);
    let end = Math.round(cue.end / TICK_MS);
    if (end <= start) {
      diagnostics.push(messages.tooShort('tick of 4 ms', cue.id));
      end = start + 1;
    }
    out += `    <Subtitle SpotNumber="${++spot}" TimeIn="${formatTicks(start * TICK_MS)}" TimeOut="${formatTicks(end * TICK_MS)}" FadeUpTime="${FADE_TICKS}" FadeDownTime="${FADE_TICKS}">\n`;
    out += textElements(cue, DIALECT, '      ', diagnostics);
    out += '    </Subtitle>\n';
  }

  out += '  </Font>\n</DCSubtitle>\n';
  return { text: out, diagnostics };
}
