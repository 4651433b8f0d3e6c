import { fitCue } from '../../src/fit/fit-cue.js';
import { lineText } from '../../src/model/spans.js';
import { itReturns } from '../helpers/examples.js';

/** The lines `fitCue` makes of a plain text, at most two. */
export function fitLines(text: string, language: string, maxCharsPerLine: number, protectedPhrases: string[] = []): string[] {
  return fitCue([{ text }], { language, maxCharsPerLine, maxLines: 2, protectedPhrases }).lines.map(lineText);
}

/** One test a `[language, text, maxCharsPerLine, lines]` row: the text fits into those lines. */
export function itBreaks(title: string, examples: ReadonlyArray<readonly [string, string, number, string[]]>): void {
  itReturns(title, (language: string, text: string, maxCharsPerLine: number) => fitLines(text, language, maxCharsPerLine), examples);
}
