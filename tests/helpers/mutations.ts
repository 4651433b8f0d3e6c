import iconv from 'iconv-lite';

/** mulberry32: a small seeded generator, so every damaged input can be made again from its seed. */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces a damaged or malicious file may hold: markup, controls, separators, expansions, huge numbers. */
export const HOSTILE_PIECES: readonly string[] = [
  '\0',
  '\r',
  '\ufeff',
  '\u2028',
  '-->',
  '<',
  '&',
  ']]>',
  '<!DOCTYPE x [<!ENTITY a "&a;&a;">]>',
  '9'.repeat(10_000),
  '99:99:99,999',
  '<i>',
  '<span>',
  `<p a="${'x'.repeat(100_000)}">`,
  '&#x110000;',
  '&#99999999999;',
  '\n\n',
  '00:00:02,000 --> 00:00:01,000\n',
];

/** What a digit run in the file becomes: numbers no time, rate or index can hold, and edge values. */
const NUMBERS: readonly string[] = ['9'.repeat(10_000), '9'.repeat(400), '9'.repeat(20), '0', '-1', '1e400'];

export interface Mutant {
  /** How to make it again, e.g. `insert@120 "-->"`. */
  label: string;
  bytes: Uint8Array;
}

type Mutation = (bytes: Buffer, random: () => number) => Mutant;

const int = (random: () => number, n: number): number => Math.floor(random() * n);
const join = (...parts: Uint8Array[]): Buffer => Buffer.concat(parts);

/** One mutation each; a mutant is a few of them applied in turn. */
const MUTATIONS: readonly Mutation[] = [
  (b, r) => {
    const at = int(r, b.length + 1);
    return { label: `truncate@${at}`, bytes: b.subarray(0, at) };
  },
  (b, r) => {
    const at = int(r, b.length);
    const copy = Buffer.from(b);
    const bit = 1 << int(r, 8);
    if (at < copy.length) copy[at] = copy[at]! ^ bit;
    return { label: `flip@${at}^${bit}`, bytes: copy };
  },
  (b, r) => {
    const at = int(r, b.length + 1);
    const length = 1 + int(r, 64);
    return { label: `delete@${at}+${length}`, bytes: join(b.subarray(0, at), b.subarray(at + length)) };
  },
  (b, r) => {
    const at = int(r, b.length + 1);
    const length = 1 + int(r, 64);
    return { label: `duplicate@${at}+${length}`, bytes: join(b.subarray(0, at + length), b.subarray(at, at + length), b.subarray(at + length)) };
  },
  (b, r) => {
    const length = 1 + int(r, 32);
    const x = int(r, Math.max(1, b.length - 2 * length));
    const y = Math.min(b.length - length, x + length + int(r, Math.max(1, b.length - x - 2 * length)));
    if (y < x + length) return { label: 'swap (too short)', bytes: b };
    const swapped = join(b.subarray(0, x), b.subarray(y, y + length), b.subarray(x + length, y), b.subarray(x, x + length), b.subarray(y + length));
    return { label: `swap@${x},${y}+${length}`, bytes: swapped, at: x };
  },
  (b, r) => {
    const at = int(r, b.length + 1);
    const piece = HOSTILE_PIECES[int(r, HOSTILE_PIECES.length)]!;
    return { label: `insert@${at} ${describe(piece)}`, bytes: join(b.subarray(0, at), Buffer.from(piece, 'utf8'), b.subarray(at)) };
  },
  (b, r) => {
    const runs = [...b.toString('latin1').matchAll(/\d+/g)];
    const run = runs[int(r, runs.length)];
    if (!run) return { label: 'digits (none)', bytes: b };
    const number = NUMBERS[int(r, NUMBERS.length)]!;
    const at = run.index;
    return { label: `digits@${at} ${run[0]}→${describe(number)}`, bytes: join(b.subarray(0, at), Buffer.from(number), b.subarray(at + run[0].length)) };
  },
];

function describe(piece: string): string {
  const shown = piece.length > 24 ? `${piece.slice(0, 12)}…(${piece.length} chars)` : piece;
  return JSON.stringify(shown);
}

