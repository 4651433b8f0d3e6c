import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openMemory } from '../../src/memory/sqlite.js';
import { cli, cliProcess, tempDir } from '../helpers/cli.js';
import { entry } from './entries.js';

const HEADER = '<header creationtool="t" creationtoolversion="1" segtype="block" o-tmf="t" adminlang="en" srclang="zh-Hans" datatype="plaintext"/>';
const tu = (zh: string, en: string, props = '') => `<tu changedate="20261101T100000Z">${props}<tuv xml:lang="zh-Hans"><seg>${zh}</seg></tuv><tuv xml:lang="en-US"><seg>${en}</seg></tuv></tu>`;
const tmx = (...tus: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n${HEADER}\n<body>\n${tus.join('\n')}\n</body>\n</tmx>\n`;

describe('subloc memory', () => {
  it('imports TMX, counts what it wrote, found unchanged and kept, and exports it again', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'approved.tmx'), tmx(tu('您好', 'Hello', '<prop type="x-subloc-status">approved</prop>'), tu('胡同', '<bpt i="1">&lt;i&gt;</bpt>hutong<ept i="1">&lt;/i&gt;</ept>')));
    writeFileSync(join(dir, 'drafts.tmx'), tmx(tu('您好', 'Hi there'), tu('社区', 'community')));

    const first = await cli(['memory', 'import', 'approved.tmx', '--memory', 'tm/memory.sqlite'], dir);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('approved.tmx: 2 written, 0 unchanged (already stored as they are), 0 kept (the stored entry has a higher status, is newer, or is a reviewer’s of the same status), 0 skipped with errors\n');
    expect(first.code).toBe(0);

    const second = await cli(['memory', 'import', 'drafts.tmx', '--status', 'draft', '--memory', 'tm/memory.sqlite'], dir);
    expect(second.stdout).toMatch(/^drafts\.tmx: 1 written, 0 unchanged \(.*\), 1 kept/);
    expect(second.code).toBe(0);
    // The same file again: nothing in it is news to the memory, and the counts say so (every unit was "written" again).
    const again = await cli(['memory', 'import', 'approved.tmx', '--memory', 'tm/memory.sqlite'], dir);
    expect(again.stdout).toMatch(/^approved\.tmx: 0 written, 2 unchanged \(.*\), 0 kept/);

    const stats = await cli(['memory', 'stats', '--memory', 'tm/memory.sqlite'], dir);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('3 entries');
    expect(stats.stdout).toMatch(/zh-Hans → en-US +3 +\(draft 1, reviewed 1, approved 1\)/);

    const exported = await cli(['memory', 'export', '-o', 'out/memory.tmx', '--memory', 'tm/memory.sqlite'], dir);
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain('exported 3 entries to out/memory.tmx');
    const text = readFileSync(join(dir, 'out/memory.tmx'), 'utf8');
    expect(text).toContain('srclang="zh-Hans"');
    expect(text).toContain('<seg>Hello</seg>');
    expect(text).toContain('<bpt i="1" type="italic">&lt;i&gt;</bpt>hutong<ept i="1">&lt;/i&gt;</ept>');
    expect(text).not.toContain('Hi there');

    const store = openMemory(join(dir, 'tm/memory.sqlite'));
    expect((await store.exact(['您好'], { source: 'zh-Hans', target: 'en-US' }, ''))?.target).toEqual(['Hello']);
    await store.close();
  });

  it('says what decoding a TMX found, with its line, and reads it in the encoding --encoding names', async () => {
    const dir = tempDir('subloc-memory-cli-');
    // One line saved by a Windows editor: its `é` is the single byte 0xE9 in a UTF-8 file.
    const text = tmx(tu('北京', 'Pékin'), tu('早上', 'Matin à 7 h'));
    const [before, after] = text.split('Pékin') as [string, string];
    writeFileSync(join(dir, 'mixed.tmx'), Buffer.concat([Buffer.from(`${before}P`, 'utf8'), Buffer.from([0xe9]), Buffer.from(`kin${after}`, 'utf8')]));
    const said = await cli(['memory', 'import', 'mixed.tmx', '--memory', 'm.sqlite'], dir);
    const line = text.split('\n').findIndex((l) => l.includes('Pékin')) + 1;
    expect(said.stderr).toContain(`mixed.tmx:${line}: warning: line ${line} is not UTF-8 like the rest of the file`);
    expect(said.stderr).toContain('[decode/mixed-encodings]');
    // A Windows-1252 file whose declaration says UTF-8: --encoding reads it as it is.
    const french = tmx(tu('Hello', 'Café'), tu('Fine', 'Très bien')).replaceAll('en-US', 'fr-FR').replaceAll('zh-Hans', 'en-US');
    writeFileSync(join(dir, 'cp1252.tmx'), Buffer.from(french, 'latin1'));
    const right = await cli(['memory', 'import', 'cp1252.tmx', '--encoding', 'windows-1252', '--memory', 'right.sqlite'], dir);
    expect(right.code).toBe(0);
    const store = openMemory(join(dir, 'right.sqlite'));
    expect((await store.exact(['Fine'], { source: 'en-US', target: 'fr-FR' }, ''))?.target).toEqual(['Très bien']);
    await store.close();
  });

  it('counts a pair once in stats, however its entries spell the tags', async () => {
    const dir = tempDir('subloc-memory-cli-');
    const store = openMemory(join(dir, 'm.sqlite'));
    await store.put([entry({ source: ['一'] }), entry({ source: ['二'], sourceLang: 'ZH-hans', targetLang: 'EN-US' })]);
    await store.close();
    const stats = await cli(['memory', 'stats', '--memory', 'm.sqlite'], dir);
    expect(stats.stdout).toMatch(/zh-Hans → en-US +2 /);
    expect(stats.stdout).not.toContain('EN-US');
  });

  it('exports one pair to stdout', async () => {
    const dir = tempDir('subloc-memory-cli-');
    const store = openMemory(join(dir, 'm.sqlite'));
    await store.put([entry({ source: ['一'] }), entry({ source: ['二'], targetLang: 'fr-FR' })]);
    await store.close();
    const r = await cli(['memory', 'export', '--target', 'fr-FR', '--memory', 'm.sqlite'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^<\?xml/);
    expect(r.stdout).toContain('<tuv xml:lang="fr-FR">');
    expect(r.stdout).not.toContain('<tuv xml:lang="en-US">');
    // A pair named as other tools write it (`fr_FR`, as OmegaT does) is the same pair.
    const other = await cli(['memory', 'export', '--source', 'ZH_hans', '--target', 'fr_FR', '--memory', 'm.sqlite'], dir);
    expect(other.stdout).toContain('<tuv xml:lang="fr-FR">');
    expect(other.stdout).toContain('srclang="zh-Hans"');
  });

  it('honours SUBLOC_MEMORY', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'a.tmx'), tmx(tu('您好', 'Hello')));
    expect((await cli(['memory', 'import', 'a.tmx'], dir, { SUBLOC_MEMORY: 'elsewhere.sqlite' })).code).toBe(0);
    expect(existsSync(join(dir, 'elsewhere.sqlite'))).toBe(true);
  });

  it('uses .subloc/memory.sqlite in the working directory by default', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'a.tmx'), tmx(tu('您好', 'Hello')));
    expect((await cli(['memory', 'import', 'a.tmx'], dir)).code).toBe(0);
    expect(existsSync(join(dir, '.subloc/memory.sqlite'))).toBe(true);
  });

  it('imports what it can read, reports the rest with file and line, and exits 1', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'mixed.tmx'), tmx(tu('您好', 'Hello'), tu('一<ph type="x-cue-break"/>二', 'one two')));
    const r = await cli(['memory', 'import', 'mixed.tmx', '--memory', 'm.sqlite'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('mixed.tmx: 1 written, 0 unchanged (already stored as they are), 0 kept (the stored entry has a higher status, is newer, or is a reviewer’s of the same status), 1 skipped with errors\n');
    expect(r.stderr).toMatch(/^mixed\.tmx:6: error: the en-US `<seg>` has 1 cue and the source has 2.* \[tmx\/cue-count-mismatch\]$/m);
  });

  it('refuses an entity bomb without importing anything', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'bomb.tmx'), `<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n${tmx(tu('&b;', 'x')).split('\n').slice(1).join('\n')}`);
    const r = await cli(['memory', 'import', 'bomb.tmx', '--memory', 'm.sqlite'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('bomb.tmx: not imported (see the errors above)\n');
    expect(r.stderr).toContain('bomb.tmx:2:16: error: found an `<!ENTITY>` declaration (`a`)');
    // Nothing to store: no memory is made for it.
    expect(existsSync(join(dir, 'm.sqlite'))).toBe(false);
  });

  it('refuses an entity bomb whose DOCTYPE hides behind a comment, with its file, line and column, and no stack trace', async () => {
    const dir = tempDir('subloc-memory-cli-');
    const prolog = '<?xml version="1.0"?>\n<!-- <a> ]> -->\n<?tool x?>\n\n<!DOCTYPE tmx [\n  <!ENTITY a "aaaaaaaaaa">\n  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n';
    writeFileSync(join(dir, 'evil.tmx'), prolog + tmx(tu('&b;', 'x')).split('\n').slice(1).join('\n'));
    const r = cliProcess(['memory', 'import', 'evil.tmx', '--memory', 'm.sqlite'], dir);
    expect(r.code).toBe(1);
    const errors = r.stderr.split('\n').filter((l) => l.includes('error:'));
    expect(errors).toEqual([expect.stringMatching(/^evil\.tmx:6:3: error: found an `<!ENTITY>` declaration \(`a`\) in the `<!DOCTYPE>` internal subset; expected a DOCTYPE with no entity declarations.*\[tmx\/doctype-entities\]$/)]);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(r.stdout).toBe('evil.tmx: not imported (see the errors above)\n');
    expect(existsSync(join(dir, 'm.sqlite'))).toBe(false);
  });

  it('says when there is no memory to export or count', async () => {
    const dir = tempDir('subloc-memory-cli-');
    const stats = await cli(['memory', 'stats', '--memory', 'none.sqlite'], dir);
    expect(stats.code).toBe(0);
    expect(stats.stdout).toContain('no translation memory yet (0 entries)');
    const exported = await cli(['memory', 'export', '--memory', 'none.sqlite'], dir);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toMatch(/no translation memory at .*none\.sqlite; expected one made by `subloc localize`/);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });

  it('names a memory file that is not a database', async () => {
    const dir = tempDir('subloc-memory-cli-');
    writeFileSync(join(dir, 'notes.txt'), 'meeting notes, not a memory\n'.repeat(40));
    const r = await cli(['memory', 'stats', '--memory', 'notes.txt'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`cannot use ${join(dir, 'notes.txt')} as the translation memory: the file is not an SQLite database`);
  });

  it('exits 2 on a wrong command line', async () => {
    const dir = tempDir('subloc-memory-cli-');
    expect((await cli(['memory'], dir)).code).toBe(2);
    expect((await cli(['memory', 'purge'], dir)).stderr).toContain('unknown action `purge`; expected one of export, import, stats');
    expect((await cli(['memory', 'import', '--memory', 'm.sqlite'], dir)).code).toBe(2);
    const status = await cli(['memory', 'import', 'a.tmx', '--status', 'final'], dir);
    expect(status.code).toBe(2);
    expect(status.stderr).toContain('--status `final` is not a status; expected draft, reviewed, approved');
  });
});
