import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { StudioCue, TrackResponse } from '../../src/studio/api.js';
import { change, LANG, sampleStudio, send } from './studio-fixture.js';

const running = sampleStudio();

async function cue(id: string): Promise<StudioCue> {
  return ((await send(running.origin, { path: `/api/tracks/${LANG}` })).json() as TrackResponse).cues.find((c) => c.id === id)!;
}

describe('a character no subtitle file may carry, typed or pasted into the studio', () => {
  it('is refused with a 400 naming the cue and the character, where it was saved and went on into the draft SRT and VTT', async () => {
    // U+FFFE and U+FFFF: the SRT and WebVTT readers drop them, so a draft carrying one read back as an edit nobody made.
    for (const char of ['\ufffe', '\uffff']) expect(parse(`1\n00:00:01,000 --> 00:00:02,000\nA${char}B\n`).track.cues[0]!.lines).toEqual([[{ text: 'AB' }]]);
    const before = await cue('2');
    const cases: [string, string, string][] = [
      ['\uffff', 'U+FFFF', '8'],
      ['\ufffe', 'U+FFFE', '8'],
      ['\ufdd0', 'U+FDD0', '8'],
      ['\u{10ffff}', 'U+10FFFF', '8'],
    ];
    for (const [char, name, at] of cases) {
      const answer = await change(running, 'PUT', `/api/tracks/${LANG}/cues/2`, { text: `A city ${char} of twenty million`, revision: before.revision });
      expect(answer.status).toBe(400);
      expect(answer.json()).toEqual({ error: 'invalid', message: `cue 2 (${LANG}): \`text\` contains the noncharacter ${name} at character ${at}, which no subtitle file may carry; expected words and line breaks only (delete it and type again)` });
    }
    expect((await cue('2')).revision).toBe(before.revision);
  });

  it('is refused in a comment too, as a control character is', async () => {
    const before = await cue('3');
    for (const [char, what] of [['\uffff', 'the noncharacter U+FFFF at character 6, which no subtitle file may carry'], ['\u001b', 'the control character U+001B at character 6']]) {
      const answer = await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { comment: `check${char}`, revision: before.revision });
      expect(answer.status).toBe(400);
      expect(answer.json().message).toBe(`cue 3 (${LANG}): \`comment\` contains ${what}; expected words and line breaks only (delete it and type again)`);
    }
    const saved = await change(running, 'PUT', `/api/tracks/${LANG}/cues/3`, { comment: 'check\tthe name,\nplease', revision: before.revision });
    expect(saved.status).toBe(200);
    expect(saved.json().cue.comment).toBe('check\tthe name,\nplease');
  });
});
