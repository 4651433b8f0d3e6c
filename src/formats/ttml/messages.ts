import { diagnostic, fixedMessage, type Diagnostic, type Location } from '../../model/diagnostic.js';
import { excerpt } from '../shared/excerpt.js';
import { frameRateLabel, snapToFrame } from '../../model/frame-rate.js';
import type { FrameRate } from '../../model/track.js';

const at = (where: Location): string => (where.line === undefined ? '' : ` at line ${where.line}`);

/** Every message the TTML adapter emits, in one place; codes are stable. */
export const messages = {
  notTtml: (root: string, namespace: string | undefined, at: Location): Diagnostic =>
    diagnostic(
      'ttml/not-ttml',
      'error',
      root === 'tt' && namespace
        ? `the root element \`<tt>\` is in the namespace \`${excerpt(namespace)}\`; expected the TTML namespace (xmlns="http://www.w3.org/ns/ttml")`
        : `the root element is \`<${excerpt(root)}>\`; expected \`<tt>\` in the TTML namespace (http://www.w3.org/ns/ttml)`,
      at,
    ),
  noNamespace: fixedMessage('ttml/no-namespace', 'warning', '`<tt>` is in no namespace; expected xmlns="http://www.w3.org/ns/ttml"; read it as TTML anyway'),
  undeclaredPrefix: (prefix: string, uri: string, at: Location): Diagnostic =>
    diagnostic('ttml/undeclared-prefix', 'warning', `the prefix \`${excerpt(prefix)}:\` is used but never declared; expected an xmlns:${excerpt(prefix)} declaration; read it as ${excerpt(uri)}`, at),
  foreignText: (name: string, uri: string, text: string, at: Location): Diagnostic =>
    diagnostic(
      'ttml/foreign-text',
      'info',
      `\`<${excerpt(name)}>\` is in the namespace \`${excerpt(uri)}\`, which TTML does not show; expected text in \`<p>\`, \`<span>\` or \`<br/>\`; its text \`${excerpt(text)}\` was left out`,
      at,
    ),
  badTime: (attr: string, value: string, at: Location): Diagnostic =>
    diagnostic('ttml/bad-time', 'error', `\`${attr}="${excerpt(value)}"\` is not a TTML time expression; expected e.g. \`00:00:01.500\`, \`00:00:01:12\`, \`1.5s\` or \`900t\`; the attribute was ignored`, at),
  betweenFrames: (attr: string, value: string, ms: number, rate: FrameRate, at: Location): Diagnostic =>
    diagnostic(
      'ttml/between-frames',
      'info',
      `\`${attr}="${excerpt(value)}"\` is a media time, ${(ms / 1000).toFixed(3)} s as imscJS shows it: the frames of \`HH:MM:SS:FF\` count from its whole second, which at ${frameRateLabel(rate)} fps falls between two frames of the picture; read as ${(ms / 1000).toFixed(3)} s, and written on the nearest frame of the track's ${frameRateLabel(rate)} fps (${(snapToFrame(ms, rate) / 1000).toFixed(3)} s) by every writer`,
      at,
    ),
  fieldOverflow: (attr: string, value: string, o: { field: 'frame' | 'sub-frame' | 'dropped'; rate: number }, declared: boolean, at: Location): Diagnostic =>
    o.field === 'dropped'
      ? diagnostic(
          'ttml/dropped-label',
          'warning',
          `\`${attr}="${excerpt(value)}"\` names a frame drop-frame timecode skips (the first ${Math.round(o.rate / 15)} labels of every minute but each tenth); expected a label that exists; counted on from the frame before the minute`,
          at,
        )
      : diagnostic(
      'ttml/frame-overflow',
      'warning',
      `\`${attr}="${excerpt(value)}"\` has a ${o.field} field of ${o.rate} or more; expected ${o.field === 'frame' ? `00–${String(o.rate - 1).padStart(2, '0')}` : `0–${o.rate - 1}`} at ${
        o.field === 'sub-frame' ? `a \`ttp:subFrameRate\` of ${o.rate}` : declared ? `\`ttp:frameRate="${o.rate}"\`` : `the default ${o.rate} frames a second`
      }; counted the extra ${o.field}s on into the next ${o.field === 'frame' ? 'second' : 'frame'}`,
      at,
    ),
  lenientTime: (attr: string, value: string, at: Location): Diagnostic =>
    diagnostic('ttml/lenient-time', 'warning', `\`${attr}="${excerpt(value)}"\` is not a TTML time expression (expected e.g. \`00:00:01.500\` or \`1.5s\`); read it and every time like it as seconds or minutes:seconds`, at),
  badParameter: (attr: string, value: string, expected: string, at: Location): Diagnostic =>
    diagnostic('ttml/bad-parameter', 'warning', `\`${attr}="${excerpt(value)}"\` is not valid; expected ${expected}; used the default`, at),
  timeBase: (value: string, at: Location): Diagnostic =>
    diagnostic('ttml/time-base', 'warning', `\`ttp:timeBase="${excerpt(value)}"\` is not supported; read the times as media time`, at),
  dropMode: (value: string, at: Location): Diagnostic =>
    diagnostic('ttml/drop-mode', 'warning', `\`ttp:dropMode="${excerpt(value)}"\` is not supported; expected \`nonDrop\` or \`dropNTSC\`; counted the frames as non-drop`, at),
  markerMode: fixedMessage('ttml/marker-mode', 'warning', '`ttp:markerMode="discontinuous"` makes SMPTE labels unordered markers; read them as continuous time code'),
  repeatedId: (id: string, derived: string, at: { line: number; firstLine: number }): Diagnostic =>
    diagnostic(
      'ttml/repeated-id',
      'warning',
      `\`xml:id="${excerpt(id)}"\` repeats the id of the paragraph at line ${at.firstLine}; expected each \`xml:id\` once; this cue is read as cue \`${excerpt(derived)}\``,
      { line: at.line, cueId: derived },
    ),
  indefiniteEnd: (count: number, first: Location): Diagnostic =>
    diagnostic(
      'ttml/indefinite-end',
      'warning',
      `${count === 1 ? `the paragraph${at(first)} has` : `${count} paragraphs, the first${at(first)}, have`} no resolvable end (no \`end\`/\`dur\` on it or an ancestor); expected an end; ended ${count === 1 ? 'it' : 'them'} at the last time in the document, or 5 s after the start when there is none`,
      first,
    ),
  verticalDropped: (line: number): Diagnostic =>
    diagnostic('ttml/vertical-dropped', 'info', 'the document sets vertical writing (`tts:writingMode="tb…"`); the model has only horizontal lines, so its text reads across', { line }),
  rubyDropped: (count: number, line: number): Diagnostic =>
    diagnostic(
      'ttml/ruby-dropped',
      'info',
      `${count === 1 ? 'a ruby annotation' : `${count} ruby annotations`} (\`tts:ruby="text"\`, its container or delimiter${count === 1 ? '' : `; the first at line ${line}`}) ${count === 1 ? 'was' : 'were'} left out and the base text kept: the model has no place for ruby`,
      { line },
    ),
  backgroundDropped: (count: number, line: number, color: string): Diagnostic =>
    diagnostic(
      'ttml/background-dropped',
      'warning',
      `${count === 1 ? `a run of text on the background colour \`${excerpt(color)}\` (\`tts:backgroundColor\`) is` : `${count} runs of text on a background colour (\`tts:backgroundColor\`; the first, \`${excerpt(color)}\`, at line ${line}) are`} read without it: the model has no background, so text meant to be read on it (dark on a light box) may be hard to read in what is written`,
      { line },
    ),
  strikeDropped: (count: number, line: number): Diagnostic =>
    diagnostic(
      'ttml/strike-dropped',
      'warning',
      `${count === 1 ? 'a run of struck-through text' : `${count} runs of struck-through text`} (\`tts:textDecoration="lineThrough"\`${count === 1 ? '' : `; the first at line ${line}`}) ${count === 1 ? 'keeps' : 'keep'} its words without the line through them: the model has no strike-through`,
      { line },
    ),
  hiddenDropped: (count: number, line: number): Diagnostic =>
    diagnostic(
      'ttml/hidden-dropped',
      'warning',
      `${count === 1 ? 'a run of text' : `${count} runs of text`} the document does not show (\`tts:visibility="hidden"\`, \`tts:display="none"\` or \`tts:opacity="0"\`${count === 1 ? '' : `; the first at line ${line}`}) ${count === 1 ? 'was' : 'were'} left out; expected shown text: the model has no hidden text, and \`<set>\` animations are not read`,
      { line },
    ),
  joined: (count: number, line: number): Diagnostic =>
    diagnostic(
      'ttml/paragraphs-joined',
      'info',
      `${count === 1 ? 'a `<p>`' : `${count} \`<p>\` elements`} shown at the same time and place as the one before (the first at line ${line}); expected one \`<p>\` a subtitle; read as one cue with the lines of both`,
      { line },
    ),
  neverShown: (count: number, firstLine: number): Diagnostic =>
    diagnostic(
      'ttml/never-shown',
      'info',
      count === 1
        ? `the paragraph at line ${firstLine} is never shown: it ends at or before it begins (or within a millisecond of it), lies outside the time of the element holding it, or its spans are timed outside it; no TTML player shows it, so it is not in the track`
        : `${count} paragraphs, the first at line ${firstLine}, are never shown: each ends at or before it begins (or within a millisecond of it), lies outside the time of the element holding it, or has its spans timed outside it; no TTML player shows them, so they are not in the track`,
      { line: firstLine },
    ),
  badColor: (value: string, at: Location): Diagnostic =>
    diagnostic('ttml/bad-color', 'warning', `\`tts:color="${excerpt(value)}"\` is not a TTML colour; expected a name, \`#rrggbb\`, \`#rrggbbaa\`, \`rgb()\` or \`rgba()\`; the colour was ignored`, at),
  unknownStyle: (id: string, at: Location): Diagnostic =>
    diagnostic('ttml/unknown-style', 'warning', `\`style="${excerpt(id)}"\` refers to no \`<style xml:id="${excerpt(id)}">\`; the reference was ignored`, at),
  unknownRegion: (id: string, at: Location): Diagnostic =>
    diagnostic('ttml/unknown-region', 'warning', `\`region="${excerpt(id)}"\` refers to no \`<region xml:id="${excerpt(id)}">\`; the text was placed in the default region`, at),
  noBody: fixedMessage('ttml/no-body', 'info', 'the document has no `<body>`, so it holds no cues'),
  colorDropped: (color: string, cueId: string): Diagnostic =>
    diagnostic('ttml/color-dropped', 'warning', `the colour \`${excerpt(color)}\` has no TTML form (expected a TTML colour name or \`#rrggbb\`); written without colour`, { cueId }),
  extendedToFrame: (cueId: string): Diagnostic =>
    diagnostic('ttml/extended-to-frame', 'warning', 'the cue is shorter than the frame grid can hold: its start and end snap to the same frame; expected at least one frame; it was written one frame long', { cueId }),
  badLanguage: (lang: string, written: string): Diagnostic =>
    diagnostic('ttml/bad-language', 'warning', `the language \`${excerpt(lang)}\` is not a language tag (xs:language); wrote xml:lang="${written}"`),
  controlCharsDropped: (cueId: string): Diagnostic =>
    diagnostic('ttml/control-chars-dropped', 'warning', 'the text holds control characters that XML 1.0 cannot carry; they were left out', { cueId }),
} as const;
