import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The official schemas, read from ../shared and never copied (see its README for the commands). */
export const SCHEMAS = resolve(process.cwd(), '../shared/schemas');

/** xmllint's arguments per schema, run from the schemas folder, with the XML catalog some of them need offline. */
export const SCHEMA = {
  ttml1: { args: ['--schema', 'ttml1/ttml1.xsd'] },
  ttml2: { args: ['--schema', 'ttml2/ttml2.xsd'] },
  imsc1: { args: ['--schema', 'imsc1/local-xmllint-driver.xsd'] },
  'ebu-tt-d': { args: ['--schema', 'ebu-tt-d/ebutt_d.xsd'], catalog: 'ebu-tt-d/catalog.xml' },
  'dcp-smpte-2014': { args: ['--schema', 'smpte-428-7-dcst/DCDMSubtitle-2014.xsd'] },
  'dcp-interop': { args: ['--schema', 'dcinema-interop-dcsubtitle/DCSubtitle.xsd'] },
  'dcp-interop-mattsson': { args: ['--schema', 'dcinema-interop-dcsubtitle/DCSubtitle.v1.mattsson.xsd'] },
  'xliff-1.2': { args: ['--schema', 'xliff-1.2/xliff-core-1.2-strict.xsd'], catalog: 'xliff-1.2/catalog.xml' },
  'tmx-1.4b': { args: ['--dtdvalid', 'tmx-1.4b/tmx14.dtd'], catalog: 'tmx-1.4b/catalog.xml' },
} as const satisfies Record<string, { args: readonly string[]; catalog?: string }>;

export type SchemaName = keyof typeof SCHEMA;

export interface Verdict {
  ok: boolean;
  code: number;
  out: string;
}

/** xmllint's verdict on a file. CI installs libxml2-utils: a missing xmllint fails, it never skips. */
export function xmllintFile(file: string, schema: SchemaName): Verdict {
  const s: { args: readonly string[]; catalog?: string } = SCHEMA[schema];
  const result = spawnSync('xmllint', ['--noout', '--nonet', ...s.args, file], {
    cwd: SCHEMAS,
    encoding: 'utf8',
    env: s.catalog === undefined ? process.env : { ...process.env, XML_CATALOG_FILES: s.catalog },
  });
  if (result.error) throw new Error(`xmllint could not run (install libxml2-utils): ${result.error.message}`);
  const code = result.status ?? -1;
  return { ok: code === 0, code, out: `${result.stdout}${result.stderr}` };
}

/** The same for text, written to a scratch file named `name`. */
export function xmllintText(text: string, schema: SchemaName, name = 'document.xml'): Verdict {
  const file = join(mkdtempSync(join(tmpdir(), 'subloc-xmllint-')), name);
  writeFileSync(file, text);
  return xmllintFile(file, schema);
}

/** Throws with xmllint's words when the file does not validate, so a failing test says why. */
export function assertValidFile(file: string, schema: SchemaName): void {
  const verdict = xmllintFile(file, schema);
  if (!verdict.ok) throw new Error(`${file} does not validate against ${schema}:\n${verdict.out}`);
}

export function assertValid(text: string, schema: SchemaName, name?: string): void {
  const verdict = xmllintText(text, schema, name);
  if (!verdict.ok) throw new Error(`${name ?? 'the document'} does not validate against ${schema}:\n${verdict.out}\n${text.slice(0, 2000)}`);
}
