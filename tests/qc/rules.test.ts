import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { createMatcher } from '../../src/glossary/index.js';
import type { Cue, FrameRate, Placement, Track } from '../../src/model/track.js';
import { profiles } from '../../src/qc/profiles/index.js';
import { rules } from '../../src/qc/rules/index.js';
import { runQc, type QcOptions } from '../../src/qc/run.js';
import { UNTRANSLATED_MARK } from '../../src/model/untranslated.js';
import { glossaryOf } from '../glossary/helpers.js';
import { cue, track } from './helpers.js';

const glossary = glossaryOf([
  { id: 'hutong', source: '胡同', targets: { 'en-US': { preferred: 'hutong', allowed: ['hutongs'], forbidden: ['alley'] } }, sources: ['S1'] },
  { id: 'hotline-number', source: '12345', doNotTranslate: true, sources: ['S1'] },
  { id: 'service-centre', source: '热线服务中心', targets: { 'en-US': { preferred: 'the 12345 service centre', allowed: [], forbidden: [] } }, sources: ['S1'] },
]);

interface Case {
  name: string;
  target: Track;
  source?: Track;
  frameRate?: FrameRate;
  targetTagged?: Map<string, string>;
  glossary?: true;
  /** `code severity cueId: message` per finding. */
  expected: string[];
}

const en = (...cues: Cue[]) => track('en-US', ...cues);
const zh = (...cues: Cue[]) => track('zh-Hans', ...cues);
const placed = (vertical: Placement['vertical'], c: Cue): Cue => ({ ...c, placement: { vertical } });

