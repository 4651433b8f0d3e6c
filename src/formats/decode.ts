import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import { SublocError } from '../errors.js';
import { CJK_ENCODINGS, guessCjk } from './common-cjk.js';
import { binarySignature } from './binary-signature.js';
import { declaredEncoding } from './declared-encoding.js';
import { isMixed, utf8Lines } from './utf8-lines.js';

export interface DecodeOptions {
  /** Force this encoding (any name iconv-lite knows); skips detection. */
  encoding?: string;
}

export interface DecodeResult {
  text: string;
  /** Canonical lower-case name of the encoding used; `binary`, with no text, for a known binary file (an archive, an image). */
  encoding: string;
  diagnostics: Diagnostic[];
}

const BOMS: ReadonlyArray<[bytes: number[], encoding: string]> = [
  // UTF-32 LE before UTF-16 LE: its BOM starts with the same two bytes.
  [[0xff, 0xfe, 0x00, 0x00], 'utf-32le'],
  [[0x00, 0x00, 0xfe, 0xff], 'utf-32be'],
  [[0xef, 0xbb, 0xbf], 'utf-8'],
  [[0xff, 0xfe], 'utf-16le'],
  [[0xfe, 0xff], 'utf-16be'],
];

/** Encodings chardet may name that are real for subtitle files; others are noise. */
const LEGACY = new Set([
  'gb18030', 'big5', 'shift_jis', 'euc-jp', 'euc-kr', 'iso-2022-jp',
  'windows-1250', 'windows-1251', 'windows-1252', 'windows-1253', 'windows-1254',
  'windows-1255', 'windows-1256', 'iso-8859-1', 'iso-8859-2', 'iso-8859-5',
  'iso-8859-6', 'iso-8859-7', 'iso-8859-8', 'iso-8859-9', 'koi8-r',
]);

// Required only for what is not UTF-8, so that a UTF-8 file is read without loading them.
const load = createRequire(import.meta.url);
const chardet = (): typeof import('chardet') => load('chardet') as typeof import('chardet');
const iconv = (): typeof import('iconv-lite') => load('iconv-lite') as typeof import('iconv-lite');

const SAMPLE = 64 * 1024;
/** Encodings that write `<?xml` as ASCII bytes: a declaration read in ASCII can only name one of these truthfully. */
const ASCII_COMPATIBLE = /^(?!utf-?(16|32)|ucs-?[24]|utf-?7)/;

function isAscii(bytes: Uint8Array): boolean {
  return bytes.every((b) => b < 0x80);
}
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function bomOf(bytes: Uint8Array): [length: number, encoding: string] | undefined {
  for (const [bom, encoding] of BOMS) {
    if (bom.every((b, i) => bytes[i] === b)) return [bom.length, encoding];
  }
  return undefined;
}

/** The byte order mark `bytes` start with, empty when they start with none: what a file written back keeps. */
export function byteOrderMark(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(0, bomOf(bytes)?.[0] ?? 0);
}

/** UTF-16 without a BOM shows as NULs in every other byte of ASCII text. */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return undefined;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero > pairs * 0.4 && evenZero < pairs * 0.05) return 'utf-16le';
  if (evenZero > pairs * 0.4 && oddZero < pairs * 0.05) return 'utf-16be';
  return undefined;
}

/** Share of C0 control characters other than tab, line feed, form feed and carriage return. */
function controlShare(text: string): number {
  const n = Math.min(text.length, 4096);
  if (n === 0) return 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0c && c !== 0x0d) controls++;
  }
  return controls / n;
}

/**
 * Length of `bytes` without an incomplete UTF-8 sequence at the very end:
 * what a file cut short mid-character has; the whole length when there is none.
 */
function withoutCutCharacter(bytes: Uint8Array): number {
  for (let back = 1; back <= 3 && back <= bytes.length; back++) {
    const b = bytes[bytes.length - back]!;
    if (b < 0x80) return bytes.length;
    if (b >= 0xc0) {
      const needs = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return needs > back ? bytes.length - back : bytes.length;
    }
  }
  return bytes.length;
}

