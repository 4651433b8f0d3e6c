import type { BreakPoint } from './break-points.js';

export interface Layout {
  /** The break points used, in order: one fewer than the lines. */
  breaks: BreakPoint[];
  /** How far the lines go past the maximum width, summed. */
  overflow: number;
}

/** Overflow outweighs every other consideration: a layout that fits always wins. */
const OVERFLOW_WEIGHT = 1e6;
/**
 * What a line costs, in break levels, for being off an even share of the
 * text by the whole share: cubed as a fraction of it, a line a fifth off
 * costs a twelfth of a level and one half off a level and a quarter, so the
 * better place to break wins over evenness (Netflix line treatment), and
 * a line of a word or two beside a full one does not.
 */
const SHAPE_WEIGHT = 10;
/** Ties between mirror-image layouts go to the one with shorter upper lines (a bottom-heavy pyramid). */
const PYRAMID_WEIGHT = 1e-4;

interface Step {
  cost: number;
  previous: number;
}

/**
 * The best way to cut the text into exactly `lineCount` lines at the given
 * break points, by dynamic programming over the break points: each line costs
 * its overflow, its shape (how far it is from an even share of the text,
 * see `SHAPE_WEIGHT`) and the level of the break that ends it. Of two
 * lines, a break one level better wins over evenness until the shorter line
 * is under about half the longer, one 4.5 levels better (after a comma
 * rather than at a plain word boundary) until it is under a quarter of it;
 * between breaks as good the lines are as even as they can be. Linear in
 * the break points for two lines.
 */
export function chooseLayout(
  widthBetween: (from: number, to: number) => number,
  end: number,
  points: readonly BreakPoint[],
  lineCount: number,
  maxWidth: number,
): Layout | undefined {
  if (lineCount < 2 || points.length < lineCount - 1) return undefined;
  const share = widthBetween(0, end) / lineCount;
  const lineCost = (index: number, from: number, to: number): number => {
    const width = widthBetween(from, to);
    // Beyond a whole share (a third line holding the text of two) a line is no worse: the cost stays bounded, below a last resort.
    const off = share > 0 ? Math.min(1, Math.abs(width - share) / share) : 0;
    return OVERFLOW_WEIGHT * Math.max(0, width - maxWidth) + SHAPE_WEIGHT * off ** 3 + PYRAMID_WEIGHT * (lineCount - index) * width;
  };
  // steps[j][i]: the cheapest first j + 1 lines when line j ends at points[i].
  const steps: Step[][] = [];
  steps.push(points.map((p) => ({ cost: lineCost(0, 0, p.at) + p.level, previous: -1 })));
  for (let j = 1; j < lineCount - 1; j++) {
    const prior = steps[j - 1]!;
    steps.push(
      points.map((p, i) => {
        let best: Step = { cost: Infinity, previous: -1 };
        for (let k = 0; k < i; k++) {
          const cost = prior[k]!.cost + lineCost(j, points[k]!.resume, p.at) + p.level;
          if (cost < best.cost) best = { cost, previous: k };
        }
        return best;
      }),
    );
  }
  const last = steps[lineCount - 2]!;
  let bestLast = -1;
  let bestCost = Infinity;
  last.forEach((step, i) => {
    const cost = step.cost + lineCost(lineCount - 1, points[i]!.resume, end);
    if (cost < bestCost) [bestLast, bestCost] = [i, cost];
  });
  if (bestLast < 0) return undefined;
  const breaks: BreakPoint[] = [];
  for (let j = lineCount - 2, i = bestLast; j >= 0 && i >= 0; i = steps[j]![i]!.previous, j--) breaks.unshift(points[i]!);
  let overflow = 0;
  let from = 0;
  for (const p of [...breaks, { at: end, resume: end }]) {
    overflow += Math.max(0, widthBetween(from, p.at) - maxWidth);
    from = p.resume;
  }
  return { breaks, overflow };
}
