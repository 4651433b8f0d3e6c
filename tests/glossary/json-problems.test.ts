import { describe, expect, it } from 'vitest';
import { SublocError } from '../../src/errors.js';
import { parseJsonObject, placeOf, throwProblems, type JsonFileKind } from '../../src/glossary/json-problems.js';
import { parseJson } from '../../src/formats/shared/json-source.js';

const kind: JsonFileKind = { error: 'CONFIG_INVALID', code: 'test/invalid', notObject: (found) => `the file must be an object, found ${JSON.stringify(found)}` };

function thrown(run: () => unknown): SublocError {
  try {
    run();
  } catch (e) {
    if (e instanceof SublocError) return e;
    throw e;
  }
  throw new Error('nothing thrown');
}

const problems = Array.from({ length: 4 }, (_, k) => ({ text: `problem ${k + 1}`, at: { line: k + 2, column: 3 } }));

describe('throwProblems', () => {
  it('lists every problem as file:line:column, each a diagnostic, the error on the first one’s line', () => {
    const e = thrown(() => throwProblems('a.json', problems, kind));
    expect(e).toMatchObject({ code: 'CONFIG_INVALID', file: 'a.json', line: 2 });
    expect(e.message.split('\n')).toEqual(['a.json:2:3: problem 1', 'a.json:3:3: problem 2', 'a.json:4:3: problem 3', 'a.json:5:3: problem 4']);
    expect(e.diagnostics.map((d) => [d.code, d.severity, d.message, d.line, d.column])).toEqual(problems.map((p) => ['test/invalid', 'error', p.text, p.at.line, 3]));
  });

  it.each([
    [2, ['a.json:2:3: problem 1', 'a.json:3:3: problem 2', '… and 2 more problems']],
    [3, ['a.json:2:3: problem 1', 'a.json:3:3: problem 2', 'a.json:4:3: problem 3', '… and 1 more problem']],
    [4, ['a.json:2:3: problem 1', 'a.json:3:3: problem 2', 'a.json:4:3: problem 3', 'a.json:5:3: problem 4']],
  ])('lists at most `listed` (%i) problems in the message, and every one as a diagnostic', (listed, lines) => {
    const e = thrown(() => throwProblems('a.json', problems, { ...kind, listed }));
    expect(e.message.split('\n')).toEqual(lines);
    expect(e.diagnostics).toHaveLength(4);
  });
});

describe('parseJsonObject', () => {
  it('throws bad JSON as the file’s one problem, where the reader stopped', () => {
    const e = thrown(() => parseJsonObject('{\n  "a": }', 'a.json', kind));
    expect(e.message).toBe('a.json:2:8: not valid JSON: expected a value, found `}`');
  });

  it('throws a top-level value other than an object at the start of the file', () => {
    expect(thrown(() => parseJsonObject('\n[1]', 'a.json', kind)).message).toBe('a.json:1:1: the file must be an object, found [1]');
  });
});

describe('placeOf', () => {
  const doc = parseJson('{\n  "a": {\n    "b": 1\n  }\n}');

  it.each([
    ['value', ['a', 'b'], { line: 3, column: 10 }],
    ['key', ['a', 'b'], { line: 3, column: 5 }],
    ['parent', ['a', 'b'], { line: 2, column: 8 }],
    ['value', ['a', 'missing'], { line: 2, column: 8 }],
    ['key', ['missing', 'deeper'], { line: 1, column: 1 }],
  ] as const)('points a problem about the %s of %j at %j', (place, path, position) => {
    expect(placeOf(doc, path, place)).toEqual(position);
  });
});
