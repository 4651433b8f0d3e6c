import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SCHEMAS = join(process.cwd(), '..', 'shared', 'schemas');
export const SMPTE_XSD = 'smpte-428-7-dcst/DCDMSubtitle-2014.xsd';
export const INTEROP_XSD = 'dcinema-interop-dcsubtitle/DCSubtitle.v1.mattsson.xsd';

/** A scratch folder for files xmllint reads; `dispose` in afterAll. */
export function scratch(): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'subloc-dcp-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** xmllint's verdict, run from the schemas folder as its README says; CI installs libxml2-utils. */
export function validate(text: string, schema: string, dir: string, name: string): { ok: boolean; out: string } {
  const file = join(dir, `${name}.xml`);
  writeFileSync(file, text);
  return validateFile(file, schema);
}

export function validateFile(file: string, schema: string): { ok: boolean; out: string } {
  const result = spawnSync('xmllint', ['--noout', '--nonet', '--schema', schema, file], { cwd: SCHEMAS, encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}` };
}
