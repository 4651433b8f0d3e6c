import { describe, expect, it } from 'vitest';
import { ttml } from '../../../src/formats/ttml/index.js';
import { readCorpus } from './corpus-files.js';

const NS = 'xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling"';
const ARABIC = 'مرحبا بكم';

function placements(layout: string, body: string): unknown[] {
  const { track } = ttml.parse(`<tt ${NS} xml:lang="ar"><head><styling><style xml:id="rtl" tts:direction="rtl"/><style xml:id="rl" tts:writingMode="rl"/></styling><layout>${layout}</layout></head><body>${body}</body></tt>`);
  return track.cues.map((c) => c.placement);
}

const LOW = 'tts:origin="10% 70%" tts:extent="80% 20%" tts:displayAlign="after"';

// What imscJS computes (direction, textAlign) and browsers render for each paragraph.
describe('TTML start and end alignment in right-to-left text', () => {
  it('puts start at the right edge and end at the left under tts:direction="rtl", on the region or the paragraph', () => {
    const layout = `<region xml:id="start" ${LOW} tts:textAlign="start" tts:direction="rtl"/>
      <region xml:id="end" ${LOW} tts:textAlign="end" tts:direction="rtl"/>
      <region xml:id="ltr" ${LOW} tts:textAlign="start"/>`;
    const body = `<div>
      <p begin="1s" end="2s" region="start">${ARABIC}</p>
      <p begin="2s" end="3s" region="end">${ARABIC}</p>
      <p begin="3s" end="4s" region="ltr">${ARABIC}</p>
      <p begin="4s" end="5s" region="ltr" tts:direction="rtl">${ARABIC}</p>
      <p begin="5s" end="6s" region="ltr" style="rtl">${ARABIC}</p></div>`;
    expect(placements(layout, body)).toEqual([
      { vertical: 'bottom', horizontal: 'right' },
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'right' },
      { vertical: 'bottom', horizontal: 'right' },
    ]);
  });

  it('inherits the direction from a div, and reads it on the paragraph, not on a span inside it', () => {
    const layout = `<region xml:id="low" ${LOW}/>`;
    const body = `<div tts:direction="rtl" region="low">
      <p begin="1s" end="2s" tts:textAlign="start">${ARABIC}</p>
      <p begin="2s" end="3s" tts:textAlign="end" tts:direction="ltr"><span tts:direction="rtl">${ARABIC}</span></p></div>`;
    expect(placements(layout, body)).toEqual([
      { vertical: 'bottom', horizontal: 'right' },
      { vertical: 'bottom', horizontal: 'right' },
    ]);
  });

  it('takes the direction from a region writingMode of rltb or rl, unless the region states a tts:direction', () => {
    const layout = `<region xml:id="rltb" ${LOW} tts:writingMode="rltb"/>
      <region xml:id="rl" ${LOW} style="rl"/>
      <region xml:id="stated" ${LOW} tts:writingMode="rl" tts:direction="ltr"/>
      <region xml:id="lrtb" ${LOW} tts:writingMode="lrtb"/>`;
    const body = `<div>
      <p begin="1s" end="2s" region="rltb" tts:textAlign="start">${ARABIC}</p>
      <p begin="2s" end="3s" region="rl" tts:textAlign="end">${ARABIC}</p>
      <p begin="3s" end="4s" region="stated" tts:textAlign="start">${ARABIC}</p>
      <p begin="4s" end="5s" region="lrtb" tts:textAlign="start">${ARABIC}</p>
      <p begin="5s" end="6s" region="rltb" tts:textAlign="left">${ARABIC}</p></div>`;
    expect(placements(layout, body)).toEqual([
      { vertical: 'bottom', horizontal: 'right' },
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'left' },
      { vertical: 'bottom', horizontal: 'left' },
    ]);
  });

  it('places the IRT writing-mode-rltb sample at the top right, as IRT wrote it to test', () => {
    const { track, diagnostics } = ttml.parse(readCorpus('irt-ebu-tt-d-application-samples/ttml/writing-mode-rltb-001-ttml.xml'));
    expect(diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(track.cues.map((c) => c.placement)).toEqual([
      { vertical: 'top', horizontal: 'right' },
      { vertical: 'top', horizontal: 'right' },
    ]);
  });
});
