import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  GLOSSARY_FIELDS,
  GLOSSARY_REQUIRED,
  PATTERNS,
  RENDERING_FIELDS,
  RENDERING_REQUIRED,
  TERM_FIELDS,
  TERM_REQUIRED,
} from '../../src/glossary/fields.js';
import { parseGlossary } from '../../src/glossary/load.js';
import { bundledText, ROOT } from './helpers.js';
import { validate } from './json-schema-subset.js';

type Obj = Record<string, unknown>;
const schema = JSON.parse(readFileSync(join(ROOT, 'glossary.schema.json'), 'utf8')) as Obj;
const defs = schema.$defs as Record<string, Obj>;
const keys = (o: unknown) => Object.keys(o as Obj).sort();

describe('glossary.schema.json', () => {
  it('is a JSON Schema 2020-12 document', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
  });

  it('accepts the bundled glossary', () => {
    expect(validate(schema as Obj, JSON.parse(bundledText()))).toEqual([]);
  });

  it('refuses what the loader refuses (spot checks)', () => {
    const base = JSON.parse(bundledText()) as { terms: Obj[] };
    const bad = structuredClone(base);
    (bad.terms[1]!.targets as Record<string, Obj>)['fr-FR']!.preferred = 42;
    bad.terms[2]!.id = 'Bad Id';
    delete bad.terms[3]!.targets;
    (bad.terms[4]!.targets as Obj)['en_US'] = { preferred: 'x' };
    bad.terms[5]!.extra = true;
    expect(validate(schema as Obj, bad)).toEqual([
      '$.terms[1].targets.fr-FR.preferred: expected string, found integer',
      '$.terms[2].id: "Bad Id" does not match ^[a-z0-9]+(-[a-z0-9]+)*$',
      '$.terms[3]: missing targets',
      '$.terms[4].targets.en_US (name): "en_US" does not match ^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$',
      '$.terms[5].extra: not allowed',
    ]);
    expect(() => parseGlossary(JSON.stringify(bad), 'x.json')).toThrow(/terms\[1\] .*\n.*terms\[2\]/);
  });

  // The schema and the loader are written separately; these tests keep them the same.
  it('names the same top-level, term and rendering fields as the loader', () => {
    expect(keys(schema.properties)).toEqual([...GLOSSARY_FIELDS].sort());
    expect(keys(defs.term!.properties)).toEqual([...TERM_FIELDS].sort());
    expect(keys(defs.rendering!.properties)).toEqual([...RENDERING_FIELDS].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(defs.term!.additionalProperties).toBe(false);
    expect(defs.rendering!.additionalProperties).toBe(false);
  });

  it('requires the same fields as the loader', () => {
    expect([...(schema.required as string[])].sort()).toEqual([...GLOSSARY_REQUIRED].sort());
    expect([...(defs.term!.required as string[])].sort()).toEqual([...TERM_REQUIRED].sort());
    expect([...(defs.rendering!.required as string[])].sort()).toEqual([...RENDERING_REQUIRED].sort());
  });

  it('uses the same patterns as the loader', () => {
    const termProps = defs.term!.properties as Record<string, Obj>;
    expect(termProps.id!.pattern).toBe(PATTERNS.id);
    expect(defs.form!.pattern).toBe(PATTERNS.form);
    expect(defs.languageTag!.pattern).toBe(PATTERNS.languageTag);
    expect((termProps.sources!.items as Obj).pattern).toBe(PATTERNS.sourceId);
  });

  it('every field the loader accepts is accepted by the schema, and the reverse', () => {
    const full = {
      $schema: './glossary.schema.json',
      version: 1,
      sourceLanguage: 'zh-Hans',
      note: 'n',
      terms: [
        {
          id: 'work-order',
          source: '工单',
          variants: ['工作单'],
          targets: { 'en-US': { preferred: 'work order', allowed: ['case'], forbidden: ['job sheet'], note: 'S27' } },
          doNotTranslate: false,
          caseSensitive: true,
          note: 'n',
          sources: ['S27', 'SEED'],
        },
      ],
    };
    expect(validate(schema as Obj, full)).toEqual([]);
    expect(() => parseGlossary(JSON.stringify(full), 'full.json')).not.toThrow();
  });
});
