import { expect, it } from 'vitest';

/**
 * One test an example of what a pure function returns: each row holds the
 * arguments and, last, the value expected. `title` names each test with the
 * row's values, as `it.each` does, so a failure says which example it was.
 */
export function itReturns<A extends unknown[], R>(title: string, fn: (...args: A) => R, examples: ReadonlyArray<readonly [...A, R]>): void {
  it.each(examples.map((row) => [...row]))(title, (...row) => {
    const args: unknown[] = row.slice(0, -1);
    expect(fn(...(args as A))).toEqual(row.at(-1));
  });
}
