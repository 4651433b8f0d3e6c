import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { cli, tempDir } from '../helpers/cli.js';

/** `text` with each `[from, to]` replaced once, in order: what a timing fix may change, and nothing else. */
function onlyTimes(text: string, ...moved: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of moved) {
    expect(out).toContain(from);
    out = out.replace(from, to);
  }
  return out;
}

// An Interop DCP as a package holds it: reel 3, its own font file, size, shadow, no fades, exact positions.
const INTEROP = `<?xml version="1.0" encoding="UTF-8"?>
<DCSubtitle Version="1.0">
  <SubtitleID>11111111-2222-3333-4444-555555555555</SubtitleID>
  <MovieTitle>My Film</MovieTitle>
  <ReelNumber>3</ReelNumber>
  <Language>English</Language>
  <LoadFont Id="Arial" URI="arial.ttf"/>
  <Font Id="Arial" Size="36" Color="FFFFFF00" Effect="shadow" EffectColor="FF000000" Italic="no">
    <Subtitle SpotNumber="1" TimeIn="00:00:01:000" TimeOut="00:00:01:100" FadeUpTime="0" FadeDownTime="0">
      <Text VAlign="bottom" VPosition="8" HAlign="left" HPosition="12">Yellow, left, low.</Text>
    </Subtitle>
    <Subtitle SpotNumber="2" TimeIn="00:00:05:000" TimeOut="00:00:07:000" FadeUpTime="0" FadeDownTime="0">
      <Text VAlign="top" VPosition="5">Top line</Text>
    </Subtitle>
  </Font>
</DCSubtitle>
`;

// A SMPTE reel 4, its font an asset of the package, with a byte order mark as SMPTE files have.
const SMPTE = `\uFEFF<?xml version="1.0" encoding="UTF-8"?>
<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">
  <Id>urn:uuid:f43c916f-ad46-4e73-ac45-8534855c8a06</Id>
  <ContentTitleText>HOTLINE_FTR_S_JA-XX</ContentTitleText>
  <IssueDate>2026-12-08T03:52:28.325Z</IssueDate>
  <ReelNumber>4</ReelNumber>
  <Language>ja-JP</Language>
  <EditRate>24 1</EditRate>
  <TimeCodeRate>24</TimeCodeRate>
  <StartTime>00:00:00:00</StartTime>
  <LoadFont ID="font1">urn:uuid:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee</LoadFont>
  <SubtitleList>
    <Font ID="font1" Size="30" Color="FFFFFFFF" Effect="border" EffectColor="FF000000">
      <Subtitle SpotNumber="1" TimeIn="00:00:07:12" TimeOut="00:00:08:00" FadeUpTime="00:00:00:02" FadeDownTime="00:00:00:02">
        <Text Valign="bottom" Vposition="8">北京　朝7時</Text>
      </Subtitle>
      <Subtitle SpotNumber="2" TimeIn="00:00:09:17" TimeOut="00:00:12:03" FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00">
        <Text Valign="bottom" Vposition="14.5" Hposition="3">人口2000万超の都市</Text>
      </Subtitle>
    </Font>
  </SubtitleList>
</SubtitleReel>
`;

const VTT = `WEBVTT
Kind: captions
Language: en-US

STYLE
::cue(.yellow) { color: yellow; }

NOTE This note is for the editor

REGION
id:fred
width:40%
lines:3
regionanchor:0%,100%
viewportanchor:10%,90%

intro
00:00:01.000 --> 00:00:02.000 position:10% align:start line:0
<c.yellow>Top left sign</c>

00:00:02.100 --> 00:00:03.000 region:fred
<v Bob>Hello there</v> <b>bold</b> <ruby>漢<rt>かん</rt></ruby>

NOTE another note between cues

third
00:00:03.050 --> 00:00:04.000 size:50% vertical:rl
<lang fr>Bonjour</lang> &amp; &lt;tags&gt;
`;