/** `count` mutants of `bytes`, each one to three mutations, the same for the same seed. */
export function mutants(bytes: Uint8Array, seed: number, count: number): Mutant[] {
  const random = seeded(seed);
  const original = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: count }, () => {
    let current = original;
    const labels: string[] = [];
    for (let steps = 1 + int(random, 3); steps > 0; steps--) {
      const m = MUTATIONS[int(random, MUTATIONS.length)]!(current, random);
      labels.push(m.label);
      current = Buffer.from(m.bytes);
    }
    return { label: labels.join(' ; '), bytes: current };
  });
}

/**
 * The same text in the encodings subtitle files arrive in, each cut
 * mid-sequence too: UTF-16 LE/BE with and without a BOM, GB18030.
 */
export function reencodings(text: string): Mutant[] {
  const out: Mutant[] = [];
  for (const encoding of ['utf-16le', 'utf-16be', 'gb18030']) {
    const body = iconv.encode(text, encoding, { addBOM: false });
    const variants: Array<[string, Buffer]> = [[encoding, body]];
    if (encoding !== 'gb18030') variants.push([`${encoding} with BOM`, iconv.encode(text, encoding, { addBOM: true })]);
    for (const [label, bytes] of variants) {
      out.push({ label, bytes });
      // An odd cut ends mid code unit; a cut after the first non-ASCII lead byte ends mid character.
      const lead = bytes.findIndex((x) => x >= 0x81);
      const cut = lead > 0 ? lead + 1 : bytes.length - 1;
      out.push({ label: `${label} cut@${cut}`, bytes: bytes.subarray(0, cut) });
      const half = (bytes.length >> 1) | 1;
      out.push({ label: `${label} cut@${half}`, bytes: bytes.subarray(0, half) });
    }
  }
  return out;
}

/** The bytes around `at`, for a failure message that shows the damage without the whole file. */
export function around(bytes: Uint8Array, at: number, radius = 40): string {
  const from = Math.max(0, at - radius);
  const slice = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(from, Math.min(bytes.length, at + radius));
  return `bytes ${from}–${from + slice.length} of ${bytes.length}: ${JSON.stringify(slice.toString('latin1')).slice(0, 400)}`;
}

/**
 * A few damages picked by hand, for readers slower or fewer than the subtitle
 * formats: cuts (one mid-character), every hostile piece at the middle, and the
 * text in UTF-16.
 */
export function handPicked(bytes: Uint8Array): Mutant[] {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const middle = b.length >> 1;
  const multiByte = b.findIndex((x, i) => i > middle && x >= 0xc0);
  const cuts = [b.length >> 2, middle, multiByte < 0 ? b.length - 1 : multiByte + 1];
  return [
    ...cuts.map((at) => ({ label: `truncate@${at}`, bytes: b.subarray(0, at) })),
    ...HOSTILE_PIECES.map((piece) => ({ label: `insert@${middle} ${describe(piece)}`, bytes: Buffer.concat([b.subarray(0, middle), Buffer.from(piece, 'utf8'), b.subarray(middle)]) })),
    ...reencodings(b.toString('utf8')).filter((m) => m.label.startsWith('utf-16')),
  ];
}

/**
 * What goes wrong when each damaged copy of `bytes` is read (the hand-picked
 * damages, then `count` seeded mutants), a line each naming the damage:
 * `read` returns a problem or undefined, and a throw is a problem unless
 * `refusal` says it is the reader's own way of saying no.
 */
export async function damagedReads(
  bytes: Uint8Array,
  count: number,
  read: (damaged: Uint8Array) => string | undefined | Promise<string | undefined>,
  refusal: (error: unknown) => boolean = () => false,
): Promise<string[]> {
  const found: string[] = [];
  for (const m of [...handPicked(bytes), ...mutants(bytes, 1206, count)]) {
    let problem: string | undefined;
    try {
      problem = await read(m.bytes);
    } catch (error) {
      if (!refusal(error)) problem = `threw ${String(error).slice(0, 200)}`;
    }
    if (problem !== undefined) found.push(`[${m.label}] ${problem}`);
  }
  return found;
}
