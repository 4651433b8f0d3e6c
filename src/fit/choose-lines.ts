import type { BreakPoint } from './break-points.js';

export interface Layout {
  /** The break points used, in order: one fewer than the lines. */
  breaks: BreakPoint[];
  /** How far the lines go past the maximum width, summed. */
  overflow: number;
}

/** Overflow outweighs every other consideration: a layout that fits always wins. */
const OVERFLOW_WEIGHT = 1e6;
/** Ties between mirror-image layouts go to the one with shorter upper lines (a bottom-heavy pyramid). */
const PYRAMID_WEIGHT = 1e-4;

interface Step {
  cost: number;
  previous: number;
}

/**
 * The best way to cut the text into exactly `lineCount` lines at the given
 * break points, by dynamic programming over the break points: each line costs
 * its overflow, its distance from an even share of the text and the quality
 * of the break that ends it. A break's quality is worth `maxWidth / 7` per
 * level: on a 42-character line, a break after a comma is taken over a plain
 * word boundary while it leaves the lines up to 27 characters less even
 * than the plain break would, over a break before a preposition up to 18.
 * Linear in the break points for two lines.
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
  const levelWeight = maxWidth / 7;
  const lineCost = (index: number, from: number, to: number): number => {
    const width = widthBetween(from, to);
    return (
      OVERFLOW_WEIGHT * Math.max(0, width - maxWidth) + Math.abs(width - share) + PYRAMID_WEIGHT * (lineCount - index) * width
    );
  };
  // steps[j][i]: the cheapest first j + 1 lines when line j ends at points[i].
  const steps: Step[][] = [];
  steps.push(points.map((p) => ({ cost: lineCost(0, 0, p.at) + levelWeight * p.level, previous: -1 })));
  for (let j = 1; j < lineCount - 1; j++) {
    const prior = steps[j - 1]!;
    steps.push(
      points.map((p, i) => {
        let best: Step = { cost: Infinity, previous: -1 };
        for (let k = 0; k < i; k++) {
          const cost = prior[k]!.cost + lineCost(j, points[k]!.resume, p.at) + levelWeight * p.level;
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