function isCutUtf8(bytes: Uint8Array): boolean {
  const whole = withoutCutCharacter(bytes);
  return whole < bytes.length && isUtf8(bytes.subarray(0, whole));
}

interface LegacyGuess {
  encoding: string;
  /** What the guess rests on, as the message says it. */
  evidence: string;
  sure: boolean;
}

/**
 * Letters of the phonetic alphabet and modifier letters (`ʲ`, `ɐ`), which no
 * subtitle is written in, but which a short GBK or Big5 text read as UTF-8
 * makes (`什么` is `ʲô`): bytes valid UTF-8 by chance. The apostrophe-like
 * `ʻ` `ʼ` and the spacing accents are left out: real text has them.
 */
const PHONETIC = /[\u0250-\u02ba\u02bd-\u02c5\u02de-\u02ff]/u;

/** Characters past ASCII a text may have and still be valid UTF-8 by chance rather than by design. */
const BY_CHANCE_AT_MOST = 12;

/** Chinese characters and the punctuation written with them. */
const HAN_TEXT = /^[\u0000-\u007f\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]*$/u;

/**
 * A short Chinese text whose bytes happen to be valid UTF-8: read as
 * GB18030 (Simplified, the superset of GBK), else Big5, where that reading
 * is Chinese characters and punctuation alone. A text too short for the
 * statistics of `guessCjk` is judged by this, after its UTF-8 reading made
 * phonetic letters.
 */
function utf8ByChance(bytes: Uint8Array): { encoding: string; phonetic: string } | undefined {
  // Only a short text is valid UTF-8 by chance (each pair of bytes must happen to make one character): counted on the
  // bytes, so that a UTF-8 file of any length is not decoded again for it.
  let high = 0;
  for (const b of bytes) if (b >= 0x80 && ++high > 2 * BY_CHANCE_AT_MOST) return undefined;
  if (high === 0) return undefined;
  const text = utf8.decode(bytes);
  const wide = [...text].filter((c) => c.charCodeAt(0) >= 0x80);
  const phonetic = wide.filter((c) => PHONETIC.test(c));
  // Phonetic letters within a word of Latin letters (`ˈfoʊnɛtɪk`) are a transcription, written so on purpose.
  if (phonetic.length === 0 || /[A-Za-z][^\u0000-\u007f]|[^\u0000-\u007f][A-Za-z]/u.test(text)) return undefined;
  // Two-byte UTF-8 read from Chinese lands in a soup of phonetic, Greek, Cyrillic and other scripts; real text keeps to
  // its own (a French line with one `[ʃ]` has its accents and guillemets too).
  const soup = wide.filter((c) => /[\u0250-\u02ff\u0370-\u07ff]/u.test(c)).length;
  if (wide.length > BY_CHANCE_AT_MOST || soup * 2 < wide.length) return undefined;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const encoding = ['gb18030', 'big5'].find((name) => HAN_TEXT.test(iconv().decode(buffer, name)));
  return encoding === undefined ? undefined : { encoding, phonetic: phonetic.slice(0, 6).join('') };
}

/** Latin-script single-byte encodings, which a detector cannot tell apart on a line or two. */
const LATIN_SINGLE_BYTE = /^(iso-8859-(1|2|3|4|9|10|13|14|15|16)|windows-125[02])$/;
/** Bytes Windows-1252 leaves undefined: a line holding one is not Windows-1252. */
const UNDEFINED_IN_1252 = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * The encoding of the lines of a UTF-8 file that are not UTF-8: a line
 * pasted from a Windows editor, as a rule. Where the detector names a Latin
 * single-byte encoding, which it cannot tell apart on so few bytes,
 * Windows-1252, the one such lines are nearly always in, is taken.
 */
function strayLineGuess(bytes: Uint8Array): LegacyGuess {
  const guess = guessLegacy(bytes);
  if (!LATIN_SINGLE_BYTE.test(guess.encoding) || guess.encoding === 'windows-1252' || bytes.some((b) => UNDEFINED_IN_1252.has(b))) return guess;
  return { encoding: 'windows-1252', evidence: `the detector said ${guess.encoding.toUpperCase()}, but a line or two of Latin text cannot tell the Latin encodings apart; Windows-1252 is the one Windows editors write`, sure: false };
}

