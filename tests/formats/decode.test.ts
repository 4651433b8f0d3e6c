import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decode, unknownEncoding } from '../../src/formats/decode.js';
import { SublocError } from '../../src/errors.js';

const corpus = resolve(process.cwd(), '../shared/corpus');
const srt = '1\n00:00:01,000 --> 00:00:02,500\n北京12345市民服务热线，接诉即办。\n\n2\n00:00:03,000 --> 00:00:04,000\n胡同里的停车难题，老旧小区加装电梯。\n';

describe('decode', () => {
  it.each([
    ['utf-8', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
    ['utf-32le', [0xff, 0xfe, 0x00, 0x00]],
    ['utf-32be', [0x00, 0x00, 0xfe, 0xff]],
  ])('reads %s with a byte order mark and drops the mark', (encoding, bom) => {
    const body = iconv.encode(srt, encoding);
    const result = decode(new Uint8Array([...bom, ...body]));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(srt);
    expect(result.diagnostics).toEqual([]);
  });

  it.each(['utf-16le', 'utf-16be'])('recognises %s without a byte order mark', (encoding) => {
    const result = decode(iconv.encode('1\n00:00:01,000 --> 00:00:02,000\nHello\n', encoding));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toContain('Hello');
    expect(result.diagnostics.map((d) => d.code)).toEqual(['decode/utf16-without-bom']);
  });

  it('reads plain UTF-8 without a diagnostic', () => {
    expect(decode(new TextEncoder().encode(srt))).toEqual({ text: srt, encoding: 'utf-8', diagnostics: [] });
  });

  it('reads the GBK file of the corpus as GB18030, not Windows-1252', () => {
    const result = decode(readFileSync(resolve(corpus, 'ylysyym-aspasia/gbk.srt')));
    expect(result.encoding).toBe('gb18030');
    expect(result.text).toContain('这是中文');
  });

  it.each([
    ['gb18030', 'gb18030'],
    ['gbk', 'gb18030'],
    ['big5', 'big5'],
  ])('detects Chinese text encoded as %s', (encoding, expected) => {
    const traditional = '1\n00:00:01,000 --> 00:00:02,500\n北京市民服務熱線，接訴即辦。\n\n2\n00:00:03,000 --> 00:00:04,000\n胡同裡的停車難題，老舊小區加裝電梯。\n';
    const text = encoding === 'big5' ? traditional : srt;
    const result = decode(iconv.encode(text, encoding));
    expect(result.encoding).toBe(expected);
    expect(result.text).toBe(text);
    expect(result.diagnostics[0]?.code).toBe('decode/guessed');
  });

  // A few cues give the detector's statistics nothing to go on: it named ISO-8859-7 for the GB18030 file and ISO-8859-1 at 75% for the Big5 one.
  it.each([
    ['gb18030', '你好，世界', '我们走吧', 'warning'],
    ['big5', '你好，世界', '我們走吧', 'warning'],
    ['gb18030', '谢谢！', '再见。', 'warning'],
    ['big5', '謝謝！', '再見。', 'warning'],
    // chardet knows kana from a few characters, and is sure.
    ['shift_jis', 'こんにちは、', '元気ですか。', 'info'],
    ['euc-kr', '안녕하세요.', '감사합니다.', 'warning'],
  ])('reads a %s file of two short cues (%s …) right, and says it guessed', (encoding, first, second, severity) => {
    const text = `1\n00:00:01,000 --> 00:00:02,000\n${first}\n\n2\n00:00:03,000 --> 00:00:04,000\n${second}\n`;
    const result = decode(iconv.encode(text, encoding));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(text);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['decode/guessed', severity]]);
    expect(result.diagnostics[0]?.message).toMatch(new RegExp(`decoded as ${encoding.toUpperCase()} .*pass --encoding`));
  });

  it.each([
    ['windows-1251', 'Привет, как дела? Хорошо.'],
    ['iso-8859-7', 'Γεια σου, τι κάνεις;'],
    ['windows-1252', 'À Pékin, déjà été.'],
    ['windows-1250', 'Zażółć gęślą jaźń'],
  ])('does not take a short %s file for a CJK one', (encoding, line) => {
    const text = `1\n00:00:01,000 --> 00:00:02,000\n${line}\n`;
    expect(decode(iconv.encode(text, encoding)).encoding).not.toMatch(/^(gb18030|big5|shift_jis|euc-kr|euc-jp)$/);
  });

  describe('an XML declaration', () => {
    const ttml = (encoding: string): string =>
      `<?xml version="1.0" encoding="${encoding}"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="zh"><body><div><p begin="1s" end="2s">你好</p></div></body></tt>\n`;

    it.each([
      ['GB2312', 'gb18030'],
      ['GBK', 'gb18030'],
      ['Big5', 'big5'],
      ['ISO-8859-1', 'iso-8859-1'],
    ])('names the encoding of bytes that are not UTF-8: %s is read as %s without a guess', (declared, expected) => {
      const text = declared === 'ISO-8859-1' ? ttml(declared).replace('你好', 'été') : ttml(declared);
      const result = decode(iconv.encode(text, declared));
      expect(result.encoding).toBe(expected);
      expect(result.text).toBe(text);
      expect(result.diagnostics).toEqual([]);
    });

    it('naming GB2312 over bytes that are UTF-8 is said, and the bytes are read as UTF-8', () => {
      const text = ttml('GB2312');
      const result = decode(new TextEncoder().encode(text));
      expect(result.text).toBe(text);
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/declaration-mismatch', 'warning', 1]]);
      expect(result.diagnostics[0]?.message).toMatch(/names `GB2312`.*valid UTF-8.*read as UTF-8.*--encoding/);
    });

    it('naming UTF-8 over bytes that are not is said before the guess', () => {
      const result = decode(iconv.encode(ttml('UTF-8'), 'gb18030'));
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
        ['decode/declaration-mismatch', 'warning', 1],
        ['decode/guessed', 'warning', undefined],
      ]);
      expect(result.diagnostics[0]?.message).toMatch(/names `UTF-8`, but the bytes are not valid UTF-8/);
    });

    it('naming an encoding nobody knows is said, and detection decides', () => {
      const text = ttml('x-klingon');
      const result = decode(new TextEncoder().encode(text));
      expect(result.text).toBe(text);
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/declaration-unknown', 'warning', 1]]);
    });

    it('over ASCII bytes is true whatever ASCII-compatible encoding it names', () => {
      const text = ttml('ISO-8859-1').replace('你好', 'Hello');
      expect(decode(new TextEncoder().encode(text)).diagnostics).toEqual([]);
    });

    it('is overridden by --encoding', () => {
      const text = ttml('UTF-8');
      expect(decode(iconv.encode(text, 'gb18030'), { encoding: 'gb18030' })).toEqual({ text, encoding: 'gb18030', diagnostics: [] });
    });
  });

  describe('a UTF-8 file with lines in another encoding', () => {
    const utf8Part = '1\n00:00:01,000 --> 00:00:02,000\n你好，世界 café\n\n';

    it.each([
      ['windows-1252', '2\r\n00:00:03,000 --> 00:00:04,000\r\nÀ Pékin, la ligne 12345 répond à des dizaines de milliers d’appels. Ça marche très bien, déjà.\r\n', [7]],
      ['gb18030', '2\n00:00:03,000 --> 00:00:04,000\n我们走吧\n你好\n', [7, 8]],
    ])('reads the UTF-8 lines as UTF-8, guesses the %s ones, and names them', (encoding, foreign, lines) => {
      const result = decode(new Uint8Array([...new TextEncoder().encode(utf8Part), ...iconv.encode(foreign, encoding)]));
      expect(result.text).toBe(utf8Part + foreign);
      expect(result.encoding).toBe('utf-8');
      expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/mixed-encodings', 'warning', lines[0]]]);
      expect(result.diagnostics[0]!.message).toMatch(new RegExp(`^line${lines.length > 1 ? 's' : ''} ${lines.join(' and ')} ${lines.length > 1 ? 'are' : 'is'} not UTF-8 like the rest of the file; expected one encoding in a file; decoded as ${encoding === 'windows-1252' ? '(WINDOWS-1252|ISO-8859-1)' : encoding.toUpperCase()}`));
    });

    it('still reads a whole legacy file as one encoding', () => {
      const text = `${utf8Part}2\n00:00:03,000 --> 00:00:04,000\n我们走吧\n`;
      const result = decode(iconv.encode(text, 'gb18030'));
      expect(result.encoding).toBe('gb18030');
      expect(result.text).toBe(text);
    });
  });

  it('says at which line a file with a UTF-8 byte order mark has bytes that are not UTF-8, and how many lines', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\n'), 0x63, 0x61, 0x66, 0xe9, 0x0a, 0x0a, 0x41, 0xff, 0x0a]);
    const result = decode(bytes);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/invalid-bytes', 'warning', 3]]);
    expect(result.diagnostics[0]!.message).toMatch(/^lines 3 and 5 have bytes that are not UTF-8, in a file whose byte order mark says UTF-8; expected UTF-8 throughout; they were replaced with U\+FFFD/);
  });

  it('says where bytes were replaced in a file read as UTF-8 because --encoding said so, or as UTF-16 with a lone surrogate', () => {
    const utf8 = new Uint8Array([...new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\n'), 0x63, 0x61, 0x66, 0xe9, 0x0a]);
    const told = decode(utf8, { encoding: 'utf-8' });
    expect(told.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/invalid-bytes', 'warning', 3]]);
    expect(told.diagnostics[0]!.message).toContain('in a file read as utf-8 as --encoding says');
    // `ab`, a lone high surrogate, `cd` on line 3; a U+FFFD the file itself holds on line 4 is no replacement.
    const units = [...'1\n00:00:01,000 --> 00:00:02,000\nab'].map((c) => c.charCodeAt(0));
    const le = (list: number[]) => list.flatMap((u) => [u & 0xff, u >> 8]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...le(units), ...le([0xd800]), ...le([...'cd\n\ufffd\n'].map((c) => c.charCodeAt(0)))]);
    const lone = decode(utf16);
    expect(lone.text).toContain('ab\ufffdcd');
    expect(lone.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/invalid-bytes', 'warning', 3]]);
    expect(lone.diagnostics[0]!.message).toMatch(/^line 3 has a half of a UTF-16 character \(a lone surrogate\)/);
    expect(decode(new Uint8Array([0xff, 0xfe, ...le([...'x\ufffd\n'].map((c) => c.charCodeAt(0)))])).diagnostics).toEqual([]);
  });

  it('does not take a CJK reading the detector is sure of when it cannot read every byte', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n没问题，好的。\n\n2\n00:00:03,000 --> 00:00:04,000\n我知道了。\n\n3\n00:00:05,000 --> 00:00:06,000\n再见。\n';
    const result = decode(iconv.encode(text, 'gbk'));
    expect(result.encoding).toBe('gb18030');
    expect(result.text).toBe(text);
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['decode/guessed', 'warning']]);
    expect(result.diagnostics[0]!.message).toContain('cannot read every byte');
  });

  it('says where a legacy encoding replaced bytes with U+FFFD, forced or guessed', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\n没问题，好的。\n\n2\n00:00:03,000 --> 00:00:04,000\n我知道了。\n';
    const forced = decode(iconv.encode(text, 'gbk'), { encoding: 'euc-jp' });
    expect(forced.text).toContain('\ufffd');
    expect(forced.diagnostics.map((d) => [d.code, d.severity])).toEqual([['decode/invalid-bytes', 'warning']]);
    expect(forced.diagnostics[0]!.message).toMatch(/^lines? [\d, and]+ (has|have) bytes that are not EUC-JP, as --encoding says/);
    expect(forced.diagnostics[0]!.line).toBe(forced.text.split('\n').findIndex((l) => l.includes('\ufffd')) + 1);
  });

  it('reads a short GBK or Big5 text whose bytes are valid UTF-8 by chance as Chinese, saying so, and leaves real UTF-8 alone', () => {
    for (const [text, encoding] of [['什么', 'gbk'], ['为什么', 'gbk']] as const) {
      const result = decode(iconv.encode(`1\r\n00:00:01,000 --> 00:00:02,000\r\n${text}\r\n\r\n`, encoding));
      expect(result.text, text).toContain(text);
      expect(result.encoding).toBe('gb18030');
      expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['decode/guessed', 'warning']]);
      expect(result.diagnostics[0]!.message).toContain('phonetic letters no subtitle is written in');
    }
    for (const text of ['naïve café', 'Ærøskøbing', 'Ǝ ǝ', 'Hawaiʻi', 'ˈfoʊnɛtɪk', 'le son [ʃ] de « chat »']) {
      expect(decode(new TextEncoder().encode(`1\n00:00:01,000 --> 00:00:02,000\n${text}\n`)).encoding, text).toBe('utf-8');
    }
  });

  it('reads a stray Latin line in a UTF-8 file as Windows-1252, which a line or two cannot tell from ISO-8859-2', () => {
    const head = new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\n北京，早上七点。\n\n2\n00:00:03,000 --> 00:00:04,000\n');
    const result = decode(new Uint8Array([...head, ...iconv.encode('naïve café\n', 'windows-1252')]));
    expect(result.text.endsWith('naïve café\n')).toBe(true);
    expect(result.diagnostics.map((d) => [d.code, d.line])).toEqual([['decode/mixed-encodings', 7]]);
  });

  it('says where UTF-7 replaced bytes as any legacy encoding does, and knows base64 and hex for no text encoding', () => {
    const forced = decode(new TextEncoder().encode('1\n00:00:01,000 --> 00:00:02,000\nnaïve café\n'), { encoding: 'utf-7' });
    expect(forced.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/invalid-bytes', 'warning', 3]]);
    for (const name of ['base64', 'HEX', 'base64url']) expect(unknownEncoding(name), name).toContain(`unknown encoding \`${name}\``);
    expect(unknownEncoding('binary')).toBeUndefined();
  });

  it('says a single-byte encoding it guessed as a warning: any bytes read in it, so nothing checks the guess', () => {
    const result = decode(iconv.encode('1\n00:00:01,000 --> 00:00:02,000\nOù est la gare ?\n', 'latin1'));
    expect(result.diagnostics.map((d) => [d.code, d.severity])).toEqual([['decode/guessed', 'warning']]);
  });

  it('detects Windows-1252 for Western European text', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nÀ Pékin, la ligne 12345 répond à des dizaines de milliers d’appels. Ça marche très bien, déjà.\n';
    const result = decode(iconv.encode(text, 'windows-1252'));
    expect(result.encoding).toMatch(/^(windows-1252|iso-8859-1)$/);
    expect(result.text).toBe(text);
  });

  it('uses a forced encoding even where detection would choose another', () => {
    const bytes = iconv.encode('北京', 'big5');
    expect(decode(bytes, { encoding: 'big5' }).text).toBe('北京');
    expect(decode(bytes, { encoding: 'big5' }).diagnostics).toEqual([]);
  });

  it('rejects an unknown encoding name with a stable code', () => {
    expect(() => decode(new Uint8Array([0x41]), { encoding: 'klingon-8' })).toThrow(SublocError);
    try {
      decode(new Uint8Array([0x41]), { encoding: 'klingon-8' });
    } catch (error) {
      expect((error as SublocError).code).toBe('ENCODING_UNKNOWN');
    }
  });

  it('calls binary data binary', () => {
    const png = new Uint8Array(2048);
    for (let i = 0; i < png.length; i++) png[i] = (i * 7919) % 256;
    const result = decode(png);
    expect(result.diagnostics.some((d) => d.code === 'decode/binary' && d.severity === 'error')).toBe(true);
  });

  // Stored (not deflated) members and highly compressible data have too few control bytes for the share to tell.
  const srtBytes = new TextEncoder().encode(srt.repeat(20));
  it.each([
    ['a ZIP archive', [0x50, 0x4b, 0x03, 0x04]],
    ['a gzip file', [0x1f, 0x8b, 0x08, 0x00]],
    ['a PNG image', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['a JPEG image', [0xff, 0xd8, 0xff, 0xe0]],
    ['a PDF document', [...new TextEncoder().encode('%PDF-1.7\n')]],
    ['an MP4 or QuickTime file', [0x00, 0x00, 0x00, 0x20, ...new TextEncoder().encode('ftypisom')]],
    ['a Matroska or WebM file', [0x1a, 0x45, 0xdf, 0xa3]],
    ['an EBU STL file (binary subtitles, which subloc does not read)', [...new TextEncoder().encode('850STL25.01')]],
  ])('names %s by its signature, even with text after it', (kind, signature) => {
    const result = decode(new Uint8Array([...signature, ...srtBytes]));
    expect(result.diagnostics).toEqual([expect.objectContaining({ code: 'decode/binary', severity: 'error', line: 1 })]);
    expect(result.diagnostics[0]!.message).toMatch(new RegExp(`^found ${kind.replace(/[()]/g, '\\$&')}; expected a text subtitle file`));
  });

  it('names the EBU STL files of the corpus', () => {
    const result = decode(readFileSync(resolve(corpus, 'sandflow-ttconv/stl/sandflow/br_style_reset.stl')));
    expect(result.diagnostics.map((d) => d.code)).toEqual(['decode/binary']);
    expect(result.diagnostics[0]!.message).toContain('EBU STL');
  });

  it('does not call a WebVTT file with a few NULs binary', () => {
    const result = decode(readFileSync(resolve(corpus, 'w3c-webvtt.js/wpt-file-parsing/nulls.vtt')));
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each([1, 2])('reads UTF-8 cut %i byte(s) into its last character as UTF-8, and says the file ends mid-character', (kept) => {
    const bytes = new TextEncoder().encode(srt);
    const cut = bytes.subarray(0, bytes.length - 4 + kept);
    const result = decode(cut);
    expect(result.encoding).toBe('utf-8');
    expect(result.text).toBe(`${srt.slice(0, -2)}\ufffd`);
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/truncated', 'warning', 7]]);
  });

  it.each(['utf-16le', 'utf-16be'] as const)('reads %s cut one byte into its last character, and says the byte left out', (encoding) => {
    const bom = encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff];
    const whole = Buffer.concat([Buffer.from(bom), iconv.encode(srt, encoding)]);
    const result = decode(whole.subarray(0, whole.length - 1));
    expect(result.encoding).toBe(encoding);
    expect(result.text).toBe(srt.slice(0, -1));
    expect(result.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([['decode/truncated', 'warning', 7]]);
    expect(result.diagnostics[0]!.message).toMatch(/middle of a UTF-16 character .*the last byte was left out/);
  });

  it('still guesses a legacy encoding for bytes that are not UTF-8 before the end', () => {
    const gbk = iconv.encode(srt, 'gb18030');
    expect(decode(gbk.subarray(0, gbk.length - 2)).encoding).toBe('gb18030');
  });
});
