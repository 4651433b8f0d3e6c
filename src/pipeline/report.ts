import type { TimingChange } from '../timing/fix-timing.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Track } from '../model/track.js';
import type { DraftOrigin } from '../model/unit.js';
import type { ReviewPackage } from '../review/types.js';
import type { AssembledTrack } from '../translate/assemble.js';
import type { CondenseResult } from '../translate/translator.js';
import type { LanguageCheck } from './check-language.js';

export interface LanguageReport {
  language: string;
  cues: number;
  /** Cues with a draft, whatever its origin. */
  drafted: number;
  /** Cues drafted from an exact memory match (never billed). */
  fromMemory: number;
  /**
   * Of `fromMemory`, cues whose text is a machine provider's draft an
   * earlier run stored, which no reviewer has confirmed: not billed again,
   * and labelled machine drafts for review, not exact matches.
   */
  machineFromMemory: number;
  /** Cues drafted from a fuzzy memory match: a suggestion the reviewer must check. */
  fuzzy: number;
  /** Cues drafted by a machine provider in this run. */
  machine: number;
  /** Cues without a draft: written with the source text and an `[untranslated]` mark. */
  untranslated: number;
  /** Of those, cues the provider's translation could not be put on (`translate/cue-unplaced` in `diagnostics` and `qc.json`). */
  unplaced: number;
  /** Characters billed by DeepL in this run; in a dry run, what would be billed. */
  billedCharacters: number;
  glossaryViolations: number;
  /** QC findings (glossary findings included) by severity; every finding is in `<lang>/qc.json`. */
  qc: { errors: number; warnings: number };
  /** Cues whose source changed since their reviewed translation: drafted again, the old one offered beside it. */
  needsReview: number;
  /** Per cue id, where its text came from. */
  origins: Record<string, DraftOrigin>;
  /** Paths of the written tracks, relative to the run folder. */
  files: string[];
  /** SHA-256 of each written file, by its path in `files`: the next run tells a translator's edit from its own output. */
  sha256: Record<string, string>;
  /** The review XLIFF was edited since the last run: imported into the memory before this run drafted. */
  reviewImport?: ReviewImport;
  /** DeepL targets with custom instructions, condense on: units over budget after the first and the second pass, characters billed for the second (a dry run: an estimate). */
  condense?: CondenseResult;
  /**
   * A catalog job run more than once (its worker died, the queue paused on
   * the budget or the quota): what its earlier attempts billed, included in
   * `billedCharacters`. Their drafts were stored, so this attempt counts
   * them as from the memory.
   */
  earlierAttempts?: { billedCharacters: number };
  diagnostics: Diagnostic[];
}

export interface ReviewImport {
  /** Path relative to the run folder. */
  file: string;
  /** Units imported onto the track, of which approved (not those kept in the memory only for an old text). */
  imported: number;
  approved: number;
  /** Confirmed units whose source changed since, kept in the memory for their old text and offered beside the new draft. */
  keptForOldText: number;
  /** Units the memory already held so. */
  unchanged: number;
  /** Units not imported (unconfirmed, incomplete…); any confirmed work among them stops the run. */
  skipped: number;
  /** What the import said of the file's units, as `review import` prints it. */
  diagnostics: Diagnostic[];
}

/**
 * A language the run refused before writing any of its files (a translator's
 * edit its new files would lose, a file saved while it drafted): the files in
 * its folder are an earlier run's, left as they were, and none of its figures
 * are given, since this run wrote none.
 */
export interface RefusedLanguage {
  language: string;
  /** The refusal's stable code (`REVIEW_NOT_IMPORTED`). */
  code: string;
  /** Why, and what to do: the message the run ended with. */
  reason: string;
  /** Characters DeepL billed for its drafts in this run (not in `totals`): they are in the memory, and the next run does not bill them again. */
  billedCharacters: number;
  /** SHA-256 of the files an earlier run wrote for it, by path as in `LanguageReport.sha256`: what the next run tells a translator's edit from subloc's own file by. */
  earlierSha256: Record<string, string>;
}