describe('subloc timing fix in the format read: only the times change', () => {
  it('keeps an Interop DCP\'s reel, font file, size, effect, fades and positions, changing only the time it moved', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'custom.en-US.dcp-interop.xml'), INTEROP);
    const r = await cli(['timing', 'fix', 'custom.en-US.dcp-interop.xml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('cue 1 out: 1400 ms → 1917 ms');
    // 1917 ms is frame 46 at 24 fps, 1916.67 ms: tick 229 of its second, as the Interop writer puts a frame.
    expect(readFileSync(join(dir, 'custom.timed.en-US.dcp-interop.xml'), 'utf8')).toBe(onlyTimes(INTEROP, ['TimeOut="00:00:01:100"', 'TimeOut="00:00:01:229"']));
  });

  it('keeps a SMPTE DCP\'s reel number and font asset, its byte order mark and its edit units', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reel4.ja-JP.dcp-smpte.xml'), SMPTE);
    const r = await cli(['timing', 'fix', 'reel4.ja-JP.dcp-smpte.xml', '--json'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { changes: unknown[] }).changes).toEqual([expect.objectContaining({ cueId: '1', edge: 'out', before: 8000, after: 8333 })]);
    expect(readFileSync(join(dir, 'reel4.timed.ja-JP.dcp-smpte.xml'), 'utf8')).toBe(onlyTimes(SMPTE, ['TimeOut="00:00:08:00"', 'TimeOut="00:00:08:08"']));
  });

  it('keeps a WebVTT file\'s header, STYLE, REGION and NOTE blocks, voices, ruby and cue settings', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'b.en-US.vtt'), VTT);
    const r = await cli(['timing', 'fix', 'b.en-US.vtt'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'b.timed.en-US.vtt'), 'utf8')).toBe(
      onlyTimes(VTT, ['00:00:02.100 --> 00:00:03.000', '00:00:02.083 --> 00:00:02.958'], ['00:00:03.050 --> 00:00:04.000', '00:00:03.042 --> 00:00:04.000']),
    );
    // What the reader leaves out of the track it checks, the file written keeps: not said as if lost.
    expect(r.stderr).not.toContain('not kept');
    expect(r.stderr).not.toContain('dropped');
  });

  it('keeps an SRT\'s own numbers, markup, line ends, byte order and encoding', async () => {
    const dir = tempDir();
    const srt = '7\r\n00:00:01,000 --> 00:00:01,400 X1:100 X2:200 Y1:10 Y2:20\r\n<i>你好。</i>\r\n\r\n9\r\n00:00:01.900 --> 00:00:04,000\r\n{\\an8}<font color="#ffff00">请问您住在哪个区？</font>\r\n';
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(srt, 'utf16le')]);
    writeFileSync(join(dir, 'call.zh-Hans.srt'), utf16);
    const r = await cli(['timing', 'fix', 'call.zh-Hans.srt'], dir);
    expect(r.code, r.stderr).toBe(0);
    const expected = onlyTimes(srt, ['00:00:01,400', '00:00:01,833'], ['00:00:01.900', '00:00:01.917']);
    expect(readFileSync(join(dir, 'call.timed.zh-Hans.srt')).equals(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(expected, 'utf16le')]))).toBe(true);
  });

  it('writes a TTML time in its own notation and from its own origin: ticks, a duration, clock time, a time inside its <div>', async () => {
    const dir = tempDir();
    const ttml = `<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000" xml:lang="en">
  <body>
    <div>
      <p begin="10000000t" end="14000000t">Hi.<!-- kept --></p>
      <p begin="2s" dur="0.4s">A line that needs far more time to be read.</p>
      <p begin="00:00:05.5" end="00:00:06">Third</p>
    </div>
    <div begin="10s">
      <p begin="0.5s" end="1s">Relative to its div, a long line too.</p>
    </div>
  </body>
</tt>
`;
    writeFileSync(join(dir, 'o.en.ttml'), ttml);
    const r = await cli(['timing', 'fix', 'o.en.ttml'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(dir, 'o.timed.en.ttml'), 'utf8')).toBe(
      onlyTimes(ttml, ['end="14000000t"', 'end="19170000t"'], ['dur="0.4s"', 'dur="0.833s"'], ['end="00:00:06"', 'end="00:00:06.333"'], ['end="1s"', 'end="1.333s"']),
    );
  });

  it('refuses, writing nothing, where a time is not the cue\'s own to move or its notation cannot hold the new one', async () => {
    const dir = tempDir();
    // The paragraph's end is its <div>'s: moving it would move every paragraph the <div> holds.
    writeFileSync(join(dir, 'div.en.ttml'), '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div begin="10s" end="10.5s"><p>Hi.</p></div></body></tt>');
    const inherited = await cli(['timing', 'fix', 'div.en.ttml'], dir);
    expect(inherited.code).toBe(1);
    expect(inherited.stderr).toContain("cue 1's out-time is not written in the file as its own");
    expect(existsSync(join(dir, 'div.timed.en.ttml'))).toBe(false);

    // Two rows of one DCP subtitle share its TimeOut; the fix would end the line below sooner than the sign at the top,
    // to leave the minimum gap before the next line below.
    const rows = INTEROP.replace('<Text VAlign="top" VPosition="5">Top line</Text>', '<Text VAlign="top" VPosition="5">A sign</Text>\n      <Text VAlign="bottom" VPosition="8">Hi.</Text>')
      .replace('TimeOut="00:00:07:000"', 'TimeOut="00:00:05:125"')
      .replace('  </Font>', '    <Subtitle SpotNumber="3" TimeIn="00:00:05:175" TimeOut="00:00:07:000" FadeUpTime="0" FadeDownTime="0">\n      <Text VAlign="bottom" VPosition="8">Next.</Text>\n    </Subtitle>\n  </Font>');
    writeFileSync(join(dir, 'rows.en.dcp-interop.xml'), rows);
    const shared = await cli(['timing', 'fix', 'rows.en.dcp-interop.xml'], dir);
    expect(shared.code).toBe(1);
    expect(shared.stderr).toMatch(/cues 2 and 2~2 are one subtitle in the file, with one out-time for both rows/);
    expect(existsSync(join(dir, 'rows.timed.en.dcp-interop.xml'))).toBe(false);

    // A 24 fps SMPTE file counts 24 fps frames: 25 fps times fall between them.
    writeFileSync(join(dir, 'reel4.ja-JP.dcp-smpte.xml'), SMPTE);
    const other = await cli(['timing', 'fix', 'reel4.ja-JP.dcp-smpte.xml', '--fps', '25'], dir);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('falls between two of the frames the file counts its times in (24 fps): expected --fps 24');
    expect(existsSync(join(dir, 'reel4.timed.ja-JP.dcp-smpte.xml'))).toBe(false);
  });
});

