import { createRequire } from 'node:module';
import type { X2jOptions, XMLParser } from 'fast-xml-parser';
import type { Diagnostic, Location } from '../../../model/diagnostic.js';
import { namedCharacter } from '../character-reference.js';
import { C1_CONTROL, codePointName, controlCharacter, controlCharactersFound, withoutC1Controls } from '../control-characters.js';
import { escapeText } from '../xml-escape.js';
import { XML_CONTROL } from '../lower.js';
import { SourceLines } from '../source-lines.js';
import { Locator } from './locator.js';
import { messages, type XmlFormat } from './messages.js';
import { nameOf, TEXT, textOf, type XNode } from './nodes.js';
import { scanProlog } from './prolog.js';
import { MAX_DEPTH, scanTags, type TagScan } from './tags.js';

export interface XmlResult {
  /** The text read, where the locator's offsets are: the input with `&eacute;` and the like put in as the characters they stand for. */
  text: string;
  root?: XNode;
  locator?: Locator;
  /** What the scan of the tags found, element k being the parser's k-th in pre-order. */
  tags?: TagScan;
  diagnostics: Diagnostic[];
}

export interface XmlReaderOptions {
  format: XmlFormat;
  /** What the parser keeps of a text node inside `tagName`; '' keeps nothing. Keeps every text when unset. */
  keepText?: (tagName: string, value: string) => string;
  /**
   * Run the validator on every document, not only when the parse shows trouble: an import stores
   * approved translations, so what no XML tool would accept (a bare `&`, a repeated attribute) is
   * refused at the cost of a second pass. Subtitle files are read with one pass.
   */
  validate?: 'always' | 'on-trouble';
}

// Required on the first XML read, not on import: commands that read no XML (`--help`, an SRT
// convert) then start without it. Its CommonJS build, so that the formats' synchronous parse can load it.
const load = createRequire(import.meta.url);
let fastXmlParser: typeof import('fast-xml-parser') | undefined;
function fxp(): typeof import('fast-xml-parser') {
  return (fastXmlParser ??= load('fast-xml-parser') as typeof import('fast-xml-parser'));
}

/**
 * What every subloc XML input asks of fast-xml-parser: document order kept
 * (mixed content is the text), raw names and strings, white space kept.
 */
const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  // Character references (`&#x4E2D;`) are only decoded with htmlEntities on; named ones expand to one character each.
  htmlEntities: true,
  // Behind the prolog fence, which refuses every DTD entity first: the parser would read a DOCTYPE
  // after the root itself, so it may keep none (count 0 throws on the first). The expansion totals
  // also count `&amp;` and friends, so they stay unbounded: a long film has hundreds of thousands.
  processEntities: { enabled: true, maxEntityCount: 0, maxEntitySize: 0, maxTotalExpansions: Number.MAX_SAFE_INTEGER, maxExpandedLength: Number.MAX_SAFE_INTEGER },
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  // No metadata: scanTags finds where elements start and checks their end tags for less than the parser's offsets cost.
  // No callbacks read paths, so the parser need not build a path string for every node.
  jPath: false,
} as const satisfies Partial<X2jOptions>;

/** For a document with no `&`: nothing to expand, so nothing looked for. */
const PLAIN = { ...OPTIONS, htmlEntities: false, processEntities: false } as const satisfies Partial<X2jOptions>;

function makeParser(options: XmlReaderOptions, base: Partial<X2jOptions>): XMLParser {
  return new (fxp().XMLParser)(options.keepText ? { ...base, tagValueProcessor: options.keepText } : base);
}

/**
 * The one way subloc reads XML (TTML, DCP, TMX, XLIFF). The prolog is walked
 * token by token first, then the tags: a DOCTYPE that declares entities, a
 * prolog the scan cannot follow or a DOCTYPE after the root began never
 * reaches the parser. A document that is not well-formed is one error with
 * its line; unless asked to validate always, the validator runs only when
 * the scan or the parse shows trouble, so well-formed files pay for one parse.
 */
