import { SourceLines } from '../formats/shared/source-lines.js';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { XML_PARSER_OPTIONS } from '../formats/shared/xml-parser-options.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { messages } from './tmx-messages.js';

/** An element of the TMX document, with the offset of its `<` for line numbers. */
export interface Element {
  name: string;
  attrs: Readonly<Record<string, string>>;
  children: Node[];
  offset: number;
}

export type Node = Element | string;

const parser = new XMLParser({
  // Mixed content: the order of text, `<bpt>` and `<ph>` inside `<seg>` is the text.
  ...XML_PARSER_OPTIONS,
  captureMetaData: true,
});

const META = XMLParser.getMetaDataSymbol() as unknown as string;

type FxpNode = Record<string, unknown> & { ':@'?: Record<string, string> };

function keyOf(node: FxpNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

function convert(name: string, node: FxpNode): Element {
  const children: Node[] = [];
  for (const child of (node[name] as FxpNode[] | undefined) ?? []) {
    const key = keyOf(child);
    if (key === '#text') children.push(String(child['#text']));
    else if (key !== undefined && key[0] !== '?' && key[0] !== '!') children.push(convert(key, child));
  }
  const offset = (node[META] as { startIndex?: number } | undefined)?.startIndex ?? 0;
  return { name, attrs: node[':@'] ?? {}, children, offset };
}

/** Offsets to 1-based line numbers, counted the one way every reader counts them. */
export function lineCounter(text: string): (offset: number) => number {
  const lines = new SourceLines(text);
  return (offset) => lines.lineAt(offset);
}

/** Offset of an `<!ENTITY` in the DOCTYPE's internal subset, if any. */
function entityDeclaration(text: string): number | undefined {
  const doctype = text.indexOf('<!DOCTYPE');
  const root = text.search(/<[A-Za-z_]/);
  if (doctype < 0 || (root >= 0 && root < doctype)) return undefined;
  const entity = text.indexOf('<!ENTITY', doctype);
  return entity < 0 || (root >= 0 && entity > root) ? undefined : entity;
}

export interface XmlResult {
  root?: Element;
  diagnostics: Diagnostic[];
}

/** Reads the document, refusing DTD entities; a document that is not well-formed is one error with its line. */
export function readXml(text: string, lineAt: (offset: number) => number): XmlResult {
  const entity = entityDeclaration(text);
  if (entity !== undefined) return { diagnostics: [messages.doctypeEntities({ line: lineAt(entity) })] };
  const verdict = XMLValidator.validate(text);
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    return { diagnostics: [messages.notWellFormed(msg.replace(/\.$/, ''), { line: line || 1, column: col || 1 })] };
  }
  let nodes: FxpNode[];
  try {
    nodes = parser.parse(text) as FxpNode[];
  } catch (error) {
    return { diagnostics: [messages.notWellFormed((error as Error).message, { line: 1 })] };
  }
  for (const node of nodes) {
    const key = keyOf(node);
    if (key !== undefined && key !== '#text' && key[0] !== '?' && key[0] !== '!') return { root: convert(key, node), diagnostics: [] };
  }
  return { diagnostics: [messages.notWellFormed('no root element', { line: 1 })] };
}

export function elements(parent: Element, name: string): Element[] {
  return parent.children.filter((c): c is Element => typeof c !== 'string' && c.name === name);
}

/** All the text inside, nested elements included. */
export function textOf(node: Node): string {
  return typeof node === 'string' ? node : node.children.map(textOf).join('');
}