describe('subloc timing fix when the file would be wrong', () => {
  it('refuses a DCP at a rate no DCP plays, leaving a good file at the output as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'reel4.ja-JP.dcp-smpte.xml'), SMPTE);
    expect((await cli(['timing', 'fix', 'reel4.ja-JP.dcp-smpte.xml', '-o', 'keep.ja-JP.dcp-smpte.xml'], dir)).code).toBe(0);
    const good = readFileSync(join(dir, 'keep.ja-JP.dcp-smpte.xml'));
    expect(good.length).toBeGreaterThan(0);
    const r = await cli(['timing', 'fix', 'reel4.ja-JP.dcp-smpte.xml', '--fps', '23.976', '-o', 'keep.ja-JP.dcp-smpte.xml'], dir);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('23.976 fps is not a rate dcp-smpte can be timed at');
    expect(r.stderr).not.toContain('written to');
    expect(readFileSync(join(dir, 'keep.ja-JP.dcp-smpte.xml')).equals(good)).toBe(true);
  });

  it('writes nothing when the writer of another format finds errors (three lines on a cinema screen), and says so', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'three.en-US.srt'), '1\n00:00:01,000 --> 00:00:03,000\nOne\nTwo\nThree\n\n2\n00:00:04,000 --> 00:00:06,000\nFine.\n');
    writeFileSync(join(dir, 'three.en-US.dcp-interop.xml'), INTEROP);
    const r = await cli(['timing', 'fix', 'three.en-US.srt', '-o', 'three.en-US.dcp-interop.xml'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('cue 1: error: the cue has 3 lines; cinema subtitles hold at most 2');
    expect(r.stderr).toContain('not written');
    expect(r.stderr).not.toContain('written to');
    expect(readFileSync(join(dir, 'three.en-US.dcp-interop.xml'), 'utf8')).toBe(INTEROP);
    // Written as another format the user asked for, a track without errors is the writer's file.
    const srt = await cli(['timing', 'fix', 'three.en-US.srt', '-o', 'three.en-US.vtt'], dir);
    expect(srt.code, srt.stderr).toBe(0);
    expect(parse(readFileSync(join(dir, 'three.en-US.vtt'))).track.cues).toHaveLength(2);
  });
});