export function xmlReader(options: XmlReaderOptions): (text: string) => XmlResult {
  const { format } = options;
  let parser: XMLParser | undefined;
  let plainParser: XMLParser | undefined;

  return (input) => {
    let text = input;
    let lines = new SourceLines(text);
    const prolog = scanProlog(text);
    if (!prolog) return { text, diagnostics: [notWellFormed(format, text, lines, 'expected a root element after the XML declaration, comments and DOCTYPE')] };
    if (prolog.entity) return { text, diagnostics: [messages.doctypeEntities(format, prolog.entity.name, lines.locate(prolog.entity.offset))] };

    // fast-xml-parser keeps them in the text; every XML tool refuses the document. A C1 control XML allows is
    // looked for in the same pass: found, the controls XML forbids are looked for after it.
    let control = text.search(ANY_CONTROL);
    const c1 = control >= 0 && isC1(text.charCodeAt(control)) ? control : undefined;
    if (c1 !== undefined) {
      const after = text.slice(c1).search(XML_CONTROL);
      control = after < 0 ? -1 : c1 + after;
    }
    if (control >= 0) return { text, diagnostics: [messages.notWellFormed(format, controlCharacter(text, control), lines.locate(control))] };

    // A character reference may name only what XML may hold; `&#13;` is a line end, which the parser would keep as a carriage return.
    const numeric = text.indexOf('&#') < 0 ? undefined : numericReferences(text, prolog.rootOffset);
    if (numeric?.forbidden !== undefined) return { text, diagnostics: [messages.notWellFormed(format, `the reference \`${numeric.forbidden.written}\` names the character ${codePointName(numeric.forbidden.value)}; expected none: XML 1.0 allows no control character but tab, line feed and carriage return`, lines.locate(numeric.forbidden.offset))] };

    const html = text.indexOf('&') < 0 ? undefined : htmlReferences(text, prolog.rootOffset);
    const said = (html?.found ?? []).map(({ name, character, count, offset }) => messages.htmlEntity(format, name, character, count, lines.locate(offset)));
    if (html) {
      // Lines stay as they were, but offsets past a reference move: located anew in the text read.
      text = html.text;
      lines = new SourceLines(text);
    }
    const tags = scanTags(text, prolog.rootOffset);
    if (tags.unclosed) {
      return { text, diagnostics: [messages.truncated(format, tags.unclosed.name, lines.lineAt(tags.unclosed.offset), { line: lines.lastLine })] };
    }
    if (tags.broken) return { text, diagnostics: [notWellFormed(format, text, lines, tags.broken.reason, lines.locate(tags.broken.offset))] };
    if (options.validate === 'always' && fxp().XMLValidator.validate(text) !== true) return { text, diagnostics: [notWellFormed(format, text, lines, 'rejected by the validator')] };

    let nodes: XNode[];
    try {
      // Without a `&` there is no reference to expand: a parser that does not look for them in every value
      // gives the same tree (the read about 5% sooner).
      const plain = text.indexOf('&') < 0;
      const own = plain ? (plainParser ??= makeParser(options, PLAIN)) : (parser ??= makeParser(options, OPTIONS));
      nodes = own.parse(text) as XNode[];
    } catch (error) {
      return { text, diagnostics: [notWellFormed(format, text, lines, error instanceof Error ? error.message : String(error))] };
    }

    let root: XNode | undefined;
    let roots = 0;
    let strayText = false;
    for (const node of nodes) {
      if (nameOf(node) === TEXT) strayText ||= textOf(node).trim() !== '';
      else if (roots++ === 0) root = node;
    }
    if (roots !== 1 || strayText || !root) return { text, diagnostics: [notWellFormed(format, text, lines, 'expected exactly one root element')] };
    if (numeric?.carriageReturn) endLines(root);
    // DEL and the C1 controls, written raw or as references: what a screen shows nothing for, or the Windows-1252 character meant.
    const firstC1 = c1 === undefined ? numeric?.c1 : numeric?.c1 === undefined ? { offset: c1, value: text.charCodeAt(c1) } : numeric.c1.offset < c1 ? numeric.c1 : { offset: c1, value: text.charCodeAt(c1) };
    const c1Count = firstC1 === undefined ? 0 : replaceC1(root);
    if (c1Count > 0) said.push(controlCharactersFound(firstC1!.value, c1Count, lines.locate(firstC1!.offset)));
    return { text, root, locator: new Locator(root, tags.starts, lines), tags, diagnostics: said };
  };
}

/** XML's own named references, which the parser expands. */
const XML_NAMED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
/** A comment or CDATA section (their `&` is text), or a named reference. */
const REFERENCE = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|&([A-Za-z][A-Za-z0-9]{0,31});/g;

/**
 * `&eacute;` and `&nbsp;` as subtitle files from HTML-minded tools carry
 * them: XML defines neither, so each is put in as the character HTML reads
 * (no line break is added or taken), or kept as text when HTML names none;
 * `found` says which, with the first offset of each.
 */