function guessLegacy(bytes: Uint8Array): LegacyGuess {
  const sample = bytes.subarray(0, SAMPLE);
  let detected: { encoding: string; confidence: number } = { encoding: 'windows-1252', confidence: 0 };
  for (const match of chardet().analyse(sample)) {
    const name = match.name.toLowerCase();
    if (LEGACY.has(name)) {
      detected = { encoding: name, confidence: match.confidence };
      break;
    }
  }
  // chardet gives every CJK encoding its floor of 10% on a few cues, and its Greek or Latin-1 guess wins.
  if (!(CJK_ENCODINGS.has(detected.encoding) && detected.confidence > 10)) {
    const cjk = guessCjk(sample);
    if (cjk) return { encoding: cjk.encoding, evidence: `${cjk.common} of its ${cjk.characters} characters past ASCII are among the most common in ${cjk.encoding.toUpperCase()} text`, sure: false };
  }
  const fallback = { encoding: detected.encoding, evidence: `detector confidence ${detected.confidence}%` };
  // A multi-byte reading that replaces bytes with U+FFFD is wrong however sure the detector is: one that reads every byte is taken instead.
  if (CJK_ENCODINGS.has(detected.encoding) && iconv().decode(Buffer.from(sample), detected.encoding).includes('\ufffd')) {
    const cjk = guessCjk(sample);
    if (cjk) return { encoding: cjk.encoding, evidence: `${detected.encoding.toUpperCase()} cannot read every byte; ${cjk.common} of its ${cjk.characters} characters past ASCII are among the most common in ${cjk.encoding.toUpperCase()} text`, sure: false };
    return { ...fallback, sure: false };
  }
  // A single-byte encoding reads any byte: only the detector's statistics back it, which a few cues cannot make sure.
  return { ...fallback, sure: detected.confidence >= 50 && CJK_ENCODINGS.has(detected.encoding) };
}

/** The lines (1-based) that hold `needle`. */
function linesWith(text: string, needle: string): number[] {
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.includes(needle)) lines.push(i + 1);
  });
  return lines;
}

