import { describe, expect, it } from 'vitest';
import { importEdges, layerViolations } from './import-graph.js';

const graph = (files: Record<string, string>) => layerViolations(importEdges(new Map(Object.entries(files))));

describe('the import-graph check', () => {
  it('finds imports, type imports, export-from and dynamic import(), with their lines, and skips packages and comments', () => {
    const edges = importEdges(
      new Map([
        [
          'cli/run.ts',
          "import { a } from '../model/a.js';\nimport type { B } from './b.js';\n// import { c } from '../c.js';\nexport { d } from '../formats/d.js';\nimport x from 'node:fs';\nconst e = await import('./commands/e.js');\n",
        ],
      ]),
    );
    expect(edges).toEqual([
      { from: 'cli/run.ts', to: 'model/a.ts', line: 1 },
      { from: 'cli/run.ts', to: 'cli/b.ts', line: 2 },
      { from: 'cli/run.ts', to: 'formats/d.ts', line: 4 },
      { from: 'cli/run.ts', to: 'cli/commands/e.ts', line: 6 },
    ]);
  });

  it('allows imports of the same layer and below', () => {
    expect(
      graph({
        'pipeline/localize.ts': "import { x } from '../review/x.js';\nimport { y } from '../model/y.js';\nimport { z } from './z.js';",
        'qc/run.ts': "import type { G } from '../glossary/types.js';\nimport { SublocError } from '../errors.js';",
        'index.ts': "export { parse } from './formats/parse.js';",
      }),
    ).toEqual([]);
  });

  it('names the file, line and layers of an upward import', () => {
    expect(graph({ 'deliver/tracks.ts': "import { a } from '../model/a.js';\nimport type { S } from '../pipeline/draft-language.js';" })).toEqual([
      'src/deliver/tracks.ts:2: imports src/pipeline/draft-language.ts, a layer above: `deliver` (review, deliver) may import only its own layer or below, not `pipeline` (pipeline)',
    ]);
  });

  it('refuses a folder that no layer holds', () => {
    expect(graph({ 'plugins/server.ts': "import { x } from '../pipeline/x.js';" })[0]).toMatch(/^src\/plugins\/server\.ts:1: `plugins` is in no layer/);
  });

  it('refuses a cycle between groups of one layer, naming an import of each step', () => {
    expect(
      graph({
        'memory/sqlite.ts': "import { unitKey } from '../translate/unit.js';",
        'translate/offline/index.ts': "\nimport type { MemoryStore } from '../../memory/store.js';",
      }),
    ).toEqual(['memory → translate → memory: a cycle within one layer (src/memory/sqlite.ts:1, src/translate/offline/index.ts:2); expected imports one way only']);
  });

  it('refuses a cycle between modules, type imports included, naming each module of it', () => {
    expect(
      graph({
        'pipeline/report.ts': "import type { W } from './write-language.js';",
        'pipeline/write-language.ts': "import { reviewXliffFile } from './review-edits.js';",
        'pipeline/review-edits.ts': "import type { ReviewImport } from './report.js';",
        'pipeline/localize.ts': "import { languageReport } from './report.js';",
      }),
    ).toEqual(['src/pipeline/report.ts → src/pipeline/write-language.ts → src/pipeline/review-edits.ts → src/pipeline/report.ts: modules that import each other (src/pipeline/report.ts:1, src/pipeline/write-language.ts:1, src/pipeline/review-edits.ts:1); expected imports one way only']);
  });
});