/** Every rule with a passing and a failing case; each table runs only the rule it names. */
const cases: Record<string, Case[]> = {
  'reading-speed': [
    { name: 'at 12 characters/s', target: en(cue('1', 0, 1000, 'Hello there.')), expected: [] },
    { name: 'at exactly the limit, 20 characters/s', target: en(cue('1', 0, 1000, 'Twenty characters!!!')), expected: [] },
    {
      name: 'spaces and punctuation count, line breaks do not: 50 characters in 2 s',
      target: en(cue('1', 0, 2000, 'We answer every call, day and', 'night, all year.....')),
      expected: [
        'qc/reading-speed warning 1: reading speed 24.5 characters/s, expected at most 20 (en-US, Netflix); 4.5 over — shorten by about 9 characters or extend the cue by 0.5 s',
      ],
    },
    {
      name: 'Chinese half-width digits count 0.5: 10 characters in 1 s against 9',
      target: zh(cue('1', 0, 1000, '每天超过60,000个来电')),
      expected: ['qc/reading-speed warning 1: reading speed 10 characters/s, expected at most 9 (zh-Hans, Netflix); 1 over — shorten by about 1 character or extend the cue by 0.2 s'],
    },
    { name: 'Chinese at 6.1 characters/s', target: zh(cue('1', 12208, 15708, '每天超过60,000个来电', '打进12345市民服务热线。')), expected: [] },
  ],
  'line-length': [
    { name: 'a 42-character line', target: en(cue('1', 0, 5000, 'a'.repeat(42))), expected: [] },
    {
      name: 'a 43-character second line',
      target: en(cue('1', 0, 5000, 'Short.', `${'b'.repeat(42)}.`)),
      expected: ['qc/line-length error 1: line 2 has 43 characters, expected at most 42 (en-US, Netflix); 1 over — rebreak or shorten'],
    },
    { name: 'a Chinese line of 16', target: zh(cue('1', 0, 5000, '这座城市有两千多万人口，每天都有')), expected: [] },
    {
      name: 'a Chinese line of 17.5 counting half-width 0.5',
      target: zh(cue('1', 0, 5000, '这座城市有两千多万人口，每天都有123')),
      expected: ['qc/line-length error 1: line 1 has 17.5 characters (half-width characters count 0.5), expected at most 16 (zh-Hans, Netflix); 1.5 over — rebreak or shorten'],
    },
  ],
  'line-count': [
    { name: 'two lines', target: en(cue('1', 0, 3000, 'One', 'Two')), expected: [] },
    {
      name: 'three lines',
      target: en(cue('7', 0, 3000, 'One', 'Two', 'Three')),
      expected: ['qc/line-count error 7: 3 lines, expected at most 2 (Netflix); 1 over — shorten, rebreak into 2 lines or split the cue'],
    },
  ],
  'min-duration': [
    { name: '5/6 s', target: en(cue('1', 0, 833, 'Hi.')), expected: [] },
    {
      name: 'half a second',
      target: en(cue('1', 1000, 1500, 'Hi.')),
      expected: ['qc/min-duration error 1: duration 0.5 s, expected at least 0.833 s (Netflix); 0.333 s short — extend the cue or merge it with a neighbour'],
    },
  ],
  'max-duration': [
    { name: '7 s', target: en(cue('1', 0, 7000, 'Hi.')), expected: [] },
    {
      name: '8.2 s',
      target: en(cue('1', 0, 8200, 'Hi.')),
      expected: ['qc/max-duration error 1: duration 8.2 s, expected at most 7 s (Netflix); 1.2 s over — split the cue or end it earlier'],
    },
  ],
  'min-gap': [
    { name: '2 frames at 24 fps written in ms (83 ms)', target: en(cue('1', 0, 1000, 'A'), cue('2', 1083, 2000, 'B')), expected: [] },
    {
      name: '1 frame at 24 fps, the default rate',
      target: en(cue('1', 0, 1000, 'A'), cue('2', 1042, 2000, 'B')),
      expected: ['qc/min-gap error 1: ends 1 frame (42 ms at 24 fps) before cue 2 starts, expected a gap of at least 2 frames (Netflix); 1 frame short — end this cue earlier or close the gap'],
    },
    {
      name: 'cues back to back',
      target: en(cue('1', 0, 1000, 'A'), cue('2', 1000, 2000, 'B')),
      expected: ['qc/min-gap error 1: ends 0 frames (0 ms at 24 fps) before cue 2 starts, expected a gap of at least 2 frames (Netflix); 2 frames short — end this cue earlier'],
    },
    {
      // 2.021 s is frame 49 (48.5 rounds up), 2.084 s frame 50: on the grid every deliverable uses, 1 frame, though 63 ms is 1.5 frames long.
      name: 'a gap of 1.5 frames that lands 1 frame wide on the grid',
      target: en(cue('1', 1000, 2021, 'A'), cue('2', 2084, 4000, 'B')),
      expected: ['qc/min-gap error 1: ends 1 frame (63 ms at 24 fps) before cue 2 starts, expected a gap of at least 2 frames (Netflix); 1 frame short — end this cue earlier or close the gap'],
    },
    { name: '42 ms is 3 frames at 60 fps (the options override the rate)', target: en(cue('1', 0, 1000, 'A'), cue('2', 1042, 2000, 'B')), frameRate: { numerator: 60, denominator: 1 }, expected: [] },
    {
      name: "the track's own rate, 25 fps",
      target: { ...en(cue('1', 0, 1000, 'A'), cue('2', 1040, 2000, 'B')), frameRate: { numerator: 25, denominator: 1 } },
      expected: ['qc/min-gap error 1: ends 1 frame (40 ms at 25 fps) before cue 2 starts, expected a gap of at least 2 frames (Netflix); 1 frame short — end this cue earlier or close the gap'],
    },
    { name: 'a sign at the top ending a frame before dialogue at the bottom', target: en(placed('top', cue('1', 0, 1000, 'BEIJING')), cue('2', 1042, 2000, 'B')), expected: [] },
    {
      // The sign spans both: each bottom cue is still measured against the bottom cue before it.
      name: 'two cues at the bottom a frame apart under a sign at the top',
      target: en(cue('1', 0, 1000, 'A'), placed('top', cue('sign', 500, 3000, 'BEIJING')), cue('2', 1042, 2000, 'B')),
      expected: ['qc/min-gap error 1: ends 1 frame (42 ms at 24 fps) before cue 2 starts, expected a gap of at least 2 frames (Netflix); 1 frame short — end this cue earlier or close the gap'],
    },
  ],
  overlap: [
    { name: 'consecutive cues', target: en(cue('1', 0, 1000, 'A'), cue('2', 1500, 2000, 'B')), expected: [] },
    {
      name: 'a cue starting before the previous ends, listed out of order',
      target: en(cue('2', 2000, 3000, 'B'), cue('1', 1000, 2500, 'A')),
      expected: ['qc/overlap error 2: starts at 00:00:02.000, 500 ms before cue 1 ends; expected at or after 00:00:02.500 — overlapping subtitles are shown at once; retime one of them'],
    },
    { name: 'a sign at the top over dialogue at the bottom', target: en(placed('top', cue('1', 7500, 12000, 'BEIJING, 7 A.M.')), cue('2', 9708, 12125, 'B')), expected: [] },
    { name: 'a label in the middle over dialogue at the bottom and a sign at the top', target: en(placed('middle', cue('1', 0, 3000, 'A')), cue('2', 1000, 2000, 'B'), placed('top', cue('3', 500, 2500, 'C'))), expected: [] },
    {
      name: 'two signs at the top',
      target: en(placed('top', cue('1', 1000, 2500, 'A')), placed('top', cue('2', 2000, 3000, 'B'))),
      expected: ['qc/overlap error 2: starts at 00:00:02.000, 500 ms before cue 1 ends; expected at or after 00:00:02.500 — overlapping subtitles are shown at once; retime one of them'],
    },
    {
      name: 'a cue with no placement is at the bottom',
      target: en(placed('bottom', cue('1', 1000, 2500, 'A')), placed('top', cue('sign', 1000, 4000, 'S')), cue('2', 2000, 3000, 'B')),
      expected: ['qc/overlap error 2: starts at 00:00:02.000, 500 ms before cue 1 ends; expected at or after 00:00:02.500 — overlapping subtitles are shown at once; retime one of them'],
    },
  ],
  'empty-cue': [
    { name: 'a cue with text', target: en(cue('1', 0, 1000, 'A')), expected: [] },
    {
      name: 'blank lines only',
      target: en(cue('3', 0, 1000, '  ', '')),
      expected: ['qc/empty-cue error 3: no visible text, expected at least one character — delete the cue or give it text'],
    },
    {
      name: 'invisible characters only: a direction mark, a zero-width space, a word joiner',
      target: en(cue('4', 0, 1000, '\u200f\u200b', '\u2060')),
      expected: ['qc/empty-cue error 4: no visible text, expected at least one character — delete the cue or give it text'],
    },
  ],
  untranslated: [
    { name: 'a translation', target: en(cue('1', 0, 2000, 'Beijing, 7 a.m.')), source: zh(cue('1', 0, 2000, '北京，早上七点。')), expected: [] },
    { name: 'a number is the same in every language', target: en(cue('1', 0, 2000, '12345')), source: zh(cue('1', 0, 2000, '12345')), expected: [] },
    {
      name: 'the pipeline\'s mark',
      target: en(cue('1', 0, 2000, `${UNTRANSLATED_MARK} 北京，早上七点。`)),
      expected: ['qc/untranslated error 1: marked `[untranslated]`: no draft was made for this cue, expected a translation into en-US'],
    },
    {
      name: 'the source text unchanged',
      target: track('fr-FR', cue('2', 0, 2000, 'Hello,', 'Beijing.')),
      source: en(cue('2', 0, 2000, 'Hello, Beijing.')),
      expected: ['qc/untranslated error 2: identical to the en-US source "Hello, Beijing.", expected a translation into fr-FR'],
    },
  ],
  glossary: [
    { name: 'the preferred rendering', target: en(cue('1', 0, 3000, 'The hutong by the 12345 office.')), source: zh(cue('1', 0, 3000, '12345办公室旁边的胡同。')), glossary: true, expected: [] },
    {
      name: 'a forbidden rendering and a changed do-not-translate term, each at its own severity',
      target: en(cue('1', 0, 3000, 'The alley by the hotline office.')),
      source: zh(cue('1', 0, 3000, '12345办公室旁边的胡同。')),
      glossary: true,
      expected: [
        'glossary/dnt-changed error 1: expected `12345` unchanged (do-not-translate term `hotline-number`), found it missing or altered',
        'glossary/missing-term warning 1: expected `hutong` for 胡同 (term `hutong`), found none of its renderings',
        'glossary/forbidden error 1: found `alley`, a forbidden rendering of 胡同 (term `hutong`); expected `hutong`',
      ],
    },
    {
      name: 'a rendering moved to the neighbouring cue of the same sentence counts, as localize counts it',
      target: en(cue('1', 0, 2000, 'The quiet hutong'), cue('2', 2000, 4000, 'by the 12345 office.')),
      source: zh(cue('1', 0, 2000, '12345办公室旁边的'), cue('2', 2000, 4000, '胡同很安静。')),
      glossary: true,
      expected: [],
    },
    {
      name: 'a sentence of two cues: a finding goes on its first cue',
      target: en(cue('1', 0, 2000, 'The quiet alley'), cue('2', 2000, 4000, 'by the office.'), cue('3', 4000, 5000, 'Hutong.')),
      source: zh(cue('1', 0, 2000, '12345办公室旁边的'), cue('2', 2000, 4000, '胡同很安静。'), cue('3', 4000, 5000, '胡同。')),
      glossary: true,
      expected: [
        'glossary/dnt-changed error 1: expected `12345` unchanged (do-not-translate term `hotline-number`), found it missing or altered',
        'glossary/missing-term warning 1: expected `hutong` for 胡同 (term `hutong`), found none of its renderings',
        'glossary/forbidden error 1: found `alley`, a forbidden rendering of 胡同 (term `hutong`); expected `hutong`',
      ],
    },
  ],
  numbers: [
    { name: '60,000 as 60.000, 12345 kept', target: track('de-DE', cue('1', 0, 3000, 'Über 60.000 Anrufe bei der 12345.')), source: zh(cue('1', 0, 3000, '每天超过60,000个来电打进12345。')), expected: [] },
    { name: '6万 as 60,000, 两千多万 as 20 million', target: en(cue('1', 0, 3000, '60,000 calls for 20 million people')), source: zh(cue('1', 0, 3000, '6万个来电，两千多万人口')), expected: [] },
    {
      name: 'a number lost and one invented',
      target: en(cue('1', 0, 3000, 'Over 6,000 calls a day')),
      source: zh(cue('1', 0, 3000, '每天超过60,000个来电打进12345')),
      expected: [
        'qc/numbers warning 1: numbers differ from the source: missing `60,000`, `12345`; extra `6,000`; expected `60,000`, `12345` in any notation (60,000 = 60.000 = 60 000 = 6万)',
      ],
    },
    {
      name: 'a dialogue’s dash glued to a figure, a speaker’s and no minus sign (Japanese, Spanish, one line or two)',
      target: track('ja-JP', cue('1', 0, 3000, '-3号棟がまた水漏れ', '-すぐ行く'), cue('2', 4000, 7000, '-何階？-12階。')),
      source: zh(cue('1', 0, 3000, '-张书记，3号楼又漏水了。', '-我这就过去。'), cue('2', 4000, 7000, '- 几楼？- 12楼。')),
      expected: [],
    },
    {
      name: 'a Spanish reply glued to its dash',
      target: track('es-ES', cue('1', 0, 3000, '-¿Cuántas veces llamó?', '-3 veces.'), cue('2', 4000, 7000, '-¿Qué piso? -12, el último.')),
      source: en(cue('1', 0, 3000, '- How many times did you call?', '- 3 times.'), cue('2', 4000, 7000, '- Which floor? - 12, the top one.')),
      expected: [],
    },
    {
      name: 'a one-line dialogue whose first turn opens with a figure: a dash after a sentence’s end says both are speakers’',
      target: en(cue('1', 0, 3000, '-200 yuan a month. -That much?')),
      source: zh(cue('1', 0, 3000, '-每月200元。-这么贵？')),
      expected: [],
    },
    {
      name: 'a lone line’s dash before a figure, a minus sign',
      target: track('es-ES', cue('1', 0, 3000, '-5 grados.')),
      source: en(cue('1', 0, 3000, '5 degrees.')),
      expected: ['qc/numbers warning 1: numbers differ from the source: missing `5`; extra `-5`; expected `5` in any notation (60,000 = 60.000 = 60 000 = 6万)'],
    },
    {
      name: 'a number the translation moved to the next cue of its sentence',
      target: en(cue('1', 0, 2000, 'Last year the hotline took 20% more calls'), cue('2', 2200, 4500, 'than the year before: 12 million.')),
      source: zh(cue('1', 0, 2000, '去年热线一共接到了1200万个电话'), cue('2', 2200, 4500, '比前年多了百分之二十。')),
      expected: [],
    },
    {
      name: 'a sentence of two cues: a number missing on the cue whose source holds it, an extra one on the cue that holds it',
      target: en(cue('1', 0, 2000, 'Last year the hotline took 20% more calls'), cue('2', 2200, 4500, 'than the year before: 13 million.')),
      source: zh(cue('1', 0, 2000, '去年热线一共接到了1200万个电话'), cue('2', 2200, 4500, '比前年多了百分之二十。')),
      expected: [
        'qc/numbers warning 1: numbers differ from the source sentence (cues 1–2): missing `1200万`; expected `1200万` in any notation (60,000 = 60.000 = 60 000 = 6万)',
        'qc/numbers warning 2: numbers differ from the source sentence (cues 1–2): extra `13 million.`; expected `1200万` in any notation (60,000 = 60.000 = 60 000 = 6万)',
      ],
    },
    ...(
      [
        ['en-US', 'It took effect on January 9, 2021.', 'January 9'],
        ['en-US', 'It took effect on 1/9/2021.', 'January 9'],
        ['en-GB', 'It took effect on 9/1/2021.', 'January 9'],
        ['fr-FR', 'Il est entré en vigueur le 9 janvier 2021.', 'January 9'],
        ['de-DE', 'Es trat am 9. Januar 2021 in Kraft.', 'January 9'],
        ['de-DE', 'Es trat am 9.1.2021 in Kraft.', 'January 9'],
        ['es-ES', 'Entró en vigor el 9 de enero de 2021.', 'January 9'],
        ['es-ES', 'Entró en vigor el 9/1/2021.', 'January 9'],
        ['it-IT', 'È entrato in vigore il 9 gennaio 2021.', 'January 9'],
        ['ja-JP', '2021年1月9日に施行された。', 'January 9'],
        ['en-US', 'It took effect on 2021-01-09.', 'January 9'],
      ] as const
    ).map(([language, text, found]) => ({
      name: `a date with its month and day swapped (${language}: ${text})`,
      target: track(language, cue('1', 0, 3000, text)),
      source: zh(cue('1', 0, 3000, '2021年9月1日起施行。')),
      expected: [`qc/numbers warning 1: date differs from the source: 9月1日 is September 1, found ${found}`],
    })),
    ...(
      [
        ['en-US', 'It took effect on September 1, 2021.'],
        ['en-US', 'It took effect on Sept. 1, 2021.'],
        ['en-US', 'It took effect on September 1st, 2021.'],
        ['en-US', 'It took effect on 9/1/2021.'],
        ['en-GB', 'It took effect on 1 September 2021.'],
        ['en-GB', 'It took effect on 1/9/2021.'],
        ['fr-FR', 'Il est entré en vigueur le 1er septembre 2021.'],
        ['fr-FR', 'Il est entré en vigueur le 1 septembre 2021.'],
        ['de-DE', 'Es trat am 1. September 2021 in Kraft.'],
        ['de-DE', 'Es trat am 1.9.2021 in Kraft.'],
        ['es-ES', 'Entró en vigor el 1 de septiembre de 2021.'],
        ['es-ES', 'Entró en vigor el 1/9/2021.'],
        ['it-IT', 'È entrato in vigore il 1° settembre 2021.'],
        ['it-IT', 'È entrato in vigore il 1 settembre 2021.'],
        ['ja-JP', '2021年9月1日に施行された。'],
        ['en-US', 'It took effect on 2021-09-01.'],
      ] as const
    ).map(([language, text]) => ({
      name: `the same date in ${language}'s notation: ${text}`,
      target: track(language, cue('1', 0, 3000, text)),
      source: zh(cue('1', 0, 3000, '2021年9月1日起施行。')),
      expected: [],
    })),
    {
      name: 'a shortened month in the source accounts for its number, a swapped date from it is flagged',
      target: track('ja-JP', cue('1', 0, 3000, '9月1日に施行。'), cue('2', 4000, 7000, '1月9日に施行。')),
      source: en(cue('1', 0, 3000, 'In force since Sept. 1.'), cue('2', 4000, 7000, 'In force since Sept. 1.')),
      expected: ['qc/numbers warning 2: date differs from the source: Sept. 1 is September 1, found January 9'],
    },
    {
      name: 'a range of dates turned round is the same set of dates; one swapped inside is not',
      target: en(cue('1', 0, 3000, 'From March 5 to May 3.'), cue('2', 4000, 7000, 'From March 5 to March 3.')),
      source: zh(cue('1', 0, 3000, '从5月3日到3月5日。'), cue('2', 4000, 7000, '从5月3日到3月5日。')),
      expected: ['qc/numbers warning 2: date differs from the source: 5月3日 is May 3, found March 3'],
    },
    {
      name: 'a date in Chinese numerals, and a target that states it with no date of its own',
      target: en(cue('1', 0, 3000, 'School starts on the first of the month.'), cue('2', 4000, 7000, 'School starts on January 9.')),
      source: zh(cue('1', 0, 3000, '九月一日开学。'), cue('2', 4000, 7000, '九月一日开学。')),
      expected: ['qc/numbers warning 2: date differs from the source: 九月一日 is September 1, found January 9'],
    },
    {
      name: 'a date the translation moved to the next cue of its sentence, and a swapped one there',
      target: en(cue('1', 0, 2000, 'The regulations took effect'), cue('2', 2200, 4500, 'on September 1.'), cue('4', 6000, 8000, 'The regulations took effect'), cue('5', 8200, 10500, 'on January 9.')),
      source: zh(cue('1', 0, 2000, '条例于9月1日'), cue('2', 2200, 4500, '正式施行。'), cue('4', 6000, 8000, '条例于9月1日'), cue('5', 8200, 10500, '正式施行。')),
      expected: ['qc/numbers warning 5: date differs from the source sentence (cues 4–5): 9月1日 is September 1, found January 9'],
    },
    {
      name: 'a number the glossary’s own rendering holds (the hotline’s number in the centre’s name)',
      target: en(cue('1', 0, 3000, 'Call the 12345 service centre.')),
      source: zh(cue('1', 0, 3000, '请打给热线服务中心。')),
      glossary: true,
      expected: [],
    },
  ],
  'unbalanced-tags': [
    { name: 'balanced tags in the draft', target: en(cue('1', 0, 3000, '*Hello*')), targetTagged: new Map([['1', '<i>Hello</i>']]), expected: [] },
    {
      name: 'an italic never closed',
      target: en(cue('1', 0, 3000, '*Hello, this is 12345.*')),
      targetTagged: new Map([['1', '<i>Hello, <i>this</i> is 12345.']]),
      expected: ['qc/unbalanced-tags error 1: `<i>` opened 2 times and closed 1 time in the draft, expected each `<i>` closed by one `</i>`; 1 unmatched — fix the draft\'s tags'],
    },
    { name: 'a bare `<` is text', target: en(cue('1', 0, 3000, 'x < 5 and y > 2')), expected: [] },
    {
      name: 'markup leaked into the spans',
      target: en(cue('1', 0, 3000, '<font color="red">Hello</font>', '{\\i1}there')),
      expected: [
        'qc/unbalanced-tags error 1: markup `<font color="red">` shown as text, expected styling without visible tags (a tag leaked through) — remove it',
        'qc/unbalanced-tags error 1: markup `</font>` shown as text, expected styling without visible tags (a tag leaked through) — remove it',
        'qc/unbalanced-tags error 1: markup `{\\i1}` shown as text, expected styling without visible tags (a tag leaked through) — remove it',
      ],
    },
    {
      name: 'ASS’s hard line break left in the text',
      target: en(cue('1', 0, 3000, 'The lane narrows\\Nto 3 meters.')),
      expected: ['qc/unbalanced-tags error 1: markup `\\N` shown as text, expected styling without visible tags (a tag leaked through) — remove it'],
    },
    {
      name: 'a self-closing tag, and a tag the line fitter broke over two lines',
      target: en(cue('1', 0, 3000, 'on the Avenue,<br/>20 minutes', 'away.'), cue('2', 4000, 7000, 'The lane narrows<x id="lb1"', 'ctype="lb"/>to 3 meters.')),
      expected: [
        'qc/unbalanced-tags error 1: markup `<br/>` shown as text, expected styling without visible tags (a tag leaked through) — remove it',
        'qc/unbalanced-tags error 2: markup `<x id="lb1" ctype="lb"/>` shown as text, expected styling without visible tags (a tag leaked through) — remove it',
      ],
    },
  ],
};