/** A half of a UTF-16 character without its other half, which iconv leaves in the text as it found it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_LONE_SURROGATE = new RegExp(LONE_SURROGATE.source);

/** The lines that hold a lone surrogate. */
function linesWithLoneSurrogates(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let from = 0;
  for (const m of text.matchAll(LONE_SURROGATE)) {
    for (let i = text.indexOf('\n', from); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    from = m.index;
    if (lines.at(-1) !== line) lines.push(line);
  }
  return lines;
}

/** `line 7 is`, `lines 7 and 9 are`, `lines 7, 9, 12, 15, 20 and 4 more are`: the verb (singular, plural) agrees. */
function lineList(lines: readonly number[], [one, many]: readonly [string, string] = ['is', 'are']): string {
  if (lines.length === 1) return `line ${lines[0]} ${one}`;
  const shown = lines.slice(0, 5);
  const rest = lines.length - shown.length;
  const head = rest > 0 ? `${shown.join(', ')} and ${rest} more` : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return `lines ${head} ${many}`;
}

function normalizeName(name: string): string {
  const lower = name.trim().toLowerCase();
  // GBK and GB2312 are subsets of GB18030: decoding as the superset never loses a character.
  if (lower === 'gbk' || lower === 'gb2312' || lower === 'cp936') return 'gb18030';
  if (lower === 'utf8') return 'utf-8';
  return lower;
}

/** What is wrong with an encoding name no decoder here knows; undefined for a known one (`gbk`, `UTF8`, `big5`…). */
/** Names iconv-lite knows that are byte codings of binary data, not text encodings. */
const NOT_TEXT = new Set(['base64', 'base64url', 'hex']);

export function unknownEncoding(name: string): string | undefined {
  const normal = normalizeName(name);
  if (iconv().encodingExists(normal) && !NOT_TEXT.has(normal)) return undefined;
  return `unknown encoding \`${name}\`; expected a name such as utf-8, utf-16le, gb18030, big5 or windows-1252`;
}

/**
 * Bytes to text. Order of evidence: an explicit encoding, a BOM, UTF-16
 * without BOM, valid UTF-8, then a statistical guess among legacy encodings
 * (GB18030, Big5, Shift_JIS, Windows-125x…). The BOM never reaches the text.
 */
export function decode(bytes: Uint8Array, opts: DecodeOptions = {}): DecodeResult {
  const diagnostics: Diagnostic[] = [];
  // Before any guess: an archive of stored subtitles, or compressed text, has too few control bytes for the share below.
  const kind = binarySignature(bytes);
  if (kind !== undefined) {
    diagnostics.push(diagnostic('decode/binary', 'error', `found ${kind}; expected a text subtitle file (SRT, WebVTT or TTML)`, { line: 1 }));
    return { text: '', encoding: 'binary', diagnostics };
  }
  let encoding: string;
  let body = bytes;
  let truncated = false;
  /** The text of a UTF-8 file with lines in another encoding, decoded line by line. */
  let mixed: string | undefined;

  if (opts.encoding !== undefined) {
    encoding = normalizeName(opts.encoding);
    const unknown = unknownEncoding(opts.encoding);
    if (unknown !== undefined) throw new SublocError('ENCODING_UNKNOWN', unknown);
    const bom = bomOf(bytes);
    if (bom && bom[1] === encoding) body = bytes.subarray(bom[0]);
  } else {
    const bom = bomOf(bytes);
    if (bom) {
      [, encoding] = bom;
      body = bytes.subarray(bom[0]);
    } else {
      const utf16 = sniffUtf16(bytes);
      if (utf16) {
        encoding = utf16;
        diagnostics.push(diagnostic('decode/utf16-without-bom', 'info', `no byte order mark; the NUL pattern says ${utf16.toUpperCase()}`));
      } else {
        const declared = declaredEncoding(bytes);
        const named = declared === undefined ? undefined : normalizeName(declared);
        const known = named === undefined || named === 'utf-8' || iconv().encodingExists(named);
        if (declared !== undefined && !known) {
          diagnostics.push(
            diagnostic('decode/declaration-unknown', 'warning', `the XML declaration names \`${declared}\`, an encoding subloc does not know; expected a name such as UTF-8, GB18030, Big5 or ISO-8859-1; the encoding was detected from the bytes`, { line: 1 }),
          );
        }
        const whole = isUtf8(bytes);
        if (whole || isCutUtf8(bytes)) {
          encoding = 'utf-8';
          // One broken character at the very end is a cut, not another encoding: a guess would garble every line.
          truncated = !whole;
          if (declared !== undefined && known && named !== 'utf-8' && (!isAscii(bytes) || !ASCII_COMPATIBLE.test(named!))) {
            diagnostics.push(
              diagnostic(
                'decode/declaration-mismatch',
                'warning',
                `the XML declaration names \`${declared}\`, but the bytes are valid UTF-8; read as UTF-8; expected \`encoding="UTF-8"\` (pass --encoding ${declared} if the file really is ${declared})`,
                { line: 1 },
              ),
            );
          }
          const chance = whole && declared === undefined ? utf8ByChance(bytes) : undefined;
          if (chance !== undefined) {
            encoding = chance.encoding;
            diagnostics.push(
              diagnostic(
                'decode/guessed',
                'warning',
                `the bytes are valid UTF-8, but read so they make phonetic letters no subtitle is written in (${chance.phonetic}); read as ${chance.encoding.toUpperCase()}, which makes Chinese characters of them (pass --encoding utf-8 if the file is UTF-8)`,
                { line: 1 },
              ),
            );
          }
        } else if (declared !== undefined && known && ASCII_COMPATIBLE.test(named!) && named !== 'utf-8') {
          encoding = named!;
        } else {
          if (declared !== undefined && known) {
            diagnostics.push(
              diagnostic('decode/declaration-mismatch', 'warning', `the XML declaration names \`${declared}\`, but the bytes are not valid ${declared}; expected the declaration to name the file's encoding`, { line: 1 }),
            );
          }
          const split = utf8Lines(bytes);
          if (isMixed(split)) {
            const foreign = split.lines.filter((l) => !l.utf8);
            const guess = strayLineGuess(Buffer.concat(foreign.map((l) => bytes.subarray(l.from, l.to))));
            encoding = 'utf-8';
            mixed = split.lines.map((l) => (l.utf8 ? utf8.decode(bytes.subarray(l.from, l.to)) : iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset + l.from, l.to - l.from), guess.encoding))).join('');
            diagnostics.push(
              diagnostic(
                'decode/mixed-encodings',
                'warning',
                `${lineList(split.foreign)} not UTF-8 like the rest of the file; expected one encoding in a file; decoded as ${guess.encoding.toUpperCase()} (${guess.evidence}); pass --encoding to read the whole file in one encoding`,
                { line: split.foreign[0]! },
              ),
            );
          } else {
            const guess = guessLegacy(bytes);
            encoding = guess.encoding;
            diagnostics.push(diagnostic('decode/guessed', guess.sure ? 'info' : 'warning', `not UTF-8; decoded as ${encoding.toUpperCase()} (${guess.evidence}); pass --encoding to override`));
          }
        }
      }
    }
  }

  const text = mixed !== undefined ? mixed : encoding === 'utf-8' ? utf8.decode(body) : iconv().decode(Buffer.from(body.buffer, body.byteOffset, body.byteLength), encoding, { stripBOM: true });
  const cleaned = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;

  if (controlShare(cleaned) > 0.1) {
    diagnostics.push(
      diagnostic('decode/binary', 'error', `found binary data (control bytes in more than 10% of the first 4 KiB); expected a text subtitle file (SRT, WebVTT or TTML)`, { line: 1 }),
    );
  } else if (truncated) {
    const line = cleaned.split('\n').length;
    diagnostics.push(diagnostic('decode/truncated', 'warning', 'the file ends in the middle of a UTF-8 character (was it cut short?); expected whole characters; the last one was replaced with U+FFFD', { line }));
  } else if (encoding.startsWith('utf-16') && body.byteLength % 2 === 1) {
    const line = cleaned.split('\n').length;
    diagnostics.push(diagnostic('decode/truncated', 'warning', 'the file ends in the middle of a UTF-16 character (an odd number of bytes: was it cut short?); expected whole characters of two bytes; the last byte was left out', { line }));
  } else if (encoding === 'utf-8' && mixed === undefined && text.includes('\ufffd') && !isUtf8(body)) {
    // Only a byte order mark or --encoding makes UTF-8 of bytes that are not: the guess would have taken another encoding.
    const { foreign } = utf8Lines(body);
    const why = opts.encoding === undefined ? 'in a file whose byte order mark says UTF-8' : `in a file read as ${opts.encoding} as --encoding says`;
    diagnostics.push(
      diagnostic('decode/invalid-bytes', 'warning', `${lineList(foreign, ['has', 'have'])} bytes that are not UTF-8, ${why}; expected UTF-8 throughout; they were replaced with U+FFFD`, { line: foreign[0]! }),
    );
  } else if (encoding !== 'utf-8' && !/^utf-(16|32)/.test(encoding) && cleaned.includes('\ufffd')) {
    const lines = linesWith(cleaned, '\ufffd');
    const why = opts.encoding === undefined ? 'as the guess took it' : 'as --encoding says';
    diagnostics.push(
      diagnostic('decode/invalid-bytes', 'warning', `${lineList(lines, ['has', 'have'])} bytes that are not ${encoding.toUpperCase()}, ${why}; expected the file's own encoding (pass --encoding); they were replaced with U+FFFD`, { line: lines[0]! }),
    );
  } else if (encoding.startsWith('utf-16') && HAS_LONE_SURROGATE.test(cleaned)) {
    // Written out, each would become U+FFFD in every file and in the memory: replaced now, and said.
    const broken = linesWithLoneSurrogates(cleaned);
    diagnostics.push(
      diagnostic('decode/invalid-bytes', 'warning', `${lineList(broken, ['has', 'have'])} a half of a UTF-16 character (a lone surrogate); expected whole characters; each was replaced with U+FFFD`, { line: broken[0]! }),
    );
    return { text: cleaned.replace(LONE_SURROGATE, '\ufffd'), encoding, diagnostics };
  }

  return { text: cleaned, encoding, diagnostics };
}
