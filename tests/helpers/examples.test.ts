import { describe, expect, it } from 'vitest';
import { itReturns } from './examples.js';

describe('itReturns', () => {
  const calls: number[][] = [];
  const add = (a: number, b: number) => {
    calls.push([a, b]);
    return a + b;
  };
  itReturns('%i plus %i is %i', add, [
    [1, 2, 3],
    [2, 2, 4],
  ]);

  it('ran one test a row, giving the function the row without its expected value', () => {
    expect(calls).toEqual([
      [1, 2],
      [2, 2],
    ]);
  });
});
