import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import {
  closeBuffer,
  DtdValidator,
  openBuffer,
  readBuffer,
  XmlDocument,
  XmlDtd,
  XmlElement,
  XmlLibError,
  xmlRegisterInputProvider,
  XsdValidator,
  type ErrorDetail,
} from 'libxml2-wasm';

/** The official schemas, read from ../shared and never copied (see its README). */
export const SCHEMAS = resolve(process.cwd(), '../shared/schemas');

/**
 * Each schema's entry file under SCHEMAS, with the folder's offline XML catalog where the schema
 * imports an absolute URL (the same files the README's xmllint commands use).
 */
export const SCHEMA = {
  ttml1: { xsd: 'ttml1/ttml1.xsd' },
  ttml2: { xsd: 'ttml2/ttml2.xsd' },
  imsc1: { xsd: 'imsc1/local-xmllint-driver.xsd' },
  'ebu-tt-d': { xsd: 'ebu-tt-d/ebutt_d.xsd', catalog: 'ebu-tt-d/catalog.xml' },
  'dcp-smpte-2014': { xsd: 'smpte-428-7-dcst/DCDMSubtitle-2014.xsd' },
  'dcp-interop': { xsd: 'dcinema-interop-dcsubtitle/DCSubtitle.xsd' },
  'dcp-interop-mattsson': { xsd: 'dcinema-interop-dcsubtitle/DCSubtitle.v1.mattsson.xsd' },
  'xliff-1.2': { xsd: 'xliff-1.2/xliff-core-1.2-strict.xsd', catalog: 'xliff-1.2/catalog.xml' },
  'tmx-1.4b': { dtd: 'tmx-1.4b/tmx14.dtd' },
} as const satisfies Record<string, { xsd: string; catalog?: string } | { dtd: string }>;

export type SchemaName = keyof typeof SCHEMA;

export interface Verdict {
  ok: boolean;
  /** libxml2's messages, one a line as `file:line: message`; empty when the document is valid. */
  out: string;
}

const CATALOG_NS = { c: 'urn:oasis:names:tc:entity:xmlns:xml:catalog' };

/** A catalog's `system` and `uri` entries (the only kinds ours hold): URL → absolute path. */
function readCatalog(file: string): Map<string, string> {
  const doc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
  try {
    const entries = new Map<string, string>();
    for (const entry of doc.find('/c:catalog/c:system | /c:catalog/c:uri', CATALOG_NS)) {
      if (!(entry instanceof XmlElement)) continue;
      const url = entry.attr('systemId')?.value ?? entry.attr('name')?.value;
      const uri = entry.attr('uri')?.value;
      if (url !== undefined && uri !== undefined) entries.set(url, resolve(dirname(file), uri));
    }
    return entries;
  } finally {
    doc.dispose();
  }
}

/** The catalog of the schema being compiled: libxml2 asks for imports only while it compiles one. */
let catalog = new Map<string, string>();

/** libxml2 reads nothing but the schema tree and what the catalog maps into it: no network, as xmllint's --nonet. */
function localPath(name: string): string | undefined {
  const mapped = catalog.get(name);
  if (mapped !== undefined) return mapped;
  const path = resolve(name);
  return name.startsWith('/') && !relative(SCHEMAS, path).startsWith('..') ? path : undefined;
}

/** What the provider refused while a schema compiled: libxml2 only warns and skips such an import, leaving part of the schema unchecked. */
const refused: string[] = [];

xmlRegisterInputProvider({
  match: (name) => {
    const found = localPath(name) !== undefined;
    if (!found) refused.push(name);
    return found;
  },
  open: (name) => {
    const path = localPath(name);
    return path === undefined ? undefined : openBuffer(readFileSync(path));
  },
  read: readBuffer,
  close: (fd) => {
    closeBuffer(fd);
    return true;
  },
});

const validators = new Map<SchemaName, XsdValidator | DtdValidator>();

/** Compiles a schema once per test file: compiling TTML2 costs far more than validating a document. */
function validator(schema: SchemaName): XsdValidator | DtdValidator {
  const known = validators.get(schema);
  if (known !== undefined) return known;
  const s: { xsd: string; catalog?: string } | { dtd: string } = SCHEMA[schema];
  let compiled: XsdValidator | DtdValidator;
  try {
    if ('dtd' in s) {
      compiled = new DtdValidator(XmlDtd.fromBuffer(readFileSync(join(SCHEMAS, s.dtd))));
    } else {
      catalog = s.catalog === undefined ? new Map() : readCatalog(join(SCHEMAS, s.catalog));
      refused.length = 0;
      const file = join(SCHEMAS, s.xsd);
      const doc = XmlDocument.fromBuffer(readFileSync(file), { url: file });
      try {
        compiled = XsdValidator.fromDoc(doc);
      } finally {
        doc.dispose();
        catalog = new Map();
      }
      if (refused.length > 0) throw new Error(`it reads ${refused.join(', ')}, expected only files under ${SCHEMAS} or URLs its catalog maps there`);
    }
  } catch (error) {
    const why = error instanceof XmlLibError ? lines(error.details) : String(error);
    throw new Error(`the ${schema} schema in ${SCHEMAS} does not compile:\n${why}`, { cause: error });
  }
  validators.set(schema, compiled);
  return compiled;
}

function lines(details: readonly ErrorDetail[]): string {
  return details.map((d) => `${d.file ?? ''}:${d.line}: ${d.message.trim()}`).join('\n');
}

/** The verdict on a document: a document that is not well-formed is invalid too, with the parser's words. */
function validate(parse: () => XmlDocument, schema: SchemaName): Verdict {
  const check = validator(schema);
  let doc: XmlDocument;
  try {
    doc = parse();
  } catch (error) {
    if (error instanceof XmlLibError) return { ok: false, out: lines(error.details) };
    throw error;
  }
  try {
    check.validate(doc);
    return { ok: true, out: '' };
  } catch (error) {
    if (error instanceof XmlLibError) return { ok: false, out: lines(error.details) };
    throw error;
  } finally {
    doc.dispose();
  }
}

/** The verdict on a file. */
export function validateFile(file: string, schema: SchemaName): Verdict {
  return validate(() => XmlDocument.fromBuffer(readFileSync(file), { url: file }), schema);
}

/** The same for text, named `name` in the messages. */
export function validateText(text: string, schema: SchemaName, name = 'document.xml'): Verdict {
  return validate(() => XmlDocument.fromString(text, { url: name }), schema);
}

/** Throws with libxml2's words when the file does not validate, so a failing test says why. */
export function assertValidFile(file: string, schema: SchemaName): void {
  const verdict = validateFile(file, schema);
  if (!verdict.ok) throw new Error(`${file} does not validate against ${schema}:\n${verdict.out}`);
}

export function assertValid(text: string, schema: SchemaName, name?: string): void {
  const verdict = validateText(text, schema, name);
  if (!verdict.ok) throw new Error(`${name ?? 'the document'} does not validate against ${schema}:\n${verdict.out}\n${text.slice(0, 2000)}`);
}
