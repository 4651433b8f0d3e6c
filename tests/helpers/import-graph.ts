import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/**
 * The layers of src/, bottom first (DESIGN.md "Layers point down"). A group is
 * a top-level folder of src/ or a file at its root. A module imports only from
 * its own layer or below, so `pipeline` is imported by the entry points alone.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['model', 'errors.ts'],
  ['formats'],
  ['fit', 'qc', 'memory', 'translate', 'glossary', 'timing'],
  ['review', 'deliver'],
  ['pipeline'],
  ['cli', 'studio', 'index.ts'],
];

export interface ImportEdge {
  /** Paths relative to src/, with `/`. */
  from: string;
  to: string;
  line: number;
}

/** Every import, export-from and dynamic import() between modules of one source tree (packages and node: are left out). */
export function importEdges(files: ReadonlyMap<string, string>): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, text] of files) {
    for (const ref of ts.preProcessFile(text, true, true).importedFiles) {
      if (!ref.fileName.startsWith('.')) continue;
      const to = posix.normalize(posix.join(posix.dirname(from), ref.fileName)).replace(/\.js$/, '.ts');
      edges.push({ from, to, line: text.slice(0, ref.pos).split('\n').length });
    }
  }
  return edges;
}

function groupOf(path: string): string {
  return path.split('/')[0]!;
}

function layerOf(group: string): number {
  return LAYERS.findIndex((layer) => layer.includes(group));
}

const where = (edge: ImportEdge) => `src/${edge.from}:${edge.line}`;

/**
 * What breaks the layer rule, one line each: a group no layer holds, an import
 * of a higher layer, a cycle between groups of one layer (fit, qc, memory,
 * translate and glossary may use each other, but not both ways round), and a
 * cycle between modules.
 */
export function layerViolations(edges: readonly ImportEdge[]): string[] {
  const violations: string[] = [];
  const unplaced = new Set<string>();
  for (const edge of edges) {
    for (const group of [groupOf(edge.from), groupOf(edge.to)]) {
      if (layerOf(group) === -1 && !unplaced.has(group)) {
        unplaced.add(group);
        violations.push(`${where(edge)}: \`${group}\` is in no layer; expected one of ${LAYERS.flat().join(', ')} (add it to LAYERS in tests/helpers/import-graph.ts)`);
      }
    }
    const fromLayer = layerOf(groupOf(edge.from));
    const toLayer = layerOf(groupOf(edge.to));
    if (fromLayer !== -1 && toLayer > fromLayer) {
      violations.push(
        `${where(edge)}: imports src/${edge.to}, a layer above: \`${groupOf(edge.from)}\` (${LAYERS[fromLayer]!.join(', ')}) may import only its own layer or below, not \`${groupOf(edge.to)}\` (${LAYERS[toLayer]!.join(', ')})`,
      );
    }
  }
  return [...violations, ...groupCycles(edges), ...moduleCycles(edges)];
}

/** Cycles between different groups of one layer, each with one import that makes every step. */
function groupCycles(edges: readonly ImportEdge[]): string[] {
  const step = new Map<string, Map<string, ImportEdge>>();
  for (const edge of edges) {
    const [a, b] = [groupOf(edge.from), groupOf(edge.to)];
    if (a === b || layerOf(a) !== layerOf(b) || layerOf(a) === -1) continue;
    const next = step.get(a) ?? new Map<string, ImportEdge>();
    if (!next.has(b)) next.set(b, edge);
    step.set(a, next);
  }
  const cycles: string[] = [];
  const seen = new Set<string>();
  const walk = (path: string[]): void => {
    for (const b of step.get(path.at(-1)!)?.keys() ?? []) {
      if (b === path[0]) {
        const groups = [...path, b];
        const key = [...path].sort().join(' ');
        if (seen.has(key)) continue;
        seen.add(key);
        const steps = groups.slice(0, -1).map((g, i) => where(step.get(g)!.get(groups[i + 1]!)!));
        cycles.push(`${groups.join(' → ')}: a cycle within one layer (${steps.join(', ')}); expected imports one way only`);
      } else if (!path.includes(b)) walk([...path, b]);
    }
  };
  for (const group of step.keys()) walk([group]);
  return cycles;
}

/** One cycle of each set of modules that import each other (Tarjan's strongly connected components), the shortest through its first module. */
function moduleCycles(edges: readonly ImportEdge[]): string[] {
  const out = new Map<string, ImportEdge[]>();
  for (const edge of edges) out.set(edge.from, [...(out.get(edge.from) ?? []), edge]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: Set<string>[] = [];
  const connect = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const { to } of out.get(v) ?? []) {
      if (!index.has(to)) {
        connect(to);
        low.set(v, Math.min(low.get(v)!, low.get(to)!));
      } else if (stack.includes(to)) low.set(v, Math.min(low.get(v)!, index.get(to)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component = new Set<string>();
    for (let w = stack.pop(); w !== undefined; w = w === v ? undefined : stack.pop()) component.add(w);
    if (component.size > 1 || (out.get(v) ?? []).some((e) => e.to === v)) components.push(component);
  };
  for (const file of out.keys()) if (!index.has(file)) connect(file);
  return components.map((members) => {
    const start = [...out.keys()].find((f) => members.has(f))!;
    const via = new Map<string, ImportEdge>();
    const queue = [start];
    let closing: ImportEdge | undefined;
    for (let i = 0; i < queue.length && !closing; i++) {
      for (const edge of out.get(queue[i]!) ?? []) {
        if (edge.to === start) {
          closing = edge;
          break;
        }
        if (members.has(edge.to) && !via.has(edge.to)) {
          via.set(edge.to, edge);
          queue.push(edge.to);
        }
      }
    }
    const steps = [closing!];
    while (steps[0]!.from !== start) steps.unshift(via.get(steps[0]!.from)!);
    return `${[start, ...steps.map((e) => e.to)].map((f) => `src/${f}`).join(' → ')}: modules that import each other (${steps.map(where).join(', ')}); expected imports one way only`;
  });
}

/** The .ts files under a folder, by path relative to it. */
export function readSources(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith('.ts')) files.set(relative(root, path).split(sep).join('/'), readFileSync(path, 'utf8'));
    }
  };
  visit(root);
  return files;
}
