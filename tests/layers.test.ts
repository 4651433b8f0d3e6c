import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importEdges, layerViolations, readSources } from './helpers/import-graph.js';

describe('layers point down', () => {
  it('has no import of a higher layer, no unplaced folder and no cycle within a layer in src/', () => {
    const src = fileURLToPath(new URL('../src', import.meta.url));
    expect(layerViolations(importEdges(readSources(src)))).toEqual([]);
  });
});
