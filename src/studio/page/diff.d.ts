/** Types of diff.js for the tests that import it from TypeScript (the page itself is plain JavaScript). */
export interface DiffPart {
  op: 'same' | 'del' | 'ins';
  text: string;
}
export function tokens(text: string): string[];
export function diffText(before: string, after: string): DiffPart[];
