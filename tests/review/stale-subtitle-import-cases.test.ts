import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from '../../src/formats/parse.js';
import { lineText } from '../../src/model/spans.js';
import { resolveLocalizeOptions } from '../../src/pipeline/options.js';
import { openReviewSession } from '../../src/pipeline/review-session.js';
import type { CueChange } from '../../src/pipeline/review-session-types.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'en-US';
const TRACK = `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.srt`;

/** The sample localized into en-US (SRT), in a folder of its own. */
async function project(): Promise<string> {
  const dir = tempDir('subloc-srt-import-');
  for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(dir, path), { recursive: true });
  await localize(dir);
  return dir;
}

async function localize(dir: string): Promise<void> {
  const run = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG], dir);
  expect(run.code, run.stderr).toBe(0);
}

/** Saves in the studio as `reviewer`, each change on the cue's current revision. */
async function studio(dir: string, reviewer: string, changes: Record<string, Omit<CueChange, 'revision'>>): Promise<void> {
  const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG] }, dir, {});
  const session = await openReviewSession({ localize: options, languages: [LANG], reviewer });
  try {
    for (const [id, change] of Object.entries(changes)) {
      const cue = (await session.track(LANG))!.find((c) => c.id === id)!;
      expect((await session.save(LANG, id, { ...change, revision: cue.revision })).outcome).toBe('saved');
    }
  } finally {
    await session.close();
  }
}

/** A copy of the track as written now (or of an earlier copy `from`), with the first line of some cues replaced. */
function copyWith(dir: string, name: string, lines: Record<string, string>, from = TRACK): void {
  let text = readFileSync(join(dir, from), 'utf8');
  const track = parse(Buffer.from(text), { fileName: from }).track;
  for (const [id, line] of Object.entries(lines)) text = text.replace(track.cues.find((c) => c.id === id)!.lines.map(lineText).join('\n'), line);
  writeFileSync(join(dir, name), text);
}

function cueText(dir: string, id: string): string {
  return parse(readFileSync(join(dir, TRACK)), { fileName: TRACK }).track.cues.find((c) => c.id === id)!.lines.map(lineText).join(' ');
}

const importAs = (dir: string, file: string, reviewer?: string) => cli(['review', 'import', file, ...(reviewer === undefined ? [] : ['--reviewer', reviewer])], dir);

