import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusPath, listCorpus, ms, parseCorpusFile } from './corpus.js';
import { cueText } from '../../../src/model/spans.js';
import type { Cue } from '../../../src/model/track.js';

interface Assertion {
  path: string;
  op: 'equals' | 'truthy' | 'not_equals';
  expected: unknown;
}

/**
 * VTTCue properties the model has no field for, and why they are not
 * asserted. The model keeps what a subtitler says about a cue (edge and
 * side), not the WebVTT box geometry; the settings are still checked below
 * through the placement they map to.
 */
const NOT_CHECKED: Record<string, string> = {
  region: 'regions are not in the model (DESIGN: no region ids); a cue takes the row its REGION stands in (tests/formats/webvtt/read.test.ts)',
  vertical: 'writing direction is not in the model; `vertical:` gives an info diagnostic (asserted below)',
  size: 'the cue box width is not in the model; it only feeds the left/centre/right decision',
  snapToLines: 'line numbers versus percentages are folded into top/middle/bottom (checked through `line`)',
  lineAlign: 'folded into top/middle/bottom (checked through `line`)',
  positionAlign: 'folded into left/centre/right (checked through `position`)',
};

/** Files whose every block is a valid cue by the spec: no error diagnostic allowed. */
const FULLY_VALID = new Set([
  'header-garbage', 'header-space', 'header-tab', 'header-timings', 'ids', 'newlines', 'regions-id', 'regions-lines',
  'regions-old', 'regions-regionanchor', 'regions-scroll', 'regions-viewportanchor', 'settings-align', 'settings-line',
  'settings-multiple', 'settings-position', 'settings-region', 'settings-size', 'settings-vertical', 'signature-bom',
  'signature-no-newline', 'signature-space-no-newline', 'signature-space', 'signature-tab-no-newline', 'signature-tab',
  'signature-timings', 'stylesheets', 'timings-negative', 'timings-omitted-hours',
]);

const PATH = /^cues\[(\d+)\]\.(\w+)(\..+)?$/;

/** The placement the reader gives a cue, by the mapping documented in cue-settings.ts. */
function expectedVertical(line: unknown, snapToLines: unknown, lineAlign: unknown): string {
  if (line === 'auto' || typeof line !== 'number') return 'bottom';
  // Snap-to-lines: the rounded number counts 5vh lines from the top, or from the bottom when negative; the centre of a two-line box decides.
  const n = Math.floor(line + 0.5);
  const centre = snapToLines !== false ? (n >= 0 ? n * 5 + 5 : 100 + (n + 1) * 5 - 5) : lineAlign === 'center' ? line : lineAlign === 'end' ? line - 5 : line + 5;
  return centre < 30 ? 'top' : centre <= 70 ? 'middle' : 'bottom';
}

function expectedHorizontal(align: unknown, position: unknown, positionAlign: unknown, size: unknown): string {
  const a = typeof align === 'string' ? align : 'center';
  const left = a === 'start' || a === 'left';
  const right = a === 'end' || a === 'right';
  if (typeof position !== 'number') return left ? 'left' : right ? 'right' : 'center';
  const anchor = positionAlign === 'line-left' || positionAlign === 'line-right' || positionAlign === 'center' ? positionAlign : left ? 'line-left' : right ? 'line-right' : 'center';
  // The box of the rendering rules: its size clamped to what fits on the side the anchor leaves.
  const room = anchor === 'line-left' ? 100 - position : anchor === 'line-right' ? position : 2 * Math.min(position, 100 - position);
  const width = Math.min(typeof size === 'number' ? size : 100, room);
  const boxLeft = anchor === 'line-left' ? position : anchor === 'line-right' ? position - width : position - width / 2;
  // The text stands at the box's edge it is aligned to, or in its middle.
  const at = left ? boxLeft : right ? boxLeft + width : boxLeft + width / 2;
  return at < 35 ? 'left' : at > 65 ? 'right' : 'center';
}

