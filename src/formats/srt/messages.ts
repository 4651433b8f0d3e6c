import type { Severity } from '../../model/diagnostic.js';
import { frameRateLabel, framesToMs, nominalFps } from '../../model/frame-rate.js';
import type { FrameRate } from '../../model/track.js';
import { excerpt } from '../shared/excerpt.js';

/** One diagnostic before it gets a place: every SRT message is built here. */
export interface Message {
  code: string;
  severity: Severity;
  message: string;
}

const EXAMPLE_TIMING = '00:01:02,500 --> 00:01:04,000';

function m(code: string, severity: Severity, message: string): Message {
  return { code, severity, message };
}

/** Quotes input for a message, cut short so a runaway line stays readable. */
function quote(text: string): string {
  return `\`${excerpt(text.trim())}\``;
}

export const messages = {
  // Structure
  missingIndex: (timing: string) =>
    m('srt/missing-index', 'warning', `expected a cue number before the timing line ${quote(timing)}, found none; the cue is numbered by its position`),
  invalidIndex: (found: string) =>
    m('srt/invalid-index', 'warning', `expected a cue number before the timing line, found ${quote(found)}; the cue is numbered by its position`),
  zeroBasedIndex: () => m('srt/zero-based-index', 'warning', 'expected cue numbers to start at `1`, found `0`; kept as written'),
  indexOutOfOrder: (found: string, expected: number) =>
    m('srt/index-out-of-order', 'warning', `expected cue number \`${expected}\`, found ${quote(found)}; kept as written, cues stay in file order`),
  repeatedNumber: (index: string, firstLine: number, derived: string) =>
    m('srt/repeated-number', 'warning', `cue number \`${index}\` repeats the number of the cue at line ${firstLine}; expected each number once; this cue is read as cue \`${derived}\``),
  missingBlankLine: (found: string) =>
    m('srt/missing-blank-line', 'warning', `expected a blank line before the next cue, found ${quote(found)} right after the text; started a new cue there`),
  blankLineInText: () =>
    m('srt/blank-line-in-text', 'warning', 'found a blank line inside the cue text, followed by more text rather than a cue number or timing line; the blank line is kept as an empty line of this cue'),
  blankLineAfterTiming: () =>
    m('srt/blank-line-in-text', 'warning', 'found a blank line between the timing line and the text; the text after it is kept in this cue'),
  emptyCue: () => m('srt/empty-cue', 'info', 'the cue has a timing line but no text'),
  missingTiming: (index: string, found: string) =>
    m('srt/missing-timing', 'error', `expected a timing line like \`${EXAMPLE_TIMING}\` after cue number ${quote(index)}, found ${quote(found)}; the cue is dropped`),
  unexpectedText: (found: string) =>
    m('srt/unexpected-text', 'error', `expected a cue number or a timing line like \`${EXAMPLE_TIMING}\`, found ${quote(found)}; the lines up to the next blank line are dropped`),
  strayNumber: (index: string) =>
    m('srt/stray-number', 'warning', `found cue number ${quote(index)} followed by a blank line instead of a timing line; ignored`),
  unexpectedEnd: (index: string) =>
    m('srt/unexpected-end', 'warning', `expected a timing line after cue number ${quote(index)}, found the end of the file; ignored`),

  // Timing line
  invalidTiming: (found: string, reason: string) =>
    m('srt/invalid-timing', 'error', `expected a timing line like \`${EXAMPLE_TIMING}\`, found ${quote(found)} (${reason}); the cue is dropped`),
  negativeTime: (found: string) =>
    m('srt/negative-time', 'error', `expected times of zero or more, found a negative time in ${quote(found)}; the cue is dropped`),
  timeOutOfRange: (found: string, maxHours: number) =>
    m('srt/time-out-of-range', 'error', `expected hours up to ${maxHours}, found ${quote(found)}; the cue is dropped`),
  endBeforeStart: (found: string) =>
    m('srt/end-before-start', 'error', `expected the end time after the start time, found ${quote(found)}; the cue is dropped`),
  zeroDuration: (found: string) => m('srt/zero-duration', 'warning', `expected the end time after the start time, found ${quote(found)}; kept as a cue of no duration`),
  decimalPoint: (found: string, separator: string) =>
    m('srt/decimal-point', 'warning', `expected \`,\` before the milliseconds, found \`${separator}\` in ${quote(found)}; read as milliseconds`),
  shortFraction: (found: string) =>
    m('srt/short-fraction', 'warning', `expected 3 digits of milliseconds, found fewer in ${quote(found)}; read as a decimal fraction (\`,5\` = 500 ms)`),
  // Read exactly at the rate given, nothing lost or guessed: a note, which `--strict` passes.
  frames: (found: string, rate: FrameRate) =>
    m('srt/frames', 'info', `expected \`,mmm\` milliseconds, found \`HH:MM:SS:FF\` frames in ${quote(found)}; read as frames at ${frameRateLabel(rate)} fps, the rate given (\`:12\` = ${framesToMs(12, rate)} ms)`),
  framesWithoutRate: (found: string) =>
    m('srt/frames-without-rate', 'error', `expected \`,mmm\` milliseconds, found \`HH:MM:SS:FF\` in ${quote(found)}: two digits after a third \`:\` are frames, which need the frame rate they count (\`:12\` is 480 ms at 25 fps, 500 ms at 24); give it with --fps (deliver: --source-fps, or \`fps\` in the config); the cue is dropped`),
  dropFrameLabel: (found: string, rate: FrameRate | undefined) =>
    m(
      rate === undefined ? 'srt/frames-without-rate' : 'srt/drop-frame-label',
      'error',
      `expected \`,mmm\` milliseconds${rate === undefined ? '' : ` or frames at ${frameRateLabel(rate)} fps`}, found \`HH:MM:SS;FF\` in ${quote(found)}: a \`;\` before the frames marks a drop-frame label, which only 29.97df and 59.94df count; give --fps 29.97df (or 59.94df) if the file was timed so (deliver: --source-fps, or \`fps\` in the config)${rate === undefined ? '' : `, not ${frameRateLabel(rate)}`}; the cue is dropped`,
    ),
  skippedLabel: (found: string, rate: FrameRate) =>
    m('srt/frame-label-skipped', 'warning', `expected drop-frame labels at ${frameRateLabel(rate)} fps, found one drop-frame skips in ${quote(found)} (frames 00 and 01 of a minute but each tenth); read as the minute's first label: was the file timed non-drop? then give --fps ${frameRateLabel({ numerator: rate.numerator, denominator: rate.denominator })}`),
  frameOverflow: (found: string, frame: number, rate: FrameRate) =>
    m('srt/frame-overflow', 'warning', `expected frames 00–${nominalFps(rate) - 1} at ${frameRateLabel(rate)} fps, found frame ${frame} in ${quote(found)}; counted into the next second: was the file timed at another rate?`),
  missingMilliseconds: (found: string) => m('srt/missing-milliseconds', 'warning', `expected \`,mmm\` milliseconds, found none in ${quote(found)}; read as ,000`),
  missingHours: (found: string) => m('srt/missing-hours', 'warning', `expected \`HH:MM:SS,mmm\`, found \`MM:SS\` in ${quote(found)}; read as minutes and seconds`),
  shortHours: (found: string) => m('srt/short-hours', 'warning', `expected 2-digit hours, found 1 digit in ${quote(found)}; read as written`),
  fieldWidth: (found: string) => m('srt/field-width', 'warning', `expected 2-digit minutes and seconds, found ${quote(found)}; read as written`),
  fieldOverflow: (found: string) => m('srt/field-overflow', 'warning', `expected minutes and seconds below 60, found ${quote(found)}; carried over into the next unit`),
  arrowVariant: (found: string, arrow: string) => m('srt/arrow', 'warning', `expected \`-->\` between timestamps, found \`${arrow}\` in ${quote(found)}`),
  coordinates: (rest: string) => m('srt/coordinates', 'info', `ignored the position coordinates ${quote(rest)} after the timing line`),
  trailingText: (rest: string) => m('srt/trailing-text', 'warning', `expected nothing after the end time, found ${quote(rest)}; ignored`),

  // Markup
  unknownTag: (tag: string) => m('srt/unknown-tag', 'warning', `expected \`<i>\`, \`<b>\`, \`<u>\` or \`<font color>\`, found ${quote(tag)}; the tag is dropped, its text kept`),
  unmatchedCloseTag: (tag: string) => m('srt/unmatched-close-tag', 'warning', `found ${quote(tag)} with no matching opening tag; ignored`),
  misnestedTag: (tag: string, open: string) =>
    m('srt/misnested-tag', 'warning', `expected \`</${open}>\` before ${quote(tag)} (tags must nest); closed both and reopened \`<${open}>\``),
  nestedTooDeep: (max: number) => m('srt/nested-too-deep', 'warning', `found tags nested more than ${max} deep; expected a few at most; the deeper tags were ignored, their text kept`),
  unclosedTag: (tag: string, line: number) => m('srt/unclosed-tag', 'warning', `expected a closing tag for \`<${tag}>\` opened on line ${line}, found the end of the cue; it runs to the end of the cue`),
  invalidColor: (value: string) => m('srt/invalid-color', 'warning', `expected a colour name or \`#rrggbb\`, found ${quote(value)}; the colour is dropped`),
  fontAttribute: (attribute: string) => m('srt/font-attribute', 'info', `ignored the \`<font>\` attribute ${quote(attribute)}; only \`color\` is kept`),
  invalidAssColor: (override: string) =>
    m('srt/invalid-color', 'warning', `expected an ASS colour \`&HBBGGRR&\` (blue, green, red in hex: \`{\\c&H00FFFF&}\` is yellow), found ${quote(override)}; the colour is dropped`),
  assOverride: (override: string) =>
    m(
      'srt/ass-override',
      'info',
      `ignored the ASS override ${quote(override)}; only \`{\\an1}\`…\`{\\an9}\` positions, \`{\\i1}\` \`{\\b1}\` (or a weight, \`{\\b700}\`) \`{\\u1}\` styles, \`{\\c&HBBGGRR&}\` text colours (ended by their \`0\`, an empty \`{\\c}\` or \`{\\r}\`) and \`{\\s1}\` strike-through (said dropped) are read`,
    ),
  // A warning, which `--strict` refuses: a line through words (deleted words in a transcript) says something the plain words do not.
  strikeDropped: (override: string) =>
    m('srt/strike-dropped', 'warning', `the cue's struck-through text (${quote(override)}) keeps its words without the line through them: the model has no strike-through`),
  duplicatePosition: (override: string) => m('srt/duplicate-position', 'info', `ignored the second position tag ${quote(override)}; the first one in the cue wins`),

  // Writer
  blankLineDropped: () => m('srt/blank-line-dropped', 'warning', 'dropped an empty line of the cue: SRT ends a cue at a blank line'),
  negativeTimeClamped: (ms: number) => m('srt/negative-time-clamped', 'warning', `expected times of zero or more, found ${ms} ms; written as 00:00:00,000`),
  durationExtended: () => m('srt/duration-extended', 'warning', 'start and end fall on the same frame; the end is moved one frame later'),
  labelRounded: (time: string, rate: FrameRate, label: string) =>
    m('srt/label-rounded', 'warning', `expected a time on a frame at ${frameRateLabel(rate)} fps to write as a timecode label, found ${time}, between two; written as the nearest, \`${label}\``),
} as const;
