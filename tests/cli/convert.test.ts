import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { cli, cliProcess, tempDir } from '../helpers/cli.js';

const SRT = '1\n00:00:01,000 --> 00:00:02,500\n<i>您好，这里是12345。</i>\n\n2\n00:00:03,000 --> 00:00:04,000\n胡同里停车难。\n';

const BAD_INPUTS: Record<string, string | Uint8Array> = {
  'binary.srt': Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256),
  'empty.srt': '',
  'header-only.vtt': 'WEBVTT\n\n',
  'huge-hours.srt': '1\n99999:00:00,000 --> 99999:00:01,000\nToo late\n',
  'truncated.ttml': '<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en">\n<body><div>\n<p begin="00:00:01.000" end="00:00:02.000">Hello',
  'bomb.ttml': `<?xml version="1.0"?>\n<!DOCTYPE tt [\n<!ENTITY a "aaaaaaaaaa">\n${Array.from({ length: 9 }, (_, i) => `<!ENTITY ${String.fromCharCode(98 + i)} "${`&${String.fromCharCode(97 + i)};`.repeat(10)}">`).join('\n')}\n]>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="0s" end="1s">&j;</p></div></body></tt>\n`,
  'external.ttml': '<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div><p begin="0s" end="1s">&secret;</p></div></body></tt>\n',
};

