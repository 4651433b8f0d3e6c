import { describe, expect, it } from 'vitest';
import { dcpInterop, dcpSmpte } from '../../src/formats/dcp/index.js';
import { srt } from '../../src/formats/srt/index.js';
import { ttml } from '../../src/formats/ttml/index.js';
import { webvtt } from '../../src/formats/webvtt/index.js';
import { cueText } from '../../src/model/spans.js';
import type { ParseResult } from '../../src/formats/types.js';

/** `[id, text]` of each cue, and `[code, line]` of each warning or error. */
function summary({ track, diagnostics }: ParseResult) {
  return {
    cues: track.cues.map((c) => [c.id, cueText(c)]),
    found: diagnostics.filter((d) => d.severity !== 'info').map((d) => [d.code, d.line]),
  };
}

function srtFile(numbers: string[]): string {
  return numbers.map((n, k) => `${n}\n00:00:0${k},000 --> 00:00:0${k},900\ncue ${k + 1}\n`).join('\n');
}

describe('every reader gives each cue an id of its own', () => {
  it('SRT numbered 1, 2, 2, 3, 3, 7: keeps unique numbers, derives the repeats, warns naming both lines', () => {
    const read = srt.parse(srtFile(['1', '2', '2', '3', '3', '7']));
    expect(summary(read)).toEqual({
      cues: [['1', 'cue 1'], ['2', 'cue 2'], ['2~2', 'cue 3'], ['3', 'cue 4'], ['3~2', 'cue 5'], ['7', 'cue 6']],
      found: [
        ['srt/repeated-number', 9],
        ['srt/repeated-number', 17],
        ['srt/index-out-of-order', 21],
      ],
    });
    const repeat = read.diagnostics.find((d) => d.line === 9)!;
    expect(repeat).toMatchObject({ severity: 'warning', cueId: '2~2' });
    expect(repeat.message).toBe('cue number `2` repeats the number of the cue at line 5; expected each number once; this cue is read as cue `2~2`');
  });

  it('SRT: `02` after `2` is another id, and its number is out of order', () => {
    expect(summary(srt.parse(srtFile(['1', '2', '02'])))).toMatchObject({ found: [['srt/index-out-of-order', 9]] });
  });

  it('SRT: a derived id never takes a number the file uses, and the third repeat counts on', () => {
    const read = srt.parse(srtFile(['2', '2', '2', '4']));
    expect(read.track.cues.map((c) => c.id)).toEqual(['2', '2~2', '2~3', '4']);
  });

  it('SRT: a cue without a number yields its position to the cue the file gave that number', () => {
    const text = '1\n00:00:01,000 --> 00:00:02,000\nA\n\n00:00:03,000 --> 00:00:04,000\nB\n\n2\n00:00:05,000 --> 00:00:06,000\nC\n';
    expect(srt.parse(text).track.cues.map((c) => c.id)).toEqual(['1', '2~2', '2']);
  });

  it('SRT: what is said about a repeated cue stays with that cue', () => {
    const text = '2\n00:00:01,000 --> 00:00:02,000\nA\n\n2\n00:00:03,000 --> 00:00:03,000\nB\n';
    const zero = srt.parse(text).diagnostics.find((d) => d.code === 'srt/zero-duration');
    expect(zero).toMatchObject({ line: 6, cueId: '2~2' });
  });

  it('WebVTT: generated ids never take an identifier the file uses; repeated identifiers are derived and warned', () => {
    const text = [
      'WEBVTT', '',
      '3', '00:01.000 --> 00:02.000', 'one', '',
      '00:02.000 --> 00:03.000', 'two', '',
      '00:03.000 --> 00:04.000', 'three', '',
      '3~2', '00:04.000 --> 00:05.000', 'four', '',
      'intro', '00:05.000 --> 00:06.000', 'five', '',
      'intro', '00:06.000 --> 00:07.000 vertical:rl', 'six', '',
    ].join('\n');
    const read = webvtt.parse(text);
    expect(summary(read)).toEqual({
      cues: [['3', 'one'], ['2', 'two'], ['3~3', 'three'], ['3~2', 'four'], ['intro', 'five'], ['intro~2', 'six']],
      found: [['vtt/repeated-id', 21]],
    });
    expect(read.diagnostics.find((d) => d.code === 'vtt/repeated-id')!.message).toBe(
      'cue identifier `intro` repeats the identifier of the cue at line 17; expected each identifier once; this cue is read as cue `intro~2`',
    );
    // The note about the sixth cue names that cue.
    expect(read.diagnostics.find((d) => d.code === 'vtt/setting-dropped')).toMatchObject({ line: 22, cueId: 'intro~2' });
  });

  it('TTML: a repeated xml:id is derived and warned; unnamed and split paragraphs never take a file id', () => {
    const NS = 'xmlns="http://www.w3.org/ns/ttml"';
    const text = `<?xml version="1.0" encoding="UTF-8"?>
<tt ${NS} xml:lang="en"><body><div>
<p xml:id="p1" begin="1s" end="2s">one</p>
<p xml:id="p1" begin="3s" end="4s">two</p>
<p begin="5s" end="6s">three</p>
<p xml:id="3" begin="7s" end="8s">four</p>
</div></body></tt>`;
    const read = ttml.parse(text);
    expect(summary(read)).toEqual({
      cues: [['p1', 'one'], ['p1~2', 'two'], ['3~2', 'three'], ['3', 'four']],
      found: [['ttml/repeated-id', 4]],
    });
    expect(read.diagnostics[0]!.message).toContain('line 3');
  });

  it('DCP (SMPTE and Interop): a repeated SpotNumber is derived and warned', () => {
    const interop = `<?xml version="1.0" encoding="UTF-8"?>
<DCSubtitle Version="1.0"><SubtitleID>x</SubtitleID><MovieTitle>t</MovieTitle><ReelNumber>1</ReelNumber><Language>English</Language>
<Font>
<Subtitle SpotNumber="1" TimeIn="00:00:01:000" TimeOut="00:00:02:000"><Text VAlign="bottom" VPosition="10">one</Text></Subtitle>
<Subtitle SpotNumber="1" TimeIn="00:00:03:000" TimeOut="00:00:04:000"><Text VAlign="bottom" VPosition="10">two</Text></Subtitle>
<Subtitle TimeIn="00:00:05:000" TimeOut="00:00:06:000"><Text VAlign="bottom" VPosition="10">three</Text></Subtitle>
</Font></DCSubtitle>`;
    const read = dcpInterop.parse(interop);
    expect(read.track.cues.map((c) => c.id)).toEqual(['1', '1~2', '3']);
    expect(read.diagnostics.filter((d) => d.code === 'dcp/repeated-spot-number').map((d) => d.line)).toEqual([5]);

    const cue = (id: string, start: number) => ({ id, start, end: start + 1000, lines: [[{ text: `cue ${id}` }]] });
    const written = dcpSmpte.serialize({ language: 'en', cues: [cue('1', 1000), cue('2', 3000)], meta: {} }).text;
    expect(written).toContain('SpotNumber="2"');
    const smpte = dcpSmpte.parse(written.replace('SpotNumber="2"', 'SpotNumber="1"'));
    expect(smpte.track.cues.map((c) => [c.id, cueText(c)])).toEqual([['1', 'cue 1'], ['1~2', 'cue 2']]);
    expect(smpte.diagnostics.map((d) => d.code)).toEqual(['dcp/repeated-spot-number']);
  });
});
