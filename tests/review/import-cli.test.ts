import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import type { ReviewPackage, ReviewState } from '../../src/review/types.js';
import { writeXliff } from '../helpers/review-files.js';
import { segment } from '../../src/translate/segment.js';
import { cli, cliProcess } from '../helpers/cli.js';
import { filmFolder } from '../helpers/film-folder.js';
import { storedEntries } from '../helpers/stored-entries.js';

const SOURCE = `1
00:00:01,000 --> 00:00:03,000
市民拨打<i>12345</i>，

2
00:00:03,100 --> 00:00:05,000
接诉即办。

3
00:00:06,000 --> 00:00:08,000
- 你好！
- 喂？

4
00:00:09,000 --> 00:00:11,000
热线。
`;

const TARGETS: Record<string, string> = { '1': 'Citizens call <i>12345</i>,', '2': 'swift response.', '3': '- Hello!\n- Hi?', '4': 'The hotline.' };

let dir: string;

beforeEach(async () => {
  dir = await filmFolder('subloc-review-', SOURCE);
});

function xliff(state: (cueId: string) => ReviewState, over: Partial<ReviewPackage> = {}): string {
  const track = parse(SOURCE, { language: 'zh-Hans' }).track;
  const units = segment(track);
  const cues = units.flatMap((u) =>
    u.cueIds.map((id, k) => {
      const c = track.cues.find((x) => x.id === id)!;
      return { id, unitId: u.id, start: c.start, end: c.end, source: u.source[k]!, target: TARGETS[id]!, state: state(id), origin: 'machine' as const, terms: [], findings: [], metrics: { durationMs: c.end - c.start, charsPerSecond: 10, lines: 1, maxLineWidth: 20, chars: 20, budget: 42 } };
    }),
  );
  return writeXliff({ title: 'hotline-beijing', sourceLang: 'zh-Hans', targetLang: 'en-US', generatedAt: '2026-11-28T12:00:00Z', profile: 'netflix', cues, ...over });
}

const memory = () => storedEntries(join(dir, '.subloc/memory.sqlite'));