function htmlReferences(text: string, from: number): { text: string; found: { name: string; character: string | undefined; count: number; offset: number }[] } | undefined {
  const found = new Map<string, { name: string; character: string | undefined; count: number; offset: number }>();
  REFERENCE.lastIndex = from;
  let out = '';
  let last = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
    const name = m[1];
    if (name === undefined || XML_NAMED.has(name)) continue;
    const character = namedCharacter(name);
    const seen = found.get(name);
    if (seen) seen.count++;
    else found.set(name, { name, character, count: 1, offset: m.index });
    out += text.slice(last, m.index) + (character === undefined ? `&amp;${name};` : escapeText(character));
    last = m.index + m[0].length;
  }
  return found.size === 0 ? undefined : { text: out + text.slice(last), found: [...found.values()] };
}

/** A comment or CDATA section (their `&` is text), or a numeric reference. */
const NUMERIC_REFERENCE = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|&#(?:[xX]([0-9A-Fa-f]{1,8})|([0-9]{1,10}));/g;

/** The first numeric reference to a character XML cannot hold, whether one names a carriage return, and the first that names a C1 control. */
function numericReferences(text: string, from: number): { forbidden?: { written: string; value: number; offset: number }; carriageReturn: boolean; c1?: { value: number; offset: number } } {
  NUMERIC_REFERENCE.lastIndex = from;
  let carriageReturn = false;
  let c1: { value: number; offset: number } | undefined;
  for (let m = NUMERIC_REFERENCE.exec(text); m !== null; m = NUMERIC_REFERENCE.exec(text)) {
    if (m[1] === undefined && m[2] === undefined) continue;
    const value = m[1] === undefined ? Number(m[2]) : Number.parseInt(m[1], 16);
    if (value === 0x0d) carriageReturn = true;
    else if (isC1(value)) c1 ??= { value, offset: m.index };
    else if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff) || (value <= 0xffff && XML_CONTROL_CHAR.test(String.fromCharCode(value)))) {
      return { forbidden: { written: m[0], value, offset: m.index }, carriageReturn };
    }
  }
  return c1 === undefined ? { carriageReturn } : { carriageReturn, c1 };
}

const XML_CONTROL_CHAR = new RegExp(XML_CONTROL.source);
/** `XML_CONTROL` and `C1_CONTROL` in one class: a clean document is searched once. */
const ANY_CONTROL = new RegExp(`${XML_CONTROL.source.slice(0, -1)}${C1_CONTROL.source.slice(1)}`);

function isC1(c: number): boolean {
  return c >= 0x7f && c <= 0x9f;
}

/** Each text's C1 controls as `withoutC1Controls` reads them; how many there were. */
function replaceC1(node: XNode): number {
  const name = nameOf(node);
  if (name === TEXT) {
    const text = textOf(node);
    const count = text.match(C1_CONTROL)?.length ?? 0;
    if (count > 0) node[TEXT] = withoutC1Controls(text);
    return count;
  }
  let count = 0;
  const children = node[name];
  if (Array.isArray(children)) for (const child of children as XNode[]) count += replaceC1(child);
  return count;
}

/** Carriage returns in the text as the line ends they stand for, as the parser makes of those written raw. */
function endLines(node: XNode): void {
  const name = nameOf(node);
  if (name === TEXT) {
    node[TEXT] = textOf(node).replace(/\r\n?/g, '\n');
    return;
  }
  const children = node[name];
  if (Array.isArray(children)) for (const child of children as XNode[]) endLines(child);
}

/** The validator's verdict, which says where; `fallback` when it finds nothing wrong. */
function notWellFormed(format: XmlFormat, text: string, lines: SourceLines, fallback: string, fallbackAt: Location = { line: 1 }): Diagnostic {
  const verdict = fxp().XMLValidator.validate(text);
  if (verdict === true) return messages.notWellFormed(format, fallback, fallbackAt);
  const { code, msg, line, col } = verdict.err;
  // The validator reports elements still open at the end as a list of names at line 1.
  const open = code === 'InvalidXml' && msg.startsWith("Invalid '[") ? [...msg.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) : [];
  if (open.length > 0) return messages.truncated(format, open[open.length - 1]!, undefined, { line: lines.lastLine });
  return messages.notWellFormed(format, msg.replace(/\.$/, ''), { line: line || lines.lastLine, column: col || 1 });
}
