import { describe, expect, it } from 'vitest';
import { reviewImportCommand } from '../../src/pipeline/import-command.js';

const run = { input: '/films/hotline/film.zh-Hans.srt', source: 'zh-Hans', title: 'film', out: '/films/hotline/out', memory: '/films/hotline/.subloc/memory.sqlite' };

describe('reviewImportCommand', () => {
  it('spells out the run’s options, each word quoted only where a shell would read it otherwise', () => {
    expect(reviewImportCommand('/films/hotline/out/film/en-US/film.en-US.xlf', run)).toBe(
      '`subloc review import /films/hotline/out/film/en-US/film.en-US.xlf --input /films/hotline/film.zh-Hans.srt --source zh-Hans --title film --out /films/hotline/out --memory /films/hotline/.subloc/memory.sqlite`',
    );
    expect(reviewImportCommand("/films/Tom's film/a.xlf", { ...run, config: '/films/Tom\'s film/subloc.config.json', encoding: 'gb18030' })).toBe(
      "`subloc review import '/films/Tom'\\''s film/a.xlf' --config '/films/Tom'\\''s film/subloc.config.json' --input /films/hotline/film.zh-Hans.srt --source zh-Hans --title film --out /films/hotline/out --encoding gb18030 --memory /films/hotline/.subloc/memory.sqlite`",
    );
  });

  it('gives the rate the command line gave the run (a config’s comes with its --config), as it reads back', () => {
    expect(reviewImportCommand('/out/film/en-US/film.en-US.xlf', { ...run, fpsOption: { numerator: 25, denominator: 1 } })).toContain(' --fps 25 ');
    expect(reviewImportCommand('/out/film/en-US/film.en-US.xlf', { ...run, fpsOption: { numerator: 30000, denominator: 1001, dropFrame: true } })).toContain(' --fps 29.97df ');
  });

  it('never shows a memory address that holds a password', () => {
    const said = reviewImportCommand('/out/film/en-US/film.en-US.xlf', { ...run, memory: 'postgres://subloc:s3cret@db.example/subloc' });
    expect(said).not.toContain('s3cret');
    expect(said).not.toContain('--memory postgres');
    expect(said).toContain('with the --memory this run was given');
  });
});
