import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCHEMA, SCHEMAS, validateFile, validateText, type SchemaName } from './schemas.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
const IMSC = join(corpus, 'w3c-imsc-tests/imsc1/ttml/misc/cumulative-words-001.ttml');
const RUBY = join(corpus, 'w3c-imsc-tests/imsc1_1/ttml/ruby/ruby001.ttml');
const EBU = join(corpus, 'irt-ebu-tt-d-application-samples/ttml/backgroundColor-region-p-span-001-ttml.xml');
const VZANI = join(corpus, 'cth103-libdcp/data/subtitles_with_vZani.xml');

interface Case {
  valid: string;
  /** A file the schema rejects, or the valid file with one edit that the schema rejects. */
  invalid: string | ((valid: string) => string);
  because: RegExp;
}

/**
 * For every schema: a file that the schemas README's xmllint commands accept and one they reject, so
 * the validator is seen to pass and to fail, with the same verdicts as Debian's xmllint, offline.
 */
const CASES: Record<SchemaName, Case> = {
  ttml1: { valid: IMSC, invalid: join(corpus, 'w3c-imsc-tests/imsc1/ttml/foreign/Foreign001.ttml'), because: /Foreign001\.ttml:\d+: .*not expected/ },
  ttml2: { valid: RUBY, invalid: (t) => t.replace('tts:ruby="container"', 'tts:ruby="box"'), because: /ruby'.*'box' is not an element of the set/ },
  // The driver reaches TTML1 in the sibling folder: a TTML1 value is checked through it.
  imsc1: { valid: IMSC, invalid: (t) => t.replace('ttp:timeBase="media"', 'ttp:timeBase="bogus"'), because: /timeBase.*'bogus'/ },
  'ebu-tt-d': { valid: EBU, invalid: (t) => t.replace(' ttp:timeBase="media"', ''), because: /timeBase/ },
  'dcp-smpte-2014': { valid: VZANI, invalid: (t) => t.replace(/<Id>urn:uuid:[^<]*<\/Id>/, '<Id>urn:uuid:not-a-uuid</Id>'), because: /DCST}Id'.*'urn:uuid:not-a-uuid' is not accepted/ },
  'dcp-interop': { valid: join(corpus, 'cth103-libdcp/data/subs1.xml'), invalid: join(corpus, 'cth103-libdcp/data/subs2.xml'), because: /SubtitleID/ },
  'dcp-interop-mattsson': { valid: join(corpus, 'cth103-libdcp/data/subs1.xml'), invalid: join(corpus, 'cth103-libdcp/data/subs2.xml'), because: /SubtitleID/ },
  'xliff-1.2': {
    valid: join(SCHEMAS, 'xliff-1.2/samples/symfony-validator/validators.de.xlf'),
    invalid: join(SCHEMAS, 'xliff-1.2/samples/locize-xliff/example_multi12.xliff'),
    because: /targe-language/,
  },
  'tmx-1.4b': {
    valid: join(SCHEMAS, 'tmx-1.4b/samples/openxliff/OpenXLIFF_Java_es.tmx'),
    invalid: join(SCHEMAS, 'tmx-1.4b/samples/rus-ltc/new_rltc2demultiplicate.tmx'),
    because: /header does not carry attribute o-tmf/,
  },
};

describe('schema validation without a system xmllint', () => {
  it('has a passing and a failing case for every schema in the table', () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(SCHEMA).sort());
  });

  it.each(Object.entries(CASES) as [SchemaName, Case][])('%s accepts its valid file and rejects the broken one, saying why', (schema, c) => {
    expect(validateFile(c.valid, schema)).toEqual({ ok: true, out: '' });
    const rejected = typeof c.invalid === 'string' ? validateFile(c.invalid, schema) : validateText(c.invalid(readFileSync(c.valid, 'utf8')), schema, 'edited.xml');
    expect(rejected.ok).toBe(false);
    expect(rejected.out).toMatch(c.because);
  });

  it('reports a document that is not well-formed as invalid, with its line', () => {
    const verdict = validateText('<?xml version="1.0"?>\n<tt xml:lang="en">\n<body></tt>', 'ttml1', 'broken.ttml');
    expect(verdict.ok).toBe(false);
    expect(verdict.out).toMatch(/^broken\.ttml:3: /m);
  });
});
