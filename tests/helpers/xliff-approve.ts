import { expect } from 'vitest';

/** Sets a trans-unit's target and approves it, as a translator's CAT tool does when they confirm it as final. */
export function approve(xliff: string, cueId: string, text: string): string {
  const unit = new RegExp(`(<trans-unit id="${cueId}"[^>]*)>([\\s\\S]*?)<target[^>]*>[\\s\\S]*?</target>`);
  expect(unit.test(xliff)).toBe(true);
  return xliff.replace(unit, `$1 approved="yes">$2<target state="final">${text}</target>`);
}
