import cliProgress from 'cli-progress';
import type { LocalizeEvent } from '../pipeline/localize.js';
import { t } from './i18n.js';
import type { CliIo } from './io.js';
import { count, styleFor, type Style } from './style.js';

/** One bar per language on a terminal; one summary line per language elsewhere; nothing under `--quiet`. */
export function progressReporter(io: CliIo): { onEvent(event: LocalizeEvent): void; stop(): void } {
  const style = styleFor(io);
  if (io.quiet === true) return { onEvent() {}, stop() {} };
  if (!io.interactive) {
    return {
      onEvent(event) {
        if (event.type !== 'language-done') return;
        const r = event.report;
        io.stderr(`  ${r.language.padEnd(7)} ${summary(r, style)}\n`);
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
      else if (event.type === 'language-done') {
        const bar = byLanguage.get(event.language);
        bar?.update(bar.getTotal(), { summary: summary(event.report, style) });
      }
    },
    stop: () => bars.stop(),
  };
}

function summary(
  r: { fromMemory: number; fuzzy: number; machine: number; untranslated: number; unplaced: number; billedCharacters: number; needsReview: number; qc: { errors: number; warnings: number }; condense?: { overBudgetFirst: number; overBudgetSecond: number } },
  style: Style,
): string {
  const parts = [t('progress.memory', { n: r.fromMemory })];
  if (r.fuzzy) parts.push(t('progress.fuzzy', { n: r.fuzzy }));
  if (r.machine) parts.push(t('progress.machine', { n: r.machine }));
  parts.push(t('progress.untranslated', { n: r.untranslated }));
  if (r.unplaced) parts.push(t('progress.unplaced', { n: r.unplaced }));
  parts.push(t('progress.billed', { n: r.billedCharacters }));
  if (r.condense?.overBudgetFirst) parts.push(t('progress.condensed', { first: r.condense.overBudgetFirst, second: r.condense.overBudgetSecond }));
  if (r.needsReview) parts.push(t('progress.reReview', { n: r.needsReview }));
  const errors = count(style, r.qc.errors, 'red', t('progress.errors', { n: r.qc.errors }));
  const warnings = count(style, r.qc.warnings, 'yellow', t('progress.warnings', { n: r.qc.warnings }));
  return t('progress.summary', { parts: parts.join(' · '), errors, warnings });
}