describe('WPT webvtt file parsing (w3c/webvtt.js copy)', () => {
  const names = listCorpus('w3c-webvtt.js/wpt-file-parsing', (n) => n.endsWith('.vtt')).map((n) => n.slice(0, -4));

  it('has all 37 inputs', () => {
    expect(names).toHaveLength(37);
  });

  it.each(names)('%s', (name) => {
    const { assertions } = JSON.parse(readFileSync(corpusPath('w3c-webvtt.js/wpt-file-parsing-expected', `${name}.expected.json`), 'utf8')) as {
      assertions: Assertion[];
    };
    const { track, diagnostics } = parseCorpusFile('w3c-webvtt.js/wpt-file-parsing', `${name}.vtt`);
    const { cues } = track;

    const byCue = new Map<number, Record<string, unknown>>();
    for (const a of assertions) {
      if (a.path === 'cues.length') {
        expect(cues.length, 'cue count').toBe(a.expected);
        continue;
      }
      const m = PATH.exec(a.path);
      if (!m) throw new Error(`unexpected assertion path ${a.path}`);
      const index = Number(m[1]);
      const prop = m[2]!;
      if (a.op !== 'equals' || m[3] !== undefined) continue;
      const props = byCue.get(index) ?? {};
      props[prop] = a.expected;
      byCue.set(index, props);
    }

    for (const [index, props] of byCue) {
      const cue: Cue | undefined = cues[index];
      expect(cue, `cue ${index}`).toBeDefined();
      if (!cue) continue;
      const where = `${name} cue ${index}`;
      if ('id' in props) expect(cue.id, `${where} id`).toBe(props.id === '' ? String(index + 1) : props.id);
      if (typeof props.text === 'string' && !/[<&]/.test(props.text)) expect(cueText(cue), `${where} text`).toBe(props.text);
      if ('startTime' in props) expect(cue.start, `${where} start`).toBe(ms(props.startTime as number));
      if ('endTime' in props) expect(cue.end, `${where} end`).toBe(ms(props.endTime as number));
      if ('line' in props) {
        expect(cue.placement?.vertical ?? 'bottom', `${where} line ${String(props.line)}`).toBe(
          expectedVertical(props.line, props.snapToLines, props.lineAlign),
        );
      }
      if ('align' in props || 'position' in props) {
        expect(cue.placement?.horizontal ?? 'center', `${where} align/position`).toBe(
          expectedHorizontal(props.align, props.position, props.positionAlign, props.size),
        );
      }
      if (props.vertical === 'rl' || props.vertical === 'lr') {
        expect(diagnostics.some((d) => d.code === 'vtt/setting-dropped' && d.message.includes('vertical:'))).toBe(true);
      }
      for (const prop of Object.keys(props)) {
        if (!['id', 'text', 'startTime', 'endTime', 'line', 'align', 'position'].includes(prop)) expect(NOT_CHECKED).toHaveProperty(prop);
      }
    }

    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (FULLY_VALID.has(name)) expect(errors).toEqual([]);
    for (const d of errors) expect(d.line, d.message).toBeGreaterThan(0);
  });

  it('reports each dropped timing line as an error with its line', () => {
    const { diagnostics } = parseCorpusFile('w3c-webvtt.js/wpt-file-parsing', 'timings-garbage.vtt');
    const dropped = diagnostics.filter((d) => d.code === 'vtt/bad-timing');
    expect(dropped.length).toBeGreaterThanOrEqual(20);
    expect(dropped[0]).toMatchObject({ severity: 'error', line: 3, column: 1 });
    expect(dropped[0]!.message).toContain('expected a digit, found `x`');
  });

  it('reports a cue that ends before it starts, and keeps it', () => {
    const { track, diagnostics } = parseCorpusFile('w3c-webvtt.js/wpt-file-parsing', 'timings-negative.vtt');
    expect(track.cues).toHaveLength(4);
    expect(diagnostics.filter((d) => d.code === 'vtt/end-before-start').map((d) => d.line)).toEqual([6, 9, 12]);
  });
});
