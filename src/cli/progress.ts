import cliProgress from 'cli-progress';
import type { LocalizeEvent } from '../pipeline/localize.js';
import type { CliIo } from './io.js';

/** One bar per language on a terminal; one summary line per language elsewhere. */
export function progressReporter(io: CliIo): { onEvent(event: LocalizeEvent): void; stop(): void } {
  if (!io.interactive) {
    return {
      onEvent(event) {
        if (event.type !== 'language-done') return;
        const r = event.report;
        io.stderr(`  ${r.language.padEnd(7)} ${summary(r)}\n`);
      },
      stop() {},
    };
  }
  const bars = new cliProgress.MultiBar(
    { format: '  {language} {bar} {value}/{total}  {summary}', barsize: 16, hideCursor: true, clearOnComplete: false, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  const byLanguage = new Map<string, cliProgress.SingleBar>();
  return {
    onEvent(event) {
      if (event.type === 'language-start') byLanguage.set(event.language, bars.create(event.units, 0, { language: event.language.padEnd(7), summary: '' }));
      else if (event.type === 'language-progress') byLanguage.get(event.language)?.update(event.done);
      else {
        const bar = byLanguage.get(event.language);
        bar?.update(bar.getTotal(), { summary: summary(event.report) });
      }
    },
    stop: () => bars.stop(),
  };
}

function summary(r: { fromMemory: number; fuzzy: number; machine: number; untranslated: number; billedCharacters: number; needsReview: number; qc: { errors: number; warnings: number } }): string {
  const parts = [`${r.fromMemory} memory`];
  if (r.fuzzy) parts.push(`${r.fuzzy} fuzzy`);
  if (r.machine) parts.push(`${r.machine} machine`);
  parts.push(`${r.untranslated} untranslated`, `${r.billedCharacters} billed`);
  if (r.needsReview) parts.push(`${r.needsReview} to re-review`);
  return `cues: ${parts.join(' · ')} | QC ${r.qc.errors} errors, ${r.qc.warnings} warnings`;
}
