import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LanguageDelivery } from '../../src/pipeline/deliver.js';
import { cli, tempDir } from '../helpers/cli.js';

const root = resolve(import.meta.dirname, '../..');
const LANG = 'fr-FR';
const BEFORE = "Plus de 20 millions d'habitants,";
const AFTER = "Plus de vingt millions d'habitants,";

/**
 * A translator may edit any track `localize` writes into its folder, not only
 * the SRT or WebVTT: a TTML (IMSC), EBU-TT-D or DCP track edited in place is
 * read back by its format's reader, as `review import` reads an SRT. `deliver`
 * used to look at SRT and WebVTT alone and shipped the text such an edit
 * replaced; `localize` refused it, saying no import could read it.
 */
describe('a track of localize’s folder edited in place, in every format localize writes', () => {
  let sample = '';

  beforeAll(async () => {
    sample = tempDir('subloc-edited-tracks-');
    for (const path of ['subloc.config.json', 'glossary.json', 'subtitles']) cpSync(join(root, path), join(sample, path), { recursive: true });
    // Offline from the sample's TMX memory: every cue reviewed, so a delivery is gated by the edit alone.
    const run = await cli(['localize', '--config', 'subloc.config.json', '--target', LANG, '--formats', 'srt,vtt,ttml,ebu-tt-d,dcp-smpte,dcp-interop'], sample);
    expect(run.code, run.stderr).toBe(0);
  }, 60_000);

  /** A copy of the localized sample, its folder and memory as the run left them. */
  const copy = () => {
    const dir = tempDir('subloc-edited-track-');
    cpSync(sample, dir, { recursive: true });
    return dir;
  };
  const trackIn = (dir: string, suffix: string) => join(dir, `out/hotline-beijing/${LANG}/hotline-beijing.${LANG}.${suffix}`);
  const localize = (dir: string) => cli(['localize', '--config', 'subloc.config.json', '--target', LANG, '--formats', 'srt,vtt,ttml,ebu-tt-d,dcp-smpte,dcp-interop'], dir);
  const deliver = async (dir: string) => {
    const r = await cli(['deliver', '--config', 'subloc.config.json', '--language', LANG, '--profile', 'default', '--formats', 'srt', '--allow-qc-errors', '--json'], dir);
    return { ...r, language: (JSON.parse(r.stdout) as { languages: LanguageDelivery[] }).languages[0]! };
  };
  const delivered = (dir: string) => readFileSync(join(dir, `deliverables/hotline-beijing/${LANG}/hotline-beijing.${LANG}.srt`), 'utf8');
  const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it.each(['imsc.ttml', 'ebu-tt-d.xml', 'dcp-smpte.xml', 'dcp-interop.xml'])(
    '.%s: deliver refuses the language until review import took the edit, then ships it; localize names the import, then writes the edit into every track',
    async (suffix) => {
      const dir = copy();
      const track = trackIn(dir, suffix);
      const written = readFileSync(track, 'utf8');
      expect(written).toContain(BEFORE);
      writeFileSync(track, written.replace(BEFORE, AFTER));

      const refused = await deliver(dir);
      expect(refused.code).toBe(1);
      expect(refused.language.delivered).toBe(false);
      const said = refused.language.refusal!;
      expect(said).toMatch(new RegExp(`^${LANG}: not delivered: ${escaped(track)} holds edits the memory lacks, for cue 2; this delivery would leave them out and ship the old text: run \`subloc review import ${escaped(track)} `));

      const blocked = await localize(dir);
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`${track} changed since subloc wrote it, and this run would write over it; it was left as it is and nothing was written. Run \`subloc review import ${track} `);
      expect(readFileSync(track, 'utf8')).toContain(AFTER);

      // The command deliver names, run as written from another folder.
      const named = /run `subloc (review import [^`]*)`/.exec(said)![1]!.split(' ');
      const imported = await cli([...named, '--reviewer', 'Lucie'], root);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toMatch(/: 1 unit imported \(0 approved, 1 reviewed\)/);
      expect(imported.stderr).not.toContain('localize will still refuse');

      const shipped = await deliver(dir);
      expect(shipped.code, shipped.stderr).toBe(0);
      expect(delivered(dir)).toContain(AFTER);
      expect((await localize(dir)).code).toBe(0);
      for (const other of ['srt', 'vtt', 'imsc.ttml', 'ebu-tt-d.xml', 'dcp-smpte.xml', 'dcp-interop.xml']) expect(readFileSync(trackIn(dir, other), 'utf8'), other).toContain(AFTER);
    },
    60_000,
  );

  it('says after review import of a TTML whose edits it left out that localize still refuses it, and deliver refuses it too', async () => {
    const dir = copy();
    const track = trackIn(dir, 'imsc.ttml');
    // A cue of the translator's own, long after the film's last: it falls on no source cue, and is left out.
    writeFileSync(track, readFileSync(track, 'utf8').replace(BEFORE, AFTER).replace('</div>', '  <p begin="00:20:00:00" end="00:20:02:00">Un sous-titre à moi.</p>\n    </div>'));
    const imported = await cli(['review', 'import', track, '--config', 'subloc.config.json', '--reviewer', 'Lucie'], dir);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stderr).toContain("localize will still refuse to write over it: make those cues' changes in the studio (subloc review serve) or the XLIFF");
    expect((await localize(dir)).code).toBe(1);
    const refused = await deliver(dir);
    expect(refused.language.refusal).toMatch(new RegExp(`^${LANG}: not delivered: ${escaped(track)} holds edits \`review import\` leaves out `));
  }, 60_000);
});
