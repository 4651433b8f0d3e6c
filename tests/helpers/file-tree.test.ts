import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './cli.js';
import { fileTree } from './file-tree.js';

describe('fileTree', () => {
  it('gives every file below a folder, hidden and nested ones too, by its relative path with `/`', () => {
    const dir = tempDir('subloc-file-tree-');
    mkdirSync(join(dir, 'fr-FR', '.deliver.next'), { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{}');
    writeFileSync(join(dir, 'fr-FR', 'a.srt'), 'é');
    writeFileSync(join(dir, 'fr-FR', '.deliver.next', 'b.srt'), 'b');
    mkdirSync(join(dir, 'empty'));
    expect(fileTree(dir, 'utf8')).toEqual({ 'manifest.json': '{}', 'fr-FR/a.srt': 'é', 'fr-FR/.deliver.next/b.srt': 'b' });
    expect(fileTree(dir, 'base64')['fr-FR/a.srt']).toBe(Buffer.from('é').toString('base64'));
  });

  it('gives nothing for a folder that is not there', () => {
    expect(fileTree(join(tempDir('subloc-file-tree-'), 'missing'), 'utf8')).toEqual({});
  });
});