function only(ruleId: string): QcOptions['profile'] {
  return { ...profiles['default']!, rules: Object.fromEntries(rules.filter((r) => r.id !== ruleId).map((r) => [r.id, 'off'])) };
}

describe('QC rules', () => {
  it('every rule has a table with a passing and a failing case', () => {
    for (const rule of rules) {
      expect(cases[rule.id], rule.id).toBeDefined();
      expect(cases[rule.id]!.some((c) => c.expected.length === 0), rule.id).toBe(true);
      expect(cases[rule.id]!.some((c) => c.expected.length > 0), rule.id).toBe(true);
    }
  });

  for (const [ruleId, list] of Object.entries(cases)) {
    describe(ruleId, () => {
      it.each(list)('$name', (c) => {
        const opts: QcOptions = { language: c.target.language, profile: only(ruleId) };
        if (c.source) opts.source = c.source;
        if (c.frameRate) opts.frameRate = c.frameRate;
        if (c.targetTagged) opts.targetTagged = c.targetTagged;
        if (c.glossary) opts.glossary = { glossary, matcher: createMatcher(glossary) };
        const found = runQc(c.target, opts).map((d) => `${d.code} ${d.severity} ${d.cueId}: ${d.message}`);
        expect(found).toEqual(c.expected);
      });
    });
  }
});

