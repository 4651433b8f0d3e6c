import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XML_PARSER_OPTIONS } from '../shared/xml-parser-options.js';
import type { Diagnostic, Location } from '../../model/diagnostic.js';
import { Canonicalizer, Scope } from './canonical-names.js';
import { Locator } from './locator.js';
import { messages } from './messages.js';
import { isBlank, nameOf, TEXT, textOf, type XNode } from './nodes.js';
import { scanProlog } from './prolog.js';
import type { SourceLines } from '../shared/source-lines.js';
import { scanTags } from './tags.js';

export interface XmlResult {
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

const parser = new XMLParser({
  ...XML_PARSER_OPTIONS,
  tagValueProcessor: keepText,
  // No metadata: scanTags finds where elements start and checks their end tags for less than the parser's offsets cost.
  // No callbacks read paths, so the parser need not build a path string for every node.
  jPath: false,
});

/**
 * Reads XML, refusing DTD entities, and reports a document that is not
 * well-formed as one error with its line. The validator runs only when the
 * parse shows trouble, so well-formed files pay for one parse.
 */
export function readXml(text: string, lines: SourceLines): XmlResult {
  const prolog = scanProlog(text);
  if (prolog?.entityOffset !== undefined) {
    return { diagnostics: [messages.doctypeEntities({ line: lines.lineAt(prolog.entityOffset) })] };
  }

  let nodes: XNode[];
  try {
    nodes = parser.parse(text) as XNode[];
  } catch (error) {
    return { diagnostics: [notWellFormed(text, lines, error instanceof Error ? error.message : String(error))] };
  }

  const tags = scanTags(text, prolog?.rootOffset ?? 0);
  if (tags.unclosed) {
    return { diagnostics: [messages.truncated(tags.unclosed.name, lines.lineAt(tags.unclosed.offset), { line: lines.lastLine })] };
  }

  const canonicalizer = new Canonicalizer(tags.starts, lines);
  const top = new Scope(new Map(), false);
  let root: XNode | undefined;
  let roots = 0;
  let strayText = false;
  for (let i = 0; i < nodes.length; i++) {
    const key = nameOf(nodes[i]!);
    if (key === TEXT) {
      strayText ||= textOf(nodes[i]!).trim() !== '';
      continue;
    }
    canonicalizer.visit(nodes, i, key, top, roots === 0);
    root ??= nodes[i];
    roots++;
  }

  if (tags.broken) return { diagnostics: [notWellFormed(text, lines, tags.broken.reason, { line: lines.lineAt(tags.broken.offset) })] };
  if (roots !== 1 || strayText || !root) return { diagnostics: [notWellFormed(text, lines, 'expected exactly one root element')] };
  return { root, locator: new Locator(root, tags.starts, lines), rootLocal: canonicalizer.rootLocal, rootNs: canonicalizer.rootNs, diagnostics: canonicalizer.diagnostics };
}

/** The validator's verdict, which says where; `fallback` when it finds nothing wrong. */
function notWellFormed(text: string, lines: SourceLines, fallback: string, fallbackAt: Location = { line: 1 }): Diagnostic {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return messages.notWellFormed(fallback, fallbackAt);
  const { code, msg, line, col } = verdict.err;
  // The validator reports elements still open at the end as a list of names at line 1.
  const open = code === 'InvalidXml' && msg.startsWith("Invalid '[") ? [...msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  if (open.length > 0) return messages.truncated(open[open.length - 1]!, undefined, { line: lines.lastLine });
  return messages.notWellFormed(msg.replace(/\.$/, ''), { line: line || lines.lastLine, column: col || 1 });
}
