import { isNearBlack } from '../../model/color.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { cueFrames, framesToMs } from '../../model/frame-rate.js';
import type { Placement, Span, Track } from '../../model/track.js';
import { lowerCue, XML_CONTROL, type Capabilities } from '../shared/lower.js';
import { escapeText } from '../shared/xml-escape.js';
import { xmlLanguage } from '../shared/xml-language.js';
import { clock, escapeAttr, grid, paragraph, REGIONS, Styles, xmlId } from '../ttml/write.js';
import type { SerializeOptions, SerializeResult } from '../types.js';
import { ebuttdColor } from './colors.js';
import { messages } from './messages.js';
import { reportInvertedCues } from '../shared/inverted-cues.js';

function isBlank(text: string): boolean {
  return /^[ \t\r\n]*$/.test(text);
}

/** EBU-TT-D says every span flag and placement; colours only as hex (`ebuttdColor` converts names). */
const CAPABILITIES: Capabilities = { color: ebuttdColor, unwritable: XML_CONTROL, messages };

const DISTRIBUTION = 'urn:ebu:tt:distribution:2014-01';

// A 50 × 30 cell grid with 160 % text is the IRT/BBC habit: a line is 1/19 of the picture high.
const CELL_RESOLUTION = '50 30';

/**
 * Text styles beyond the flags: EBU-TT-D has no inline `tts:` attributes on
 * `p` or `span`, so alignment and the default look are referenced styles too.
 * The black box sits on the spans (`backgroundColor` does not inherit), so it
 * hugs each line instead of filling the region.
 */
const BASE_STYLES = [
  '<style xml:id="s_p" tts:fontFamily="proportionalSansSerif" tts:fontSize="160%" tts:lineHeight="125%" tts:textAlign="center" ebutts:linePadding="0.5c"/>',
  '<style xml:id="s_left" tts:textAlign="left"/>',
  '<style xml:id="s_right" tts:textAlign="right"/>',
  '<style xml:id="s_text" tts:color="#ffffff" tts:backgroundColor="#000000"/>',
];

/**
 * Right-to-left paragraphs, defined only when one is written. EBU-TT-D
 * builds on TTML1 2nd Edition, which takes `direction` from XSL, where it
 * reorders text only together with `unicode-bidi`; `embed` gives the same
 * picture where `direction` on a `p` sets the base direction by itself
 * (TTML2, imscJS).
 */
const RTL_STYLE = '<style xml:id="s_rtl" tts:direction="rtl" tts:unicodeBidi="embed"/>';

/**
 * EBU-TT-D 1.0 (EBU Tech 3380): media time base, clock times only (no
 * frames, no `ttp:frameRate`), colours as hex, styling by reference only, a
 * `region` on every `p` (`body` may not carry one). With a frame rate every
 * time is snapped to its nearest frame and written to the millisecond; the
 * rate is recorded as `ebuttm:authoredFrameRate`.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  const diagnostics: Diagnostic[] = [];
  reportInvertedCues(track.cues, diagnostics);
  const rate = opts.frameRate ?? track.frameRate;
  const styles = new Styles();
  const verticals = new Set<Placement['vertical']>(['bottom']);
  let rtlUsed = false;
  const usedIds = new Set<string>(['s_p', 's_left', 's_right', 's_rtl', 's_text', 's_italic', 's_bold', 's_underline', 'r_bottom', 'r_top', 'r_middle']);

  const spanXml = (s: Span): string => {
    // The TTML reader drops a span holding only white space, so a plain space between styled runs stays bare
    // text (outside the black box) rather than being lost on reading back.
    if (isBlank(s.text) && !s.italic && !s.bold && !s.underline && s.color === undefined) return escapeText(s.text);
    const refs = ['s_text', ...styles.refs(s)];
    for (const id of refs) usedIds.add(id);
    return `<span style="${refs.join(' ')}">${escapeText(s.text)}</span>`;
  };

  const body: string[] = [];
  for (const cue of track.cues) {
    const dark = cue.lines.flat().find((s) => s.color !== undefined && isNearBlack(s.color) && !isBlank(s.text));
    if (dark) diagnostics.push(messages.darkOnBox(dark.color!, cue.id));
    const { content, vertical, horizontal, space, rtl } = paragraph(lowerCue(cue, CAPABILITIES, diagnostics), spanXml);
    verticals.add(vertical);
    let begin = clock(cue.start);
    let end = clock(cue.end);
    if (rate) {
      const { first, last, extended } = cueFrames(cue.start, cue.end, rate);
      if (extended) diagnostics.push(messages.extendedToFrame(cue.id));
      begin = clock(framesToMs(first, rate));
      end = clock(framesToMs(last, rate));
    }
    let style = horizontal === 'left' || horizontal === 'right' ? `s_p s_${horizontal}` : 's_p';
    if (rtl) {
      style += ' s_rtl';
      rtlUsed = true;
    }
    body.push(`      <p xml:id="${xmlId(cue.id, usedIds)}" begin="${begin}" end="${end}" region="${REGIONS[vertical].id}" style="${style}"${space}>${content}</p>`);
  }

  const title = track.meta.title?.replace(XML_CONTROL, '');
  const language = xmlLanguage(track.language);
  if (language.changed) diagnostics.push(messages.badLanguage(track.language, language.tag));
  let root = '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling"';
  if (title) root += ' xmlns:ttm="http://www.w3.org/ns/ttml#metadata"';
  root += ` xmlns:ebuttm="urn:ebu:tt:metadata" xmlns:ebutts="urn:ebu:tt:style" ttp:timeBase="media" ttp:cellResolution="${CELL_RESOLUTION}" xml:lang="${escapeAttr(language.tag)}">`;

  const head: string[] = ['  <head>', '    <metadata>', '      <ebuttm:documentMetadata>', `        <ebuttm:conformsToStandard>${DISTRIBUTION}</ebuttm:conformsToStandard>`];
  if (rate) {
    const g = grid(rate);
    head.push(`        <ebuttm:authoredFrameRate>${g.fps}</ebuttm:authoredFrameRate>`);
    if (g.multiplier[0] !== g.multiplier[1]) head.push(`        <ebuttm:authoredFrameRateMultiplier>${g.multiplier[0]} ${g.multiplier[1]}</ebuttm:authoredFrameRateMultiplier>`);
  }
  head.push('      </ebuttm:documentMetadata>');
  if (title) head.push(`      <ttm:title>${escapeText(title)}</ttm:title>`);
  for (const line of ['    </metadata>', '    <styling>', ...[...BASE_STYLES, ...(rtlUsed ? [RTL_STYLE] : []), ...styles.xml()].map((s) => `      ${s}`), '    </styling>', '    <layout>']) head.push(line);
  for (const v of ['bottom', 'top', 'middle'] as const) {
    if (!verticals.has(v)) continue;
    const r = REGIONS[v];
    head.push(`      <region xml:id="${r.id}" tts:origin="10% 10%" tts:extent="80% 80%" tts:displayAlign="${r.displayAlign}"/>`);
  }
  head.push('    </layout>', '  </head>');

  // A `div` must hold at least one `p`, so a track without cues has no body at all.
  const bodyXml = body.length === 0 ? [] : ['  <body>', '    <div>', ...body, '    </div>', '  </body>'];
  const text = ['<?xml version="1.0" encoding="UTF-8"?>', root, ...head, ...bodyXml, '</tt>', ''].join('\n');
  return { text, diagnostics };
}