describe('runQc', () => {
  const t = en(cue('1', 0, 500, 'Hi.'), cue('2', 500, 1500, ''), cue('3', 1600, 9000, 'A', 'B', 'C'));

  it('lists findings in cue order, then rule order', () => {
    const found = runQc(t, { language: 'en-US', profile: profiles['default']! }).map((d) => `${d.cueId} ${d.code}`);
    expect(found).toEqual(['1 qc/min-duration', '1 qc/min-gap', '2 qc/empty-cue', '3 qc/line-count', '3 qc/max-duration']);
  });

  it('takes severities from the profile and skips rules turned off', () => {
    const profile = { ...profiles['default']!, rules: { 'min-gap': 'off', 'empty-cue': 'warning' } as const };
    const found = runQc(t, { language: 'en-US', profile }).map((d) => `${d.cueId} ${d.code} ${d.severity}`);
    expect(found).toEqual(['1 qc/min-duration error', '2 qc/empty-cue warning', '3 qc/line-count error', '3 qc/max-duration error']);
  });

  it('gives every glossary finding the severity the profile sets for `glossary`', () => {
    const profile = { ...profiles['default']!, rules: { glossary: 'warning' } as const };
    const found = runQc(en(cue('1', 0, 3000, 'The alley by the hotline office.')), {
      language: 'en-US',
      profile,
      source: zh(cue('1', 0, 3000, '12345办公室旁边的胡同。')),
      glossary: { glossary, matcher: createMatcher(glossary) },
    });
    expect(found.filter((d) => d.code.startsWith('glossary/')).map((d) => `${d.code} ${d.severity}`)).toEqual(['glossary/dnt-changed warning', 'glossary/missing-term warning', 'glossary/forbidden warning']);
  });

  it("reads a source cue's numbers again when its lines were replaced after a check", () => {
    const source = zh(cue('1', 0, 3000, '每天超过60,000个来电'));
    const numbers = (text: string) => runQc(en(cue('1', 0, 3000, text)), { language: 'en-US', profile: only('numbers'), source }).map((d) => d.code);
    expect(numbers('Over 60,000 calls a day')).toEqual([]);
    expect(numbers('Plus de 60 000 appels par jour')).toEqual([]);
    source.cues[0]!.lines = zh(cue('1', 0, 3000, '每天超过70,000个来电')).cues[0]!.lines;
    expect(numbers('Over 60,000 calls a day')).toEqual(['qc/numbers']);
  });

  it('finds no overlap in a DCP subtitle with a sign at the top and a line at the bottom, which the reader splits in two cues', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<SubtitleReel xmlns="http://www.smpte-ra.org/schemas/428-7/2014/DCST">
  <Id>urn:uuid:9d3cafd2-dce8-4619-93e9-e2dbd7f08bc4</Id><ContentTitleText>sign</ContentTitleText><IssueDate>2026-12-07T18:13:32Z</IssueDate>
  <ReelNumber>1</ReelNumber><Language>fr</Language><EditRate>24 1</EditRate><TimeCodeRate>24</TimeCodeRate><StartTime>00:00:00:00</StartTime>
  <SubtitleList><Font ID="font1" Size="42">
    <Subtitle SpotNumber="1" TimeIn="00:00:05:00" TimeOut="00:00:09:00" FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00">
      <Text Valign="top" Vposition="8">PÉKIN, 7 HEURES</Text>
      <Text Valign="bottom" Vposition="8">Bonjour, ici le 12345.</Text>
    </Subtitle>
  </Font></SubtitleList>
</SubtitleReel>`;
    const { track: split } = parse(xml);
    expect(split.cues.map((c) => c.placement?.vertical ?? 'bottom')).toEqual(['top', 'bottom']);
    expect(runQc(split, { language: 'fr', profile: profiles['festival']! })).toEqual([]);
  });

  it('finds no overlap in WebVTT between a caller in a REGION at the top and the operator at the bottom', () => {
    const vtt = [
      'WEBVTT', '', 'REGION', 'id:top', 'width:80%', 'regionanchor:50%,0%', 'viewportanchor:50%,10%', 'scroll:up', '',
      '00:00:01.000 --> 00:00:03.000 region:top', 'Caller: Is anyone there?', '',
      '00:00:01.000 --> 00:00:03.000', 'Operator: 12345, hello.', '',
    ].join('\n');
    const { track: both } = parse(vtt);
    expect(runQc(both, { language: 'en', profile: only('overlap') })).toEqual([]);
  });

  it('every rule has a kebab-case id, a description and a default severity', () => {
    for (const rule of rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(['warning', 'error']).toContain(rule.defaultSeverity);
    }
  });
});
