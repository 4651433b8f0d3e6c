import { diagnostic, type Diagnostic, type Location } from '../../model/diagnostic.js';
import { excerpt } from '../shared/excerpt.js';

/** How often a per-file note occurred and where first; such notes are reported once a file. */
export interface Occurrences {
  count: number;
  line: number;
  cueId?: string;
}

function where(o: Occurrences): string {
  return o.count === 1 ? `line ${o.line}` : `${o.count} times, first at line ${o.line}`;
}

function at(o: Occurrences): Location {
  return { line: o.line, cueId: o.cueId };
}

/** Every message the WebVTT adapter reports, in one table; codes are stable. */
export const messages = {
  empty: (): Diagnostic =>
    diagnostic('vtt/empty', 'error', 'the file is empty; expected `WEBVTT` on the first line', { line: 1 }),

  missingSignature: (found: string): Diagnostic =>
    diagnostic(
      'vtt/missing-signature',
      'error',
      `expected \`WEBVTT\` at the start of the first line, found \`${excerpt(found)}\`; the cues that follow were read anyway`,
      { line: 1 },
    ),

  badTiming: (problem: string, found: string, line: number, column: number): Diagnostic =>
    diagnostic('vtt/bad-timing', 'error', `${problem} in the timing line \`${excerpt(found)}\`; the cue was dropped`, { line, column }),

  /** A block dropped by the spec; an error when it most likely held a cue, else a warning. */
  orphanBlock: (found: string, guess: 'timing' | 'after-cue' | 'unknown', line: number): Diagnostic =>
    guess === 'timing'
      ? diagnostic('vtt/missing-arrow', 'error', `found the timing line \`${excerpt(found)}\` without \`-->\` between the timestamps; the cue was dropped`, { line })
      : guess === 'after-cue'
        ? diagnostic(
            'vtt/orphan-text',
            'error',
            `found \`${excerpt(found)}\` after a blank line that ended the cue before it; expected a timing line or a NOTE; the text was dropped (cue text cannot hold blank lines)`,
            { line },
          )
        : diagnostic('vtt/unknown-block', 'warning', `skipped the block starting \`${excerpt(found)}\`: it is neither a cue, a NOTE, a STYLE nor a REGION block`, { line }),

  repeatedId: (id: string, derived: string, at: { line: number; firstLine: number }): Diagnostic =>
    diagnostic(
      'vtt/repeated-id',
      'warning',
      `cue identifier \`${excerpt(id)}\` repeats the identifier of the cue at line ${at.firstLine}; expected each identifier once; this cue is read as cue \`${excerpt(derived)}\``,
      { line: at.line, cueId: derived },
    ),

  endBeforeStart: (start: string, end: string, line: number, cueId: string): Diagnostic =>
    diagnostic('vtt/end-before-start', 'warning', `the cue ends at ${end}, before it starts at ${start}; kept as written`, { line, cueId }),

  invalidSetting: (setting: string, o: Occurrences): Diagnostic =>
    diagnostic(
      'vtt/invalid-setting',
      'warning',
      `ignored the cue setting \`${excerpt(setting)}\`: expected \`vertical\`, \`line\`, \`position\`, \`size\`, \`align\` or \`region\` with a valid value (${where(o)})`,
      at(o),
    ),

  settingDropped: (setting: string, o: Occurrences): Diagnostic =>
    diagnostic('vtt/setting-dropped', 'info', `the cue setting \`${excerpt(setting)}\` has no equivalent in the model and was not kept (${where(o)})`, at(o)),

  legacyMiddle: (o: Occurrences): Diagnostic =>
    diagnostic('vtt/align-middle', 'info', `\`align:middle\` is the 2014 name of \`align:center\`, the default; read as centred (${where(o)})`, at(o)),

  timestampMap: (local: string, mpegts: number, line: number): Diagnostic =>
    diagnostic(
      'vtt/timestamp-map',
      'info',
      `\`X-TIMESTAMP-MAP\` maps LOCAL ${local} to MPEGTS ${mpegts} (${(mpegts / 90_000).toFixed(3)} s); cue times were kept as written, since the offset depends on the stream's first timestamp`,
      { line },
    ),

  badTimestampMap: (found: string, line: number): Diagnostic =>
    diagnostic(
      'vtt/bad-timestamp-map',
      'warning',
      `could not read \`${excerpt(found)}\`; expected \`X-TIMESTAMP-MAP=MPEGTS:<90 kHz ticks>,LOCAL:<timestamp>\`; ignored it`,
      { line },
    ),

  styleNotKept: (o: Occurrences): Diagnostic =>
    diagnostic('vtt/style-not-kept', 'info', `STYLE rules other than class colours (\`::cue(.name) { color: … }\`) are not kept (${where(o)})`, at(o)),

  lateBlock: (kind: string, line: number): Diagnostic =>
    diagnostic('vtt/late-block', 'info', `a ${kind} block after the first cue is ignored, as the WebVTT spec says; put it before the cues`, { line }),

  regionNotKept: (o: Occurrences): Diagnostic =>
    diagnostic(
      'vtt/region-not-kept',
      'info',
      `REGION blocks are read only for the row of the screen their cues stand in; their width, exact place and scrolling are not kept (${where(o)})`,
      at(o),
    ),

  regionUnplaced: (setting: string, o: Occurrences): Diagnostic =>
    diagnostic(
      'vtt/region-unplaced',
      'warning',
      `the region of \`${excerpt(setting)}\` has no lines or reaches outside the picture, so it has no row of the screen; expected its \`lines\`, \`regionanchor\` and \`viewportanchor\` to keep it inside; its cues were placed at the bottom (${where(o)})`,
      at(o),
    ),

  rubyDropped: (o: Occurrences): Diagnostic =>
    diagnostic('vtt/ruby-dropped', 'info', `ruby annotations (\`<rt>\`) were dropped and their base text kept (${where(o)})`, at(o)),

  voiceDropped: (speaker: string, o: Occurrences): Diagnostic =>
    diagnostic('vtt/voice-dropped', 'info', `speaker names of voice spans such as \`<v ${excerpt(speaker)}>\` are not kept; their text is (${where(o)})`, at(o)),

  langDropped: (tag: string, o: Occurrences): Diagnostic =>
    diagnostic('vtt/lang-dropped', 'info', `language spans such as \`<lang ${excerpt(tag)}>\` are not kept; their text is, in the track's language (${where(o)})`, at(o)),

  timestampTagDropped: (o: Occurrences): Diagnostic =>
    diagnostic('vtt/timestamp-tag-dropped', 'info', `karaoke timestamp tags such as \`<00:00:01.000>\` are not kept; the text is (${where(o)})`, at(o)),

  unknownTag: (tag: string, o: Occurrences): Diagnostic =>
    diagnostic(
      'vtt/unknown-tag',
      'warning',
      `ignored the tag \`<${excerpt(tag)}>\`: expected c, i, b, u, v, lang, ruby or rt; its text was kept (${where(o)})`,
      at(o),
    ),

  classIgnored: (name: string, o: Occurrences): Diagnostic =>
    diagnostic(
      'vtt/class-ignored',
      'info',
      `the class \`.${excerpt(name)}\` is neither a WebVTT colour class nor given a \`color\` in a STYLE block; its text was kept without colour (${where(o)})`,
      at(o),
    ),

  writeBlankLine: (cueId: string): Diagnostic =>
    diagnostic('vtt/write-blank-line', 'warning', 'a blank line inside the cue text would end the cue in WebVTT; it was left out', { cueId }),

  writeBadId: (id: string, cueId: string): Diagnostic =>
    diagnostic('vtt/write-bad-id', 'warning', `the cue id \`${excerpt(id)}\` contains \`-->\` or a line break, which a WebVTT id cannot; written without an id`, { cueId }),

  writeColorDropped: (color: string, cueId: string): Diagnostic =>
    diagnostic('vtt/write-color-dropped', 'warning', `the colour \`${excerpt(color)}\` is not a CSS colour name or \`#rrggbb[aa]\`; written without colour`, { cueId }),

  writeExtendedToFrame: (cueId: string): Diagnostic =>
    diagnostic('vtt/extended-to-frame', 'warning', 'the cue is shorter than the frame grid can hold: its start and end snap to the same frame; expected at least one frame; it was written one frame long', { cueId }),
  writeNegativeTime: (cueId: string): Diagnostic =>
    diagnostic('vtt/write-negative-time', 'warning', 'a cue time is negative; written as 00:00:00.000', { cueId }),
};