describe('subloc convert', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'good.srt'), SRT);
    for (const [name, content] of Object.entries(BAD_INPUTS)) writeFileSync(join(dir, name), content);
  });

  it('writes no file of a cue that ends before it starts, in any format, naming the cue', async () => {
    writeFileSync(join(dir, 'inverted.vtt'), 'WEBVTT\n\n00:00:05.000 --> 00:00:04.000\nInverted\n\n00:00:06.000 --> 00:00:07.000\nFine\n');
    for (const to of ['srt', 'vtt', 'ttml', 'ebu-tt-d', 'dcp-smpte', 'dcp-interop']) {
      const out = `inverted-out.${to}`;
      const r = await cli(['convert', 'inverted.vtt', '--to', to, '--fps', '24', '-o', out], dir);
      expect(r.code, to).not.toBe(0);
      expect(r.stderr, to).toContain('cue 1 ends at 00:00:04.000, before it starts at 00:00:05.000; expected the end after the start');
      expect(existsSync(join(dir, out)), to).toBe(false);
    }
  });

  it('refuses an output named for SRT or WebVTT that --to would fill with another format, writing nothing', async () => {
    const r = await cli(['convert', 'good.srt', '--to', 'vtt', '-o', 'named.srt'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('-o named.srt names a SubRip file, but --to asks for WebVTT; expected a name ending in .vtt');
    expect(existsSync(join(dir, 'named.srt'))).toBe(false);
    // The XML formats share `.xml` and TTML's names: told apart by their content.
    expect((await cli(['convert', 'good.srt', '--to', 'ebu-tt-d', '-o', 'named.ttml'], dir)).code).toBe(0);
    expect((await cli(['convert', 'good.srt', '--to', 'dcp-smpte', '--fps', '24', '-o', 'named.xml'], dir)).code).toBe(0);
  });

  it('converts SRT to WebVTT on stdout', async () => {
    const r = await cli(['convert', 'good.srt', '--to', 'vtt'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WEBVTT\n/);
    expect(r.stdout).toContain('00:00:01.000 --> 00:00:02.500');
    expect(r.stdout).toContain('<i>您好，这里是12345。</i>');
  });

  it('keeps the italics, bold and underline of ASS overrides in SRT (an Aegisub or ffmpeg export) in WebVTT and TTML', async () => {
    writeFileSync(join(dir, 'ass.srt'), '1\n00:00:01,000 --> 00:00:03,000\n{\\an8}{\\i1}I told you\nalready.\n\n2\n00:00:04,000 --> 00:00:06,000\n{\\b1}Listen!{\\b0} {\\u1}Now{\\u0}.\n');
    for (const to of ['vtt', 'ttml']) {
      const r = await cli(['convert', 'ass.srt', '--to', to, '--strict'], dir);
      expect(r.stderr, to).toBe('');
      expect(r.code, to).toBe(0);
      expect(parse(r.stdout).track.cues.map((c) => [c.lines, c.placement]), to).toEqual([
        [[[{ text: 'I told you', italic: true }], [{ text: 'already.', italic: true }]], { vertical: 'top' }],
        [[[{ text: 'Listen!', bold: true }, { text: ' ' }, { text: 'Now', underline: true }, { text: '.' }]], undefined],
      ]);
    }
    // SRT is written with its usual tags, not ASS overrides.
    expect((await cli(['convert', 'ass.srt', '--to', 'srt'], dir)).stdout).toContain('{\\an8}<i>I told you</i>\n<i>already.</i>\n\n2\n00:00:04,000 --> 00:00:06,000\n<b>Listen!</b> <u>Now</u>.\n');
  });

  it('reads GB18030 bytes and writes UTF-8 to a file, the format taken from -o', async () => {
    writeFileSync(join(dir, 'gbk.srt'), iconv.encode(SRT.repeat(1), 'gb18030'));
    const r = await cli(['convert', 'gbk.srt', '-o', 'gbk.ttml'], dir);
    expect(r.code).toBe(0);
    const ttml = readFileSync(join(dir, 'gbk.ttml'), 'utf8');
    expect(ttml).toContain('胡同里停车难。');
    expect(r.stderr).toMatch(/gbk\.srt: info: .*GB18030/);
  });

  it('records language and title where the format has a place for them', async () => {
    writeFileSync(join(dir, 'film.zh-Hans.srt'), SRT);
    const named = await cli(['convert', 'film.zh-Hans.srt', '--to', 'dcp-smpte', '--fps', '24', '--title', 'Hotline Beijing'], dir);
    expect(named.code).toBe(0);
    expect(named.stdout).toContain('<Language>zh-Hans</Language>');
    expect(named.stdout).toContain('<ContentTitleText>Hotline Beijing</ContentTitleText>');
    const told = await cli(['convert', 'good.srt', '--to', 'ttml', '--language', 'zh-Hant'], dir);
    expect(told.stdout).toContain('xml:lang="zh-Hant"');
  });

  it('refuses an encoding it does not know as a usage error, before reading anything', async () => {
    for (const command of [['convert', 'good.srt', '--to', 'vtt'], ['localize', '--input', 'good.srt', '--target', 'fr-FR']]) {
      const r = await cli([...command, '--encoding', 'klingon-8'], dir);
      expect(r.code, command[0]).toBe(2);
      expect(r.stderr, command[0]).toContain('--encoding: unknown encoding `klingon-8`; expected a name such as utf-8');
    }
  });

  it('honours --encoding over detection', async () => {
    writeFileSync(join(dir, 'big5.srt'), iconv.encode('1\n00:00:01,000 --> 00:00:02,000\n北京\n', 'big5'));
    const r = await cli(['convert', 'big5.srt', '--to', 'srt', '--encoding', 'big5'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('北京');
  });

  it('treats command-line mistakes as usage errors (exit 2)', async () => {
    expect((await cli(['convert', 'good.srt'], dir)).code).toBe(2);
    expect((await cli(['convert', 'good.srt', '--to', 'docx'], dir)).code).toBe(2);
    expect((await cli(['convert', 'good.srt', '--to', 'srt', '--fps', 'fast'], dir)).code).toBe(2);
    expect((await cli(['convert', 'good.srt', '--bogus'], dir)).code).toBe(2);
    // A language no XML writer could record, said as `xml:lang`: refused before anything is read.
    const locale = await cli(['convert', 'good.srt', '--to', 'ttml', '--language', 'en_US'], dir);
    expect(locale.code).toBe(2);
    expect(locale.stderr).toContain('--language `en_US` is not a BCP 47 tag');
    expect((await cli(['frobnicate'], dir)).code).toBe(2);
  });

  it('writes to stdout for `-o -`, and leaves no file named `-`', async () => {
    const r = await cli(['convert', 'good.srt', '--to', 'vtt', '-o', '-'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^WEBVTT/);
    expect(existsSync(join(dir, '-'))).toBe(false);
  });

  it('names a missing file', async () => {
    const r = await cli(['convert', 'nope.srt', '--to', 'vtt'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.srt');
    expect(r.stderr).toContain('no such file');
  });

  it('fails in strict mode on a recovery that lenient mode accepts', async () => {
    writeFileSync(join(dir, 'sloppy.srt'), '00:00:01.000 --> 00:00:02.000\nNo index, dots\n');
    expect((await cli(['convert', 'sloppy.srt', '--to', 'vtt'], dir)).code).toBe(0);
    const strict = await cli(['convert', 'sloppy.srt', '--to', 'vtt', '--strict'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/sloppy\.srt:1/);
  });

  it('passes a frame-timecode SRT in strict mode when the rate is given, read exactly; refuses it without the rate, or where a label was guessed', async () => {
    writeFileSync(join(dir, 'frames.srt'), '1\n00:00:01:12 --> 00:00:02:24\nOne\n\n2\n00:00:03:00 --> 00:00:04:06\nTwo\n');
    const strict = await cli(['convert', 'frames.srt', '--to', 'vtt', '--fps', '25', '--strict'], dir);
    expect(strict.stderr).not.toMatch(/warning|error/);
    expect(strict.code).toBe(0);
    expect(strict.stdout).toContain('00:00:01.480 --> 00:00:02.960');
    writeFileSync(join(dir, 'drop.srt'), '1\n01:00:00;00 --> 01:00:02;12\nOne\n');
    expect((await cli(['convert', 'drop.srt', '--to', 'vtt', '--fps', '29.97df', '--strict'], dir)).code).toBe(0);

    const none = await cli(['convert', 'frames.srt', '--to', 'vtt', '--strict'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('two digits after a third `:` are frames');
    // Frame 29 at 25 fps, counted into the next second: a guess at what the file meant.
    writeFileSync(join(dir, 'overflow.srt'), '1\n00:00:01:12 --> 00:00:02:29\nOne\n');
    expect((await cli(['convert', 'overflow.srt', '--to', 'vtt', '--fps', '25'], dir)).code).toBe(0);
    expect((await cli(['convert', 'overflow.srt', '--to', 'vtt', '--fps', '25', '--strict'], dir)).code).toBe(1);
  });

  it.each(Object.keys(BAD_INPUTS))('rejects %s with one clear located message, exit 1, no stack, no output file', async (name) => {
    const out = `${name}.out.vtt`;
    const r = await cli(['convert', name, '-o', out, '--to', 'vtt'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(name);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stderr).not.toContain('root:');
    expect(r.stderr).not.toContain('internal error');
    if (!name.startsWith('header-only') && !name.startsWith('empty')) expect(r.stderr).toMatch(new RegExp(`${name.replace('.', '\\.')}:\\d+`));
    expect(readdirSync(dir).filter((f) => f.startsWith(`${name}.out`) || f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes nothing, and exits 1, when the writer refuses the track', async () => {
    const toFile = await cli(['convert', 'good.srt', '--to', 'dcp-smpte', '--fps', '23.976', '-o', 'refused.xml'], dir);
    expect(toFile.code).toBe(1);
    expect(toFile.stderr).toMatch(/refused\.xml: error: 23\.976 fps is not a DCP frame rate/);
    expect(toFile.stderr).toContain('good.srt: not converted');
    expect(readdirSync(dir).filter((f) => f.startsWith('refused') || f.endsWith('.tmp'))).toEqual([]);
    const toStdout = await cli(['convert', 'good.srt', '--to', 'dcp-interop', '--fps', '23.976'], dir);
    expect(toStdout.code).toBe(1);
    expect(toStdout.stdout).toBe('');
  });

  it('writes nothing, and exits 1, when the writer finds an error in what it would write (three lines on a cinema screen)', async () => {
    writeFileSync(join(dir, 'three.srt'), '1\n00:00:01,000 --> 00:00:03,000\none\ntwo\nthree\n');
    const r = await cli(['convert', 'three.srt', '--to', 'dcp-smpte', '--fps', '24', '-o', 'three.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/three\.xml: cue 1: error: the cue has 3 lines; cinema subtitles hold at most 2/);
    expect(r.stderr).toContain('three.srt: not converted');
    expect(readdirSync(dir).filter((f) => f.startsWith('three.xml') || f.endsWith('.tmp'))).toEqual([]);
  });

  it('fails in strict mode on a recovery the writer made (a cue shorter than a frame), and writes nothing', async () => {
    writeFileSync(join(dir, 'blink.srt'), '1\n00:00:01,000 --> 00:00:01,010\nblink\n');
    expect((await cli(['convert', 'blink.srt', '--to', 'vtt', '--fps', '24', '-o', 'blink.vtt'], dir)).code).toBe(0);
    const strict = await cli(['convert', 'blink.srt', '--to', 'vtt', '--fps', '24', '--strict', '-o', 'strict.vtt'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('blink.srt: not converted; writing it as vtt needed the recoveries the warnings above describe');
    expect(readdirSync(dir).filter((f) => f.startsWith('strict.vtt'))).toEqual([]);
  });

  it('exits 1 without a stack trace from the real executable', () => {
    const r = cliProcess(['convert', 'external.ttml', '--to', 'srt'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('external.ttml');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });
});
