import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Diagnostic } from '../../model/diagnostic.js';
import { messages } from './messages.js';
import { CONVENTIONAL, vocabularyOf } from './namespaces.js';
import { scanProlog } from './prolog.js';
import type { Rat } from './rational.js';
import type { SourceLines } from './source-lines.js';

/**
 * An element with its namespace resolved. Attributes are keyed by canonical
 * names (`begin`, `tts:color`, `ttp:frameRate`, `xml:id`) whatever prefixes
 * the file used; attributes of foreign vocabularies are left out.
 */
export interface XElement {
  /** `tt` for the TTML core namespace, else the namespace URI ('' for none). */
  ns: string;
  local: string;
  attrs: Record<string, string>;
  children: XChild[];
  /** Offset of the element's `<` in the source. */
  offset: number;
  /** The active interval in document time, set by `resolveTiming`; end may be indefinite. */
  begin?: Rat;
  end?: Rat;
}

export type XChild = XElement | string;

export interface XmlResult {
  root?: XElement;
  diagnostics: Diagnostic[];
}

const EMPTY_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Character references (`&#x4E2D;`) are only decoded with htmlEntities on.
  htmlEntities: true,
  // A second fence behind the DOCTYPE check in readXml, which refuses DTD
  // entities outright. The expansion totals also count `&amp;` and friends,
  // so they stay unbounded: a long film has hundreds of thousands.
  processEntities: { enabled: true, maxEntityCount: 16, maxEntitySize: 1024, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: Number.MAX_SAFE_INTEGER },
  ignoreDeclaration: true,
  ignorePiTags: true,
  captureMetaData: true,
  maxNestedTags: 1000,
});

const META = XMLParser.getMetaDataSymbol();

interface FxpMeta {
  startIndex?: number;
  endIndex?: number;
}

type FxpNode = Record<string, unknown> & { ':@'?: Record<string, string> };

type Scope = Map<string, string>;

interface Trouble {
  kind: 'unclosed' | 'mismatch' | 'other';
  name: string;
  offset: number;
}

class Converter {
  trouble: Trouble | undefined;
  readonly diagnostics: Diagnostic[] = [];
  private readonly warnedPrefixes = new Set<string>();

  constructor(
    private readonly text: string,
    private readonly lines: SourceLines,
  ) {}

  element(name: string, node: FxpNode, parentScope: Scope): XElement {
    const meta = node[META as unknown as string] as FxpMeta | undefined;
    const offset = meta?.startIndex ?? 0;
    const raw = node[':@'];
    let scope = parentScope;
    if (raw) {
      for (const key in raw) {
        if (key === 'xmlns' || key.startsWith('xmlns:')) {
          if (scope === parentScope) scope = new Map(parentScope);
          scope.set(key === 'xmlns' ? '' : key.slice(6), raw[key]!);
        }
      }
    }
    const colon = name.indexOf(':');
    const prefix = colon < 0 ? '' : name.slice(0, colon);
    const local = colon < 0 ? name : name.slice(colon + 1);
    const uri = this.resolve(prefix, scope, offset);
    const ns = vocabularyOf(uri) === 'tt' ? 'tt' : uri;

    let attrs = EMPTY_ATTRS;
    if (raw) {
      attrs = {};
      for (const key in raw) {
        const c = key.indexOf(':');
        if (c < 0) {
          if (key !== 'xmlns') attrs[key] = raw[key]!;
          continue;
        }
        const p = key.slice(0, c);
        if (p === 'xmlns') continue;
        const vocabulary = p === 'xml' ? 'xml' : vocabularyOf(this.resolve(p, scope, offset));
        if (vocabulary !== 'other') attrs[`${vocabulary}:${key.slice(c + 1)}`] = raw[key]!;
      }
    }

    // Pre-order: the last unclosed element met is the innermost one left open.
    if (meta?.endIndex === undefined) {
      if (!this.trouble || this.trouble.kind === 'unclosed') this.trouble = { kind: 'unclosed', name, offset };
    }
    else if (!this.closes(name, meta.endIndex)) this.trouble ??= { kind: 'mismatch', name, offset };
    if (name === '') this.trouble ??= { kind: 'other', name, offset };

    const children: XChild[] = [];
    const list = node[name] as FxpNode[] | undefined;
    if (list) {
      for (const child of list) {
        const key = keyOf(child);
        if (key === '#text') children.push(child['#text'] as string);
        else if (key !== undefined && key[0] !== '?' && key[0] !== '!') children.push(this.element(key, child, scope));
      }
    }
    return { ns, local, attrs, children, offset };
  }

