import { diagnostic, type Diagnostic, type Location } from '../../../model/diagnostic.js';

/** Whose XML is read: the code prefix of its diagnostics, its name, and what a refusal leaves undone. */
export interface XmlFormat {
  /** `ttml`, `dcp`, `tmx`, `xliff`: codes are `<code>/doctype-entities` and the like, stable per format. */
  code: string;
  /** As a reader knows it: `TTML`, `DCP subtitle XML`. */
  name: string;
  /** `the document was not read`, `nothing was imported`. */
  outcome: string;
}

/** Every message of reading XML, one wording for every format. */
export const messages = {
  doctypeEntities: (format: XmlFormat, entity: string, at: Location): Diagnostic =>
    diagnostic(
      `${format.code}/doctype-entities`,
      'error',
      `found an \`<!ENTITY>\` declaration (\`${entity}\`) in the \`<!DOCTYPE>\` internal subset; expected a DOCTYPE with no entity declarations: ${format.name} uses no DTD entities, so ${format.outcome} (entity expansion and external files are refused; remove the \`[…]\` part of the DOCTYPE)`,
      at,
    ),
  notWellFormed: (format: XmlFormat, detail: string, at: Location): Diagnostic =>
    diagnostic(`${format.code}/not-well-formed`, 'error', `the XML is not well-formed: ${detail}; ${format.outcome}`, at),
  truncated: (format: XmlFormat, name: string, openedLine: number | undefined, at: Location): Diagnostic =>
    diagnostic(
      `${format.code}/truncated`,
      'error',
      `the document ends before \`</${name}>\` closes the element${openedLine === undefined ? '' : ` opened on line ${openedLine}`}; expected a complete XML document, the file looks truncated; ${format.outcome}`,
      at,
    ),
};
