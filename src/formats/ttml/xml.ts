import type { Diagnostic } from '../../model/diagnostic.js';
import type { Locator } from '../shared/xml/locator.js';
import { isBlank, nameOf, type XNode } from '../shared/xml/nodes.js';
import { xmlReader } from '../shared/xml/read-xml.js';
import { Canonicalizer, Scope } from './canonical-names.js';

export interface TtmlXml {
  /** The text read, where the locator's offsets are. */
  text: string;
  root?: XNode;
  locator?: Locator;
  /** The root element's local name and namespace (`tt` for the TTML core, '' for none). */
  rootLocal?: string;
  rootNs?: string;
  diagnostics: Diagnostic[];
}

/** TTML elements whose white-space-only text lays out the file and is never shown. */
const LAYOUT_ONLY = new Set(['tt', 'head', 'body', 'div', 'styling', 'layout']);

/** The parser keeps no text for which this returns ''; a long film has one such run between every two paragraphs. */
function keepText(tagName: string, value: string): string {
  const local = tagName.indexOf(':') < 0 ? tagName : tagName.slice(tagName.indexOf(':') + 1);
  return LAYOUT_ONLY.has(local) && isBlank(value) ? '' : value;
}

const readXml = xmlReader({ format: { code: 'ttml', name: 'TTML', outcome: 'the document was not read' }, keepText });

/** The shared XML reader's tree, with the names of TTML vocabularies made canonical whatever prefixes the file used. */
export function readTtmlXml(text: string): TtmlXml {
  const { text: read, root, locator, tags, diagnostics } = readXml(text);
  if (!root || !locator || !tags) return { text: read, diagnostics };
  const canonicalizer = new Canonicalizer(locator, tags);
  canonicalizer.visit([root], 0, nameOf(root), new Scope(new Map(), false), true);
  return { text: read, root, locator, rootLocal: canonicalizer.rootLocal, rootNs: canonicalizer.rootNs, diagnostics: [...diagnostics, ...canonicalizer.diagnostics] };
}