  private resolve(prefix: string, scope: Scope, offset: number): string {
    const uri = scope.get(prefix);
    if (uri !== undefined) return uri;
    if (prefix === '') return '';
    const guess = CONVENTIONAL[prefix] ?? '';
    if (!this.warnedPrefixes.has(prefix)) {
      this.warnedPrefixes.add(prefix);
      this.diagnostics.push(messages.undeclaredPrefix(prefix, guess || 'a foreign namespace', { line: this.lines.lineAt(offset) }));
    }
    return guess;
  }

  /** fast-xml-parser closes an element at any end tag; check it was its own. */
  private closes(name: string, endIndex: number): boolean {
    const t = this.text;
    if (t.charCodeAt(endIndex - 2) === 0x2f) return true;
    const open = t.lastIndexOf('</', endIndex - 3);
    if (open < 0 || !t.startsWith(name, open + 2)) return false;
    for (let i = open + 2 + name.length; i < endIndex - 1; i++) {
      const c = t.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
    }
    return true;
  }
}

function keyOf(node: FxpNode): string | undefined {
  for (const key in node) if (key !== ':@') return key;
  return undefined;
}

/**
 * Reads XML into elements, refusing DTD entities, and reports a document
 * that is not well-formed as one error with its line. The validator runs only
 * when the parse shows trouble, so well-formed files pay for one parse.
 */
export function readXml(text: string, lines: SourceLines): XmlResult {
  const prolog = scanProlog(text);
  if (prolog?.entityOffset !== undefined) {
    return { diagnostics: [messages.doctypeEntities({ line: lines.lineAt(prolog.entityOffset) })] };
  }

  let nodes: FxpNode[];
  try {
    nodes = parser.parse(text) as FxpNode[];
  } catch (error) {
    return { diagnostics: [notWellFormed(text, lines, error instanceof Error ? error.message : String(error))] };
  }

  const converter = new Converter(text, lines);
  const roots: XElement[] = [];
  let strayText = false;
  for (const node of nodes) {
    const key = keyOf(node);
    if (key === '#text') strayText ||= (node['#text'] as string).trim() !== '';
    else if (key !== undefined && key[0] !== '?' && key[0] !== '!') roots.push(converter.element(key, node, new Map()));
  }

  const trouble = converter.trouble;
  if (trouble?.kind === 'unclosed') {
    const at = { line: lines.lastLine };
    return { diagnostics: [messages.truncated(trouble.name, lines.lineAt(trouble.offset), at)] };
  }
  if (trouble || roots.length !== 1 || strayText) {
    return { diagnostics: [notWellFormed(text, lines, trouble ? `\`<${trouble.name}>\` is not closed by its own end tag` : 'expected exactly one root element')] };
  }
  return { root: roots[0]!, diagnostics: converter.diagnostics };
}

function notWellFormed(text: string, lines: SourceLines, fallback: string): Diagnostic {
  const verdict = XMLValidator.validate(text);
  if (verdict === true) return messages.notWellFormed(fallback, { line: 1 });
  const { code, msg, line, col } = verdict.err;
  // The validator reports elements still open at the end as a list of names at line 1.
  const open = code === 'InvalidXml' && msg.startsWith("Invalid '[") ? [...msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  if (open.length > 0) return messages.truncated(open[open.length - 1]!, undefined, { line: lines.lastLine });
  return messages.notWellFormed(msg.replace(/\.$/, ''), { line: line || lines.lastLine, column: col || 1 });
}
