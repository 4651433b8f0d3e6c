import { diagnostic, type Diagnostic, type Location } from '../../../model/diagnostic.js';
import { excerpt } from '../excerpt.js';

/** Whose XML is read: the code prefix of its diagnostics, its name, and what a refusal leaves undone. */
export interface XmlFormat {
  /** `ttml`, `dcp`, `tmx`, `xliff`: codes are `<code>/doctype-entities` and the like, stable per format. */
  code: string;
  /** As a reader knows it: `TTML`, `DCP subtitle XML`. */
  name: string;
  /** `the document was not read`, `nothing was imported`. */
  outcome: string;
}

/**
 * A detail as the validator words it, which quotes names and values whole:
 * each quoted run cut to an excerpt, and what is left kept to a few lines.
 */
function shortDetail(detail: string): string {
  const cut = detail.replace(/'([^']{61,})'?/g, (_, quoted: string) => `'${excerpt(quoted)}'`).replace(/`([^`]{61,})`/g, (_, quoted: string) => `\`${excerpt(quoted)}\``);
  return excerpt(cut, 400);
}

/** Every message of reading XML, one wording for every format. */
export const messages = {
  doctypeEntities: (format: XmlFormat, entity: string, at: Location): Diagnostic =>
    diagnostic(
      `${format.code}/doctype-entities`,
      'error',
      `found an \`<!ENTITY>\` declaration (\`${excerpt(entity)}\`) in the \`<!DOCTYPE>\` internal subset; expected a DOCTYPE with no entity declarations: ${format.name} uses no DTD entities, so ${format.outcome} (entity expansion and external files are refused; remove the \`[…]\` part of the DOCTYPE)`,
      at,
    ),
  htmlEntity: (format: XmlFormat, name: string, character: string | undefined, count: number, at: Location): Diagnostic =>
    diagnostic(
      `${format.code}/html-entity`,
      'warning',
      `found \`&${excerpt(name)};\`${count === 1 ? '' : ` (${count} times, the first here)`}, which XML does not define (its only named references are \`&amp;\`, \`&lt;\`, \`&gt;\`, \`&quot;\`, \`&apos;\`); ${character === undefined ? 'HTML does not name it either, so it was kept as text' : `read as HTML reads it, ${JSON.stringify(character)} (${[...character].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})`}`,
      at,
    ),
  notWellFormed: (format: XmlFormat, detail: string, at: Location): Diagnostic =>
    diagnostic(`${format.code}/not-well-formed`, 'error', `the XML is not well-formed: ${shortDetail(detail)}; ${format.outcome}`, at),
  truncated: (format: XmlFormat, name: string, openedLine: number | undefined, at: Location): Diagnostic =>
    diagnostic(
      `${format.code}/truncated`,
      'error',
      `the document ends before \`</${excerpt(name)}>\` closes the element${openedLine === undefined ? '' : ` opened on line ${openedLine}`}; expected a complete XML document, the file looks truncated; ${format.outcome}`,
      at,
    ),
};