describe('subloc review import', () => {
  it('imports reviewed and approved units from an XLIFF once, then changes nothing', async () => {
    writeFileSync(join(dir, 'review.xlf'), xliff((id) => (id === '4' ? 'machine' : id === '3' ? 'reviewed' : 'approved')));
    const first = await cli(['review', 'import', 'review.xlf', '--reviewer', 'Anna'], dir);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('review.xlf: 2 units imported (1 approved, 1 reviewed), 0 already in the memory, 1 not imported');
    const stored = (await memory());
    expect(stored.map((e) => [e.source, e.target, e.status, e.reviewer])).toEqual([
      [['市民拨打<i>12345</i>，', '接诉即办。'], ['Citizens call <i>12345</i>,', 'swift response.'], 'approved', 'Anna'],
      [['- 你好！\n- 喂？'], ['- Hello!\n- Hi?'], 'reviewed', 'Anna'],
    ]);

    const second = await cli(['review', 'import', 'review.xlf', '--reviewer', 'Anna'], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 units imported (0 approved, 0 reviewed), 2 already in the memory');
    expect((await memory())).toEqual(stored);
  });

  it('refuses a memory that is not there (a mistyped --memory, or a film never localized) as deliver does, importing nothing and making no memory', async () => {
    writeFileSync(join(dir, 'review.xlf'), xliff(() => 'approved'));
    const typo = await cli(['review', 'import', 'review.xlf', '--reviewer', 'Anna', '--memory', 'memroy.sqlite'], dir);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain(`no translation memory at ${join(dir, 'memroy.sqlite')}; expected one made by \`subloc localize\` or \`subloc memory import\`: run one of them first`);
    expect(typo.stdout).toBe('');
    expect(existsSync(join(dir, 'memroy.sqlite'))).toBe(false);

    rmSync(join(dir, '.subloc'), { recursive: true });
    const never = await cli(['review', 'import', 'review.xlf', '--reviewer', 'Anna'], dir);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain(`no translation memory at ${join(dir, '.subloc/memory.sqlite')}`);
    expect(existsSync(join(dir, '.subloc'))).toBe(false);
  });

  it('takes a file named for the en-US track whose tool wrote the wider `en` for that track, and refuses another region', async () => {
    const plain = xliff(() => 'reviewed').replace('target-language="en-US"', 'target-language="en"');
    writeFileSync(join(dir, 'returned.en-US.xlf'), plain);
    const taken = await cli(['review', 'import', 'returned.en-US.xlf', '--reviewer', 'Anna'], dir);
    expect(taken.code, taken.stderr).toBe(0);
    expect((await memory()).map((e) => e.targetLang)).toEqual(['en-US', 'en-US', 'en-US']);
    writeFileSync(join(dir, 'british.xlf'), xliff(() => 'reviewed').replace('target-language="en-US"', 'target-language="en-GB"'));
    const refused = await cli(['review', 'import', 'british.xlf', '--language', 'en-US', '--reviewer', 'Anna'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('en-GB');
  });

  it('refuses a file of another title with a reason, and imports nothing', async () => {
    writeFileSync(join(dir, 'other.xlf'), xliff(() => 'approved', { title: 'another-film' }));
    const result = await cli(['review', 'import', 'other.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('the file belongs to the title `another-film`; expected `hotline-beijing`');
    expect(result.stderr).toContain('nothing was imported');
    expect((await memory())).toEqual([]);
  });

  it('refuses an entity bomb whose DOCTYPE hides behind a comment, with its file, line and column, and no stack trace', async () => {
    const prolog = '<?xml version="1.0"?>\n<!-- <a> ]> -->\n<?tool x?>\n\n<!DOCTYPE xliff [\n  <!ENTITY a "aaaaaaaaaa">\n  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n';
    writeFileSync(join(dir, 'evil.en-US.xlf'), prolog + xliff(() => 'approved').replace(/^<\?xml[^>]*>\n/, '').replace('Citizens call', '&b;'));
    const result = cliProcess(['review', 'import', 'evil.en-US.xlf'], dir);
    expect(result.code).toBe(1);
    const refusals = result.stderr.split('\n').filter((l) => l.includes('ENTITY'));
    expect(refusals).toEqual([expect.stringMatching(/^evil\.en-US\.xlf:6:3: error: found an `<!ENTITY>` declaration \(`a`\) in the `<!DOCTYPE>` internal subset; expected a DOCTYPE with no entity declarations.*\[xliff\/doctype-entities\]$/)]);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(result.stderr + result.stdout).not.toContain('aaaaaaaaaa');
    expect((await memory())).toEqual([]);
  });

  it('says an XLIFF was cut short, with its line, rather than asking for its language', async () => {
    const whole = xliff(() => 'approved');
    writeFileSync(join(dir, 'returned.xlf'), whole.slice(0, whole.indexOf('<trans-unit id="3"')));
    const result = await cli(['review', 'import', 'returned.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/returned\.xlf:\d+: error: .*ends before .*\[xliff\/truncated\]/);
    expect(result.stderr).not.toContain('--language');
    expect(await memory()).toEqual([]);
  });

  it('refuses a file naming a cue the source track does not have', async () => {
    // A cue of another version of the track: neither its number nor its source text is in this one.
    writeFileSync(join(dir, 'old.xlf'), xliff(() => 'approved').replace(/id="4" resname="4"/, 'id="40" resname="40"').replace('<source>热线。</source>', '<source>另一条热线。</source>'));
    const result = await cli(['review', 'import', 'old.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/old\.xlf:(\d+): error: the trans-unit id of the file \(`40` at line \1\) is not a cue of the current source track/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect((await memory())).toEqual([]);
  });

  it('refuses a file holding one trans-unit id twice, naming both lines', async () => {
    writeFileSync(join(dir, 'twice.xlf'), xliff(() => 'approved').replace(/id="4" resname="4"/, 'id="3" resname="3"'));
    const result = await cli(['review', 'import', 'twice.xlf'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/twice\.xlf:(\d+): error: the trans-unit id `3` at line \1 repeats the one at line \d+; expected each cue once/);
    expect((await memory())).toEqual([]);
  });

  it('imports the changed texts of an edited SRT, aligned by timing, as reviewed', async () => {
    const edited = `1\n00:00:01,400 --> 00:00:03,300\nCitizens call <i>12345</i>,\n\n2\n00:00:03,400 --> 00:00:05,300\nswift response.\n\n3\n00:00:06,300 --> 00:00:08,300\n- Hello!\n- Hi?\n\n4\n00:00:09,300 --> 00:00:11,300\nThe hotline.\n`;
    writeFileSync(join(dir, 'hotline-beijing.en-US.srt'), edited);
    const result = await cli(['review', 'import', 'hotline-beijing.en-US.srt', '--reviewer', 'Li'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('3 units imported (0 approved, 3 reviewed)');
    expect((await memory()).map((e) => [e.target, e.status, e.provider])).toEqual([
      [['Citizens call <i>12345</i>,', 'swift response.'], 'reviewed', 'srt'],
      [['- Hello!\n- Hi?'], 'reviewed', 'srt'],
      [['The hotline.'], 'reviewed', 'srt'],
    ]);
    const again = await cli(['review', 'import', 'hotline-beijing.en-US.srt', '--reviewer', 'Li'], dir);
    expect(again.stdout).toContain('0 units imported (0 approved, 0 reviewed), 3 already in the memory');
  });

  it('asks for the language of an edited track it cannot tell', async () => {
    writeFileSync(join(dir, 'edited.srt'), '1\n00:00:01,000 --> 00:00:03,000\nx\n');
    const result = await cli(['review', 'import', 'edited.srt'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('pass --language <lang>');
  });
});
