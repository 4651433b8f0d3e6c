// @ts-check
/**
 * What a reviewer changed in a machine draft, as runs of kept, deleted and
 * inserted text. Latin text is compared word by word; CJK, which has no
 * spaces between words, character by character.
 */

/** @typedef {{ op: 'same' | 'del' | 'ins', text: string }} DiffPart */

// One CJK character, a word (letters, digits, marks, joined by ' or -), a run of spaces, or any other single character.
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|[\p{L}\p{N}\p{M}]+(?:['’-][\p{L}\p{N}\p{M}]+)*|\s+|./gsu;

/** @param {string} text */
export function tokens(text) {
  return text.match(TOKEN) ?? [];
}

/**
 * The parts that turn `before` into `after`, from a longest common
 * subsequence of their tokens; neighbouring parts of one kind are joined.
 * @param {string} before
 * @param {string} after
 * @returns {DiffPart[]}
 */
export function diffText(before, after) {
  const a = tokens(before);
  const b = tokens(after);
  // Common ends first: most edits touch a few words, and the table shrinks to what lies between them.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const x = a.slice(head, a.length - tail);
  const y = b.slice(head, b.length - tail);
  // lcs[i][j]: length of the longest common subsequence of x[i..] and y[j..].
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint16Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    const row = /** @type {Uint16Array} */ (lcs[i]);
    const below = /** @type {Uint16Array} */ (lcs[i + 1]);
    for (let j = y.length - 1; j >= 0; j--) {
      row[j] = x[i] === y[j] ? /** @type {number} */ (below[j + 1]) + 1 : Math.max(/** @type {number} */ (below[j]), /** @type {number} */ (row[j + 1]));
    }
  }
  /** @type {DiffPart[]} */
  const ops = [];
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      ops.push({ op: 'same', text: /** @type {string} */ (x[i]) });
      i++;
      j++;
    } else if (i < x.length && (j >= y.length || /** @type {number} */ (lcs[i + 1]?.[j]) >= /** @type {number} */ (lcs[i]?.[j + 1]))) {
      ops.push({ op: 'del', text: /** @type {string} */ (x[i]) });
      i++;
    } else {
      ops.push({ op: 'ins', text: /** @type {string} */ (y[j]) });
      j++;
    }
  }
  return regions([{ op: 'same', text: a.slice(0, head).join('') }, ...ops, { op: 'same', text: a.slice(a.length - tail).join('') }]);
}

/**
 * Token edits joined into what a reader sees: each changed stretch as its
 * deletion, then its insertion ("was → is"), and a lone space between two
 * changes taken into them, so "sixty thousand" is one change, not two.
 * @param {DiffPart[]} ops
 * @returns {DiffPart[]}
 */
function regions(ops) {
  /** @type {DiffPart[]} */
  const parts = [];
  let del = '';
  let ins = '';
  const flush = () => {
    if (del !== '') parts.push({ op: 'del', text: del });
    if (ins !== '') parts.push({ op: 'ins', text: ins });
    del = '';
    ins = '';
  };
  ops.forEach((part, k) => {
    if (part.text === '') return;
    const between = /^\s+$/u.test(part.text) && ops[k - 1]?.op !== 'same' && ops[k + 1] !== undefined && ops[k + 1]?.op !== 'same';
    if (part.op === 'same' && !between) {
      flush();
      const last = parts[parts.length - 1];
      if (last?.op === 'same') last.text += part.text;
      else parts.push({ op: 'same', text: part.text });
    } else {
      if (part.op !== 'ins') del += part.text;
      if (part.op !== 'del') ins += part.text;
    }
  });
  flush();
  return parts;
}
