/**
 * Exact non-negative times in seconds as fractions, so frame and tick times
 * add up and round to the millisecond without float drift. Reduced, except
 * whole milliseconds (`ms`); nothing compares them field by field.
 */
export interface Rat {
  readonly n: number;
  readonly d: number;
}

export const ZERO: Rat = { n: 0, d: 1 };
/** An indefinite time: an end nothing in the document resolves. */
export const INDEFINITE: Rat = { n: Infinity, d: 1 };

const INT32 = 0x7fffffff;

function gcd(a: number, b: number): number {
  // A float remainder is a library call; times in milliseconds fit 32-bit integers.
  if (Math.abs(a) <= INT32 && Math.abs(b) <= INT32) {
    let x = a | 0;
    let y = b | 0;
    while (y !== 0) {
      const r = x % y | 0;
      x = y;
      y = r;
    }
    return Math.abs(x);
  }
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return Math.abs(a);
}

function bigGcd(a: bigint, b: bigint): bigint {
  while (b !== 0n) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
}

/**
 * A whole number of milliseconds, the unit of nearly every clock time, left
 * unreduced: the arithmetic here takes any fraction, and `toMs` reads it back at once.
 */
export function ms(n: number): Rat {
  return n === 0 ? ZERO : { n, d: 1000 };
}

export function rat(n: number, d = 1): Rat {
  if (d === 1 || n === 0) return n === 0 ? ZERO : { n, d: 1 };
  const g = gcd(n, d);
  return { n: n / g, d: d / g };
}

const SAFE = Number.MAX_SAFE_INTEGER;

function fromBig(n: bigint, d: bigint): Rat {
  const g = bigGcd(n, d);
  return { n: Number(n / g), d: Number(d / g) };
}

export function isIndefinite(a: Rat): boolean {
  return a.n === Infinity;
}

export function add(a: Rat, b: Rat): Rat {
  if (a.n === Infinity || b.n === Infinity) return INDEFINITE;
  // Most times count from a container that begins at zero.
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  if (a.d === b.d) return rat(a.n + b.n, a.d);
  const x = a.n * b.d;
  const y = b.n * a.d;
  const d = a.d * b.d;
  if (x <= SAFE && y <= SAFE && d <= SAFE && x + y <= SAFE) return rat(x + y, d);
  return fromBig(BigInt(a.n) * BigInt(b.d) + BigInt(b.n) * BigInt(a.d), BigInt(a.d) * BigInt(b.d));
}

export function mul(a: Rat, n: number, d = 1): Rat {
  if (a.n === Infinity) return INDEFINITE;
  const x = a.n * n;
  const y = a.d * d;
  if (x <= SAFE && y <= SAFE) return rat(x, y);
  return fromBig(BigInt(a.n) * BigInt(n), BigInt(a.d) * BigInt(d));
}

export function cmp(a: Rat, b: Rat): number {
  if (a.n === Infinity || b.n === Infinity) return a.n === b.n ? 0 : a.n === Infinity ? 1 : -1;
  if (a.d === b.d) return a.n - b.n;
  const x = a.n * b.d;
  const y = b.n * a.d;
  if (x <= SAFE && y <= SAFE) return x - y;
  const bx = BigInt(a.n) * BigInt(b.d);
  const by = BigInt(b.n) * BigInt(a.d);
  return bx === by ? 0 : bx < by ? -1 : 1;
}

export function min(a: Rat, b: Rat): Rat {
  return cmp(a, b) <= 0 ? a : b;
}

export function max(a: Rat, b: Rat): Rat {
  return cmp(a, b) >= 0 ? a : b;
}

/** Nearest millisecond, halves up: the same rounding as `framesToMs`. */
export function toMs(a: Rat): number {
  if (a.d === 1000) return integer(a.n);
  const x = a.n * 2000 + a.d;
  const y = 2 * a.d;
  if (x <= SAFE) {
    // Float division can land one off when the quotient is a hair below an integer.
    let q = Math.floor(x / y);
    if (q * y > x) q--;
    else if ((q + 1) * y <= x) q++;
    return integer(q);
  }
  return Number((BigInt(a.n) * 2000n + BigInt(a.d)) / (2n * BigInt(a.d)));
}

/**
 * A whole number typed as one for the engine: times computed in floating point
 * would otherwise be stored boxed, two heap numbers in every cue of the track.
 */
function integer(n: number): number {
  return n <= INT32 ? n | 0 : n;
}

/**
 * `12.345` as 12345/1000; digits only, validated by the caller's pattern.
 * Undefined when the whole part is past 2^53: no time counts that high, and
 * the arithmetic here would meet Infinity.
 */
export function fromDecimal(text: string): Rat | undefined {
  const dot = text.indexOf('.');
  if (!Number.isSafeInteger(Number(dot < 0 ? text : text.slice(0, dot) || '0'))) return undefined;
  if (dot < 0) return rat(Number(text));
  const frac = text.slice(dot + 1);
  const scale = 10 ** frac.length;
  if (scale > SAFE) return rat(Math.round(Number(text) * 1e9), 1e9);
  return rat(Number(text.slice(0, dot) || '0') * scale + Number(frac || '0'), scale);
}
