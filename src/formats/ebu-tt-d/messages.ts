import { diagnostic, type Diagnostic } from '../../model/diagnostic.js';
import { excerpt } from '../shared/excerpt.js';

/** Every message the EBU-TT-D adapter emits, in one place; codes are stable. */
export const messages = {
  darkOnBox: (color: string, cueId: string): Diagnostic =>
    diagnostic('ebu-tt-d/dark-on-box', 'warning', `text in \`${excerpt(color)}\` is written on the black box every EBU-TT-D subtitle here has, where it cannot be read; give it a light colour`, { cueId }),
  colorDropped: (color: string, cueId: string): Diagnostic =>
    diagnostic('ebu-tt-d/color-dropped', 'warning', `the colour \`${excerpt(color)}\` has no EBU-TT-D form (expected \`#rrggbb\`, \`#rrggbbaa\` or a TTML colour name, written as hex); written without colour`, { cueId }),
  controlCharsDropped: (cueId: string): Diagnostic =>
    diagnostic('ebu-tt-d/control-chars-dropped', 'warning', 'the text holds control characters that XML 1.0 cannot carry; they were left out', { cueId }),
  badLanguage: (lang: string, written: string): Diagnostic =>
    diagnostic('ebu-tt-d/bad-language', 'warning', `the language \`${excerpt(lang)}\` is not a language tag (xs:language); wrote xml:lang="${written}"`),
  extendedToFrame: (cueId: string): Diagnostic =>
    diagnostic('ebu-tt-d/extended-to-frame', 'warning', 'the cue is shorter than the frame grid can hold: its start and end snap to the same frame; expected at least one frame; it was written one frame long', { cueId }),
} as const;
