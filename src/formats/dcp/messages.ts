import { diagnostic, fixedMessage, type Diagnostic, type Location } from '../../model/diagnostic.js';
import { excerpt } from '../shared/excerpt.js';

const ROW = { top: 'at the top', middle: 'in the middle', bottom: 'at the bottom' } as const;

/** Every message the two DCP adapters emit, in one place; codes are stable. */
export const messages = {
  wrongRoot: (found: string, expected: string, at: Location): Diagnostic =>
    diagnostic('dcp/wrong-root', 'error', `the root element is \`<${excerpt(found)}>\`; expected \`<${expected}>\`; the document was not read`, at),
  unknownNamespace: (uri: string, at: Location): Diagnostic =>
    diagnostic('dcp/unknown-namespace', 'warning', `\`<SubtitleReel>\` is in the namespace \`${uri || '(none)'}\`; expected http://www.smpte-ra.org/schemas/428-7/2014/DCST (or the 2010/2007 one); read it as SMPTE ST 428-7 anyway`, at),
  noTimeCodeRate: (used: number, at: Location): Diagnostic =>
    diagnostic('dcp/no-time-code-rate', 'warning', `found no usable \`<TimeCodeRate>\` (a whole number of edit units per second); counted edit units at ${used} per second`, at),
  startTimeKept: (value: string, at: Location): Diagnostic =>
    diagnostic('dcp/start-time', 'info', `\`<StartTime>${excerpt(value)}</StartTime>\` is not 00:00:00:00; the cue times were kept as written (reel-relative), not shifted by it`, at),
  badTime: (attr: string, value: string, expected: string, at: Location): Diagnostic =>
    diagnostic('dcp/bad-time', 'error', `\`${attr}="${excerpt(value)}"\` is not a time; expected ${expected}; the subtitle was dropped`, at),
  frameOverflow: (attr: string, value: string, rate: number, at: Location): Diagnostic =>
    diagnostic('dcp/frame-overflow', 'warning', `\`${attr}="${excerpt(value)}"\` has a frame field of ${rate} or more; expected 0–${rate - 1} at ${rate} edit units per second; counted the extra frames into the next second`, at),
  tickOverflow: (attr: string, value: string, at: Location): Diagnostic =>
    diagnostic('dcp/tick-overflow', 'warning', `\`${attr}="${excerpt(value)}"\` has a tick field of 250 or more; expected 0–249 ticks of 4 ms; counted the extra ticks into the next second`, at),
  repeatedSpotNumber: (spotNumber: string, derived: string, at: { line: number; firstLine: number }): Diagnostic =>
    diagnostic(
      'dcp/repeated-spot-number',
      'warning',
      `\`SpotNumber="${excerpt(spotNumber)}"\` repeats the number of the subtitle at line ${at.firstLine}; expected each \`SpotNumber\` once; this cue is read as cue \`${excerpt(derived)}\``,
      { line: at.line, cueId: derived },
    ),
  endBeforeStart: (at: Location, cueId: string): Diagnostic =>
    diagnostic('dcp/end-before-start', 'error', '`TimeOut` is before `TimeIn`; expected a subtitle that ends after it starts', { ...at, cueId }),
  noDuration: (at: Location, cueId: string): Diagnostic =>
    diagnostic('dcp/no-duration', 'warning', '`TimeOut` is `TimeIn`; expected a subtitle that lasts; kept as written', { ...at, cueId }),
  badColor: (value: string, at: Location): Diagnostic =>
    diagnostic('dcp/bad-color', 'warning', `\`Color="${excerpt(value)}"\` is not a colour; expected 8 hexadecimal digits AARRGGBB such as \`FFFFFF00\`; the colour was ignored`, at),
  imageSubtitle: fixedMessage('dcp/image-subtitle', 'warning', 'the subtitle is an `<Image>` (a PNG on screen); subloc reads text subtitles only, so it was skipped'),
  emptySubtitle: fixedMessage('dcp/empty-subtitle', 'info', 'the subtitle has no text to show; it was skipped'),
  verticalDropped: fixedMessage('dcp/vertical-dropped', 'info', 'a `<Text Direction="ttb">` (or `btt`) line is vertical; the model has only horizontal lines, so its text reads across'),
  splitSubtitle: (cues: readonly { cueId: string; row: 'top' | 'middle' | 'bottom' }[], at: Location): Diagnostic =>
    diagnostic(
      'dcp/split-subtitle',
      'info',
      `the subtitle holds lines ${cues.slice(0, -1).map((c) => ROW[c.row]).join(', ')} and ${ROW[cues.at(-1)!.row]} of the screen, which one cue cannot place; read as ${cues.length} cues with its times: ${cues.map((c) => `\`${excerpt(c.cueId)}\` ${ROW[c.row]}`).join(', ')}`,
      { ...at, cueId: cues[0]!.cueId },
    ),
  rubyDropped: fixedMessage('dcp/ruby-dropped', 'info', 'a `<Ruby>` annotation (`<Rt>`) has no place in the model; kept the base text (`<Rb>`) only'),
  unknownLanguage: (value: string, used: string, at: Location): Diagnostic =>
    diagnostic('dcp/unknown-language', 'warning', `\`<Language>${excerpt(value)}</Language>\` names no language subloc knows; expected a language tag such as \`fr\` (or, in Interop, an English name such as \`French\`); read the track as \`${used}\``, at),

  frameRateRefused: (label: string): Diagnostic =>
    diagnostic('dcp/frame-rate', 'error', `${label} fps is not a DCP frame rate; expected 24, 25, 30, 48, 50 or 60 (a DCP plays, and a SMPTE \`TimeCodeRate\` counts, whole frames a second); nothing was written`),
  rateAssumed: (fps: number): Diagnostic =>
    diagnostic('dcp/rate-assumed', 'warning', `neither the track nor the command gives a frame rate; written at ${fps} fps (\`<EditRate>${fps} 1</EditRate>\`), which must be the picture's: pass --fps if it runs at another rate`),
  tooManyLines: (count: number, cueId: string): Diagnostic =>
    diagnostic('dcp/too-many-lines', 'error', `the cue has ${count} lines; cinema subtitles hold at most 2: shorten or split it`, { cueId }),
  tooShort: (unit: string, cueId: string): Diagnostic =>
    diagnostic('dcp/too-short', 'warning', `the cue starts and ends on the same ${unit}; written one ${unit} long`, { cueId }),
  pastDay: (cueId: string, end: string): Diagnostic =>
    diagnostic('dcp/past-day', 'error', `cue ${cueId} ends at ${end}, at or past 24:00:00:00; expected every time before 24:00:00:00, where DCP timecodes wrap; nothing was written`, { cueId }),
  noCues: (dialect: 'smpte' | 'interop'): Diagnostic =>
    diagnostic(
      'dcp/no-cues',
      'error',
      dialect === 'smpte'
        ? 'the track has no cue with text; a SMPTE `<SubtitleList>` needs at least one `<Subtitle>`, so the document would not be schema-valid'
        : 'the track has no cue with text; an Interop subtitle file with no `<Subtitle>` is a DCP track that shows nothing',
    ),
  overprinted: (cueId: string, other: string, row: string): Diagnostic =>
    diagnostic(
      'dcp/overprinted',
      'warning',
      `the cue starts while cue \`${excerpt(other)}\` is still on screen, in the same place (${row}); a DCP draws both there, one over the other: end the first before the second starts (\`subloc timing fix\`), or place one at the top`,
      { cueId },
    ),
  darkOnBorder: (color: string, cueId: string): Diagnostic =>
    diagnostic('dcp/dark-on-border', 'warning', `text in \`${excerpt(color)}\` is written with the black border every subtitle of this DCP has, where it can hardly be read; give it a light colour`, { cueId }),
  emptyCue: (cueId: string): Diagnostic =>
    diagnostic('dcp/empty-cue', 'warning', 'the cue has no text; a DCP `<Subtitle>` needs at least one `<Text>`, so it was left out', { cueId }),
  colorDropped: (color: string, cueId: string): Diagnostic =>
    diagnostic('dcp/color-dropped', 'warning', `the colour \`${excerpt(color)}\` has no DCP form (expected \`#rrggbb\`, \`#rrggbbaa\` or a basic colour name); written in the default white`, { cueId }),
  controlCharsDropped: (cueId: string): Diagnostic =>
    diagnostic('dcp/control-chars-dropped', 'warning', 'the text holds control characters that XML 1.0 cannot carry; they were left out', { cueId }),
  badLanguage: (lang: string, written: string): Diagnostic =>
    diagnostic('dcp/bad-language', 'warning', `the language \`${excerpt(lang)}\` is not a language tag (xs:language); wrote \`${written}\``),
  badIssueDate: (value: string): Diagnostic =>
    diagnostic('dcp/bad-issue-date', 'warning', `the issue date \`${excerpt(value)}\` is not an ISO 8601 date-time such as \`2025-01-28T20:47:47Z\`; wrote the current time`),
  badDocumentId: (value: string): Diagnostic =>
    diagnostic('dcp/bad-document-id', 'warning', `the document id \`${excerpt(value)}\` is not a UUID; wrote a new random one`),
} as const;
