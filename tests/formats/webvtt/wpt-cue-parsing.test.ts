import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, parseCorpusFile } from './corpus.js';
import { span, splitLines } from '../../../src/model/spans.js';
import type { Span } from '../../../src/model/track.js';

/** The WebVTT default colour classes; other classes carry no colour without a STYLE block. */
const COLOR_CLASSES = new Set(['white', 'lime', 'cyan', 'red', 'yellow', 'magenta', 'blue', 'black']);

interface TreeNode {
  kind: 'text' | 'element' | 'timestamp';
  name: string;
  text: string;
  classes: string[];
  children: TreeNode[];
}

/**
 * Reads the WPT tree dump (`| <i>`, `|   "text"`, `|   class="a b"`): two
 * spaces of indent a level; a text node may run over several lines.
 */
function parseTree(dump: string): TreeNode[] {
  const root: TreeNode = { kind: 'element', name: '#root', text: '', classes: [], children: [] };
  const stack: Array<{ node: TreeNode; depth: number }> = [{ node: root, depth: -1 }];
  const rows = dump.split('\n');
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    if (!row.startsWith('| ')) continue;
    const body = row.slice(2);
    const depth = (body.length - body.trimStart().length) / 2;
    let item = body.trimStart();
    while (stack[stack.length - 1]!.depth >= depth) stack.pop();
    const parent = stack[stack.length - 1]!.node;
    if (item.startsWith('"')) {
      while (item.length < 2 || !item.endsWith('"')) item += `\n${rows[++r]}`;
      parent.children.push({ kind: 'text', name: '', text: item.slice(1, -1), classes: [], children: [] });
    } else if (item.startsWith('<?timestamp')) {
      parent.children.push({ kind: 'timestamp', name: '', text: '', classes: [], children: [] });
    } else if (item.startsWith('<')) {
      const node: TreeNode = { kind: 'element', name: item.slice(1, -1), text: '', classes: [], children: [] };
      parent.children.push(node);
      stack.push({ node, depth });
    } else if (item.startsWith('class="')) {
      parent.classes = item.slice(7, -1).split(' ');
    }
  }
  return root.children;
}

/** What the model can say about a tree: visible text with italic, bold, underline and colour. */
function expectedLines(nodes: TreeNode[]): Span[][] {
  const spans: Span[] = [];
  const walk = (list: TreeNode[], style: Omit<Span, 'text'>, hidden: boolean): void => {
    for (const node of list) {
      if (node.kind === 'text' && !hidden) spans.push(span(node.text, style));
      if (node.kind !== 'element') continue;
      const child = { ...style };
      if (node.name === 'i') child.italic = true;
      if (node.name === 'b') child.bold = true;
      if (node.name === 'u') child.underline = true;
      for (const c of node.classes) if (COLOR_CLASSES.has(c)) child.color = c;
      walk(node.children, child, hidden || node.name === 'rt');
    }
  };
  walk(nodes, {}, false);
  const lines = splitLines(spans);
  while (lines.length > 0 && lines[0]!.length === 0) lines.shift();
  while (lines.length > 0 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}

/**
 * Not compared, because the model has no place for them: `<v>` titles,
 * `<lang>` languages, classes other than the colour classes, ruby
 * annotations (`<rt>` text is dropped on purpose, with an info diagnostic)
 * and timestamp tags. Element boundaries themselves are not compared either:
 * only the styled text they produce.
 */
describe('WPT webvtt cue text parsing (w3c/webvtt.js copy)', () => {
  const files = ['tags', 'entities', 'text', 'timestamps', 'tree-building'];

  describe.each(files)('%s', (name) => {
    const cases = JSON.parse(readFileSync(corpusPath('w3c-webvtt.js/wpt-cue-parsing', `${name}.json`), 'utf8')) as Array<{
      text: string;
      expectedTree: string;
    }>;
    const { track, diagnostics } = parseCorpusFile('w3c-webvtt.js/wpt-cue-parsing', `${name}.vtt`);

    // text.json's last case is `text1\n\ntext2`, which the spec cuts after `text1`: the lost `text2` is an error.
    it('parses without error diagnostics but the lost text after a blank line', () => {
      const errors = diagnostics.filter((d) => d.severity === 'error');
      expect(errors.map((d) => d.code)).toEqual(name === 'text' ? ['vtt/orphan-text'] : []);
    });

    // Each case is the cue starting at second i (the generator wrote `00:ii.000`).
    it.each(cases.map((c, i) => [i, c.text, c.expectedTree] as const))('case %i: %j', (i, _text, tree) => {
      const cue = track.cues.find((c) => c.start === i * 1000);
      expect(cue).toBeDefined();
      expect(cue!.lines).toEqual(expectedLines(parseTree(tree)));
    });
  });

  it('reports what it drops: ruby annotations, voices, timestamp tags, classes without colour', () => {
    const codes = (name: string) => parseCorpusFile('w3c-webvtt.js/wpt-cue-parsing', `${name}.vtt`).diagnostics.map((d) => d.code);
    expect(codes('tree-building')).toContain('vtt/ruby-dropped');
    expect(codes('tags')).toEqual(expect.arrayContaining(['vtt/ruby-dropped', 'vtt/voice-dropped', 'vtt/class-ignored']));
    expect(codes('timestamps')).toContain('vtt/timestamp-tag-dropped');
  });
});