describe('review import of an edited SRT, against the versions localize recorded', () => {
  it('treats a file it cannot date as older than any save: a colleague’s studio work is not replaced', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    await studio(dir, 'Alice', { '2': { text: 'A city of more than 20 million.' } });
    rmSync(join(dir, `out/hotline-beijing/${LANG}/.subloc-versions.json`));
    copyWith(dir, `bob.${LANG}.srt`, { '9': 'Bob, cue nine.' }, 'copy.snapshot');
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.stderr).toMatch(/cue 2: Alice saved "A city of more than 20 million\." \(reviewed\) in the review studio at .*, and this file cannot be dated .*\[review\/changed-since\]/);
    await localize(dir);
    expect(cueText(dir, '2')).toBe('A city of more than 20 million.');
    expect(cueText(dir, '9')).toBe('Bob, cue nine.');
  }, 60_000);

  it('takes an edit of a cue nobody changed since; an edit of one saved before a copy it cannot tell apart is sent to the studio', async () => {
    const dir = await project();
    await studio(dir, 'Alice', { '2': { text: 'A city of more than 20 million.' }, '9': { state: 'approved' } });
    await localize(dir);
    copyWith(dir, `bob.${LANG}.srt`, { '2': 'A city of well over 20 million.', '12': 'Bob, cue twelve.' });
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    // The copies before and after Alice's save differ only in the cue Bob edited: which one he had, nothing tells.
    expect(result.stderr).toMatch(/cue 2: Alice saved .*settle the cue in the review studio: a copy cannot tell whether it was made before or after that save\) \[review\/changed-since\]/);
    await localize(dir);
    expect(cueText(dir, '2')).toBe('A city of more than 20 million.');
    expect(cueText(dir, '12')).toBe('Bob, cue twelve.');
  }, 60_000);

  it('never lays an edit made for an older source text on the new one', async () => {
    const dir = await project();
    copyWith(dir, `bob.${LANG}.srt`, { '9': 'The hutong narrows to barely 3 meters.' });
    const source = join(dir, 'subtitles/hotline-beijing.zh-Hans.srt');
    writeFileSync(source, readFileSync(source, 'utf8').replace('只有三米多宽。', '只有两米宽，车根本过不去。'));
    await localize(dir);
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.stderr).toMatch(/cue 9: its source text changed after the earliest track this file may have been edited from .*\[review\/source-changed\]/);
    await localize(dir);
    expect(cueText(dir, '9')).not.toContain('barely 3 meters');
  }, 60_000);

  it('keeps the newer text of the cues of a sentence the file left untouched, and every comment', async () => {
    const dir = await project();
    copyWith(dir, `bob.${LANG}.srt`, { '13': 'Last year, people in this area' });
    // Cues 13 and 14 are one sentence; Anna changes 14 and comments on it after Bob took his copy.
    await studio(dir, 'Anna', { '14': { text: 'phoned 12345 over 400 times about parking.', comment: 'Check the figure with the director.' } });
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.code, result.stderr).toBe(0);
    await localize(dir);
    expect(cueText(dir, '13')).toBe('Last year, people in this area');
    expect(cueText(dir, '14')).toBe('phoned 12345 over 400 times about parking.');
    expect(readFileSync(join(dir, `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.xlf`), 'utf8')).toContain('Check the figure with the director.');
  }, 60_000);

  it('keeps an approval of a cue the file left untouched, beside an edit of its sentence', async () => {
    const dir = await project();
    await studio(dir, 'Anna', { '14': { state: 'approved' } });
    await localize(dir);
    copyWith(dir, `bob.${LANG}.srt`, { '13': 'Last year, people in this area' });
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.code, result.stderr).toBe(0);
    const options = await resolveLocalizeOptions({ config: 'subloc.config.json', targets: [LANG] }, dir, {});
    const session = await openReviewSession({ localize: options, languages: [LANG] });
    try {
      const cues = (await session.track(LANG))!;
      expect(cues.find((c) => c.id === '13')).toMatchObject({ text: 'Last year, people in this area', state: 'reviewed' });
      expect(cues.find((c) => c.id === '14')).toMatchObject({ state: 'approved' });
    } finally {
      await session.close();
    }
  }, 60_000);

  it('knows a cue by its source text when a new cut renumbers the cues', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    await studio(dir, 'Alice', { '20': { text: 'Alice, cue twenty.' } });
    // A title card inserted before the first cue: every cue is numbered one more.
    const source = join(dir, 'subtitles/hotline-beijing.zh-Hans.srt');
    writeFileSync(source, `0\n00:00:00,500 --> 00:00:02,000\n热线北京\n\n${readFileSync(source, 'utf8')}`);
    await localize(dir);
    cpSync(join(dir, 'copy.snapshot'), join(dir, `bob.${LANG}.srt`));
    const copy = readFileSync(join(dir, `bob.${LANG}.srt`), 'utf8');
    const track = parse(Buffer.from(copy), { fileName: 'bob.srt' }).track;
    writeFileSync(join(dir, `bob.${LANG}.srt`), copy.replace(track.cues.find((c) => c.id === '60')!.lines.map(lineText).join('\n'), 'Bob, cue sixty.'));
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.code, result.stderr).toBe(0);
    await localize(dir);
    const now = parse(readFileSync(join(dir, TRACK)), { fileName: TRACK }).track.cues;
    expect(now.map((c) => c.lines.map(lineText).join(' '))).toContain('Alice, cue twenty.');
    expect(now.map((c) => c.lines.map(lineText).join(' '))).toContain('Bob, cue sixty.');
  }, 60_000);

  it('judges a copy older than every version kept as one it cannot date', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    await studio(dir, 'Alice', { '20': { text: 'Alice, cue twenty.' } });
    for (let round = 0; round < 10; round++) {
      await studio(dir, 'Carol', { [String(30 + round)]: { text: `Carol, round ${round}.` } });
      await localize(dir);
    }
    copyWith(dir, `bob.${LANG}.srt`, { '60': 'Bob, cue sixty.' }, 'copy.snapshot');
    await localize(dir);
    const result = await importAs(dir, `bob.${LANG}.srt`, 'Bob');
    expect(result.stderr).toMatch(/cue 20: Alice saved .*this file cannot be dated/);
    await localize(dir);
    expect(cueText(dir, '20')).toBe('Alice, cue twenty.');
  }, 120_000);

  it('refuses an importer’s second edit of a cue another reviewer saved, though the first import kept it beside his', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    // Cues 13 and 14 are one sentence: Anna saves 13; Bob's copy edits 14, and the import keeps Anna's 13 in his entry.
    await studio(dir, 'Anna', { '13': { text: 'Anna, cue thirteen' } });
    copyWith(dir, `bob.${LANG}.srt`, { '14': 'Bob, cue fourteen.' }, 'copy.snapshot');
    expect((await importAs(dir, `bob.${LANG}.srt`, 'Bob')).code).toBe(0);
    copyWith(dir, `bob2.${LANG}.srt`, { '13': 'Bob, cue thirteen', '14': 'Bob, cue fourteen.' }, 'copy.snapshot');
    const second = await importAs(dir, `bob2.${LANG}.srt`, 'Bob');
    expect(second.stderr).toContain('[review/changed-since]');
    await localize(dir);
    expect(cueText(dir, '13')).toBe('Anna, cue thirteen');
    expect(cueText(dir, '14')).toBe('Bob, cue fourteen.');
  }, 60_000);

  it('knows a repeated source line by its text, when a new cut drops one of its cues', async () => {
    const dir = await project();
    const source = join(dir, 'subtitles/hotline-beijing.zh-Hans.srt');
    const original = readFileSync(source, 'utf8');
    const third = parse(Buffer.from(original), { fileName: 'src.srt' }).track.cues.find((c) => c.id === '3')!.lines.map(lineText).join('\n');
    writeFileSync(source, `0\n00:00:02,000 --> 00:00:05,000\n${third}\n\n${original}`);
    await localize(dir);
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    await studio(dir, 'Sam', { '5': { text: 'Sam, cue five.' } });
    writeFileSync(source, original);
    await localize(dir);
    // The copy numbers its cues 1, 2, 3… from the title card on: its cue 6 is the source's cue 5, which Sam saved.
    cpSync(join(dir, 'copy.snapshot'), join(dir, `tina.${LANG}.srt`));
    const blocks = readFileSync(join(dir, `tina.${LANG}.srt`), 'utf8').split('\n\n');
    blocks[5] = [...blocks[5]!.split('\n').slice(0, 2), 'Tina, cue five.'].join('\n');
    writeFileSync(join(dir, `tina.${LANG}.srt`), blocks.join('\n\n'));
    const result = await importAs(dir, `tina.${LANG}.srt`, 'Tina');
    expect(result.stderr).toMatch(/cue 5: Sam saved .*\[review\/changed-since\]/);
    await localize(dir);
    expect(cueText(dir, '5')).toBe('Sam, cue five.');
  }, 60_000);

  it('treats a lost or unreadable history of versions as one copies may be older than', async () => {
    for (const lose of ['delete', 'corrupt'] as const) {
      const dir = await project();
      writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
      await studio(dir, 'Sam', { '5': { text: 'Sam, cue five.' } });
      const versions = join(dir, `out/hotline-beijing/${LANG}/.subloc-versions.json`);
      if (lose === 'delete') rmSync(versions);
      else writeFileSync(versions, readFileSync(versions, 'utf8').slice(0, 200));
      await localize(dir);
      copyWith(dir, `tina.${LANG}.srt`, { '5': 'Tina, cue five.' }, 'copy.snapshot');
      const result = await importAs(dir, `tina.${LANG}.srt`, 'Tina');
      expect(result.stderr, lose).toMatch(/cue 5: Sam saved .*cannot be dated/);
      await localize(dir);
      expect(cueText(dir, '5'), lose).toBe('Sam, cue five.');
    }
  }, 120_000);

  it('says nothing of a cue whose words are the memory’s, broken otherwise', async () => {
    const dir = await project();
    await studio(dir, 'Sam', { '7': { text: 'Fine, I will note it\nand pass it on at once.' } });
    await localize(dir);
    copyWith(dir, `tina.${LANG}.srt`, {});
    const result = await importAs(dir, `tina.${LANG}.srt`, 'Tina');
    expect(result.stderr).not.toContain('older-text');
  }, 60_000);

  it('reads the versions of a language named in another case (en-us)', async () => {
    const dir = await project();
    writeFileSync(join(dir, 'copy.snapshot'), readFileSync(join(dir, TRACK)));
    await studio(dir, 'Alice', { '2': { text: 'A city of more than 20 million.' } });
    copyWith(dir, 'bob.en-us.srt', { '9': 'Bob, cue nine.' }, 'copy.snapshot');
    const result = await importAs(dir, 'bob.en-us.srt', 'Bob');
    expect(result.stderr).toMatch(/cue 2: the file holds the text subloc wrote at .*untouched.*\[review\/older-text\]/);
    await localize(dir);
    expect(cueText(dir, '2')).toBe('A city of more than 20 million.');
  }, 60_000);
});