export interface RunReport {
  title: string;
  input: string;
  source: string;
  provider: string;
  dryRun: boolean;
  cues: number;
  units: number;
  /** Reviewed memories (TMX) imported at the start of the run: entries written, unchanged (stored as they are already: a run imports its TMX every time), kept (a higher status was stored), skipped. */
  imported: { file: string; written: number; unchanged: number; kept: number; skipped: number; diagnostics: Diagnostic[] }[];
  /** What DeepL said about the run as a whole (glossary pairs it cannot hold, …). */
  service: Diagnostic[];
  /** The languages written, each as this run wrote it. */
  languages: LanguageReport[];
  /** Languages the run refused, left as an earlier run wrote them; the run ended with the first one's refusal (exit 1). Absent when none was. */
  refused?: RefusedLanguage[];
  totals: { drafted: number; fromMemory: number; machineFromMemory: number; fuzzy: number; machine: number; untranslated: number; billedCharacters: number; glossaryViolations: number };
  /** Diagnostics from reading the source track (and what `--fix-timing` could not fix). */
  diagnostics: Diagnostic[];
  /** With `--fix-timing`: every time of the source that moved, and by which rule. */
  timingChanges?: TimingChange[];
}

function count(origins: Record<string, DraftOrigin>, ...which: DraftOrigin[]): number {
  return Object.values(origins).filter((o) => which.includes(o)).length;
}

export interface LanguageReportInput {
  source: Track;
  assembled: AssembledTrack;
  drafted: { diagnostics: readonly Diagnostic[]; billableCharacters: number; condense?: CondenseResult | undefined };
  check: LanguageCheck;
  pkg: ReviewPackage;
  /** What `writeLanguage` wrote (nothing in a dry run) and what its writers reported. */
  written: { files: string[]; sha256: Record<string, string>; diagnostics: readonly Diagnostic[] };
  reviewImport?: ReviewImport | undefined;
}

/** What `run.json` and the CLI say about one language: where each cue's text came from, what it cost, what was found and written. */
export function languageReport(input: LanguageReportInput): LanguageReport {
  const { assembled, check, written } = input;
  const { track, untranslated } = assembled;
  const origins: Record<string, DraftOrigin> = {};
  // Cue by cue, as the review package says: a reviewer's cue comes from the memory, though the provider filled the cues left empty beside it.
  const packaged = new Map(input.pkg.cues.map((c) => [c.id, c.origin]));
  for (const cue of input.source.cues) origins[cue.id] = packaged.get(cue.id) ?? assembled.origins.get(cue.id)?.origin ?? 'untranslated';
  const report: LanguageReport = {
    language: track.language,
    cues: track.cues.length,
    drafted: track.cues.length - untranslated.length,
    fromMemory: count(origins, 'memory-exact'),
    machineFromMemory: input.pkg.cues.filter((c) => origins[c.id] === 'memory-exact' && c.provider !== undefined && c.provider !== 'memory').length,
    fuzzy: count(origins, 'memory-fuzzy'),
    machine: count(origins, 'machine', 'pseudo'),
    untranslated: untranslated.length,
    unplaced: new Set(check.unplaced.map((d) => d.cueId)).size,
    billedCharacters: input.drafted.billableCharacters,
    glossaryViolations: check.violations.length,
    qc: { errors: check.findings.filter((f) => f.severity === 'error').length, warnings: check.findings.filter((f) => f.severity === 'warning').length },
    needsReview: input.pkg.cues.filter((c) => c.state === 'needs-review').length,
    origins,
    files: written.files,
    sha256: written.sha256,
    diagnostics: [...input.drafted.diagnostics, ...check.violations, ...written.diagnostics],
  };
  if (input.reviewImport) report.reviewImport = input.reviewImport;
  if (input.drafted.condense) report.condense = input.drafted.condense;
  return report;
}

export function totals(languages: readonly LanguageReport[]): RunReport['totals'] {
  const sum = (pick: (l: LanguageReport) => number) => languages.reduce((n, l) => n + pick(l), 0);
  return {
    drafted: sum((l) => l.drafted),
    fromMemory: sum((l) => l.fromMemory),
    machineFromMemory: sum((l) => l.machineFromMemory),
    fuzzy: sum((l) => l.fuzzy),
    machine: sum((l) => l.machine),
    untranslated: sum((l) => l.untranslated),
    billedCharacters: sum((l) => l.billedCharacters),
    glossaryViolations: sum((l) => l.glossaryViolations),
  };
}

const written = new WeakMap<RunReport, string>();

/** The report as `run.json` holds it, made once: `--json` prints the same text the run wrote. A report is not changed once made. */
export function reportJson(report: RunReport): string {
  let text = written.get(report);
  if (text === undefined) written.set(report, (text = `${JSON.stringify(report, null, 2)}\n`));
  return text;
}
