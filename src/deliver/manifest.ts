import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { formatTimecode, frameRateLabel, msToFrames } from '../model/frame-rate.js';
import type { FrameRate, Lang, Ms, Track } from '../model/track.js';

export interface ManifestTime {
  ms: Ms;
  timecode: string;
}

export interface ManifestFile {
  /** Relative to the delivery folder, `/`-separated. */
  path: string;
  language: Lang;
  /** A format id, `font` for the font DCP subtitles are drawn with, or `unknown` for a file no format of subloc reads (put there by hand). */
  format: string;
  /** This and the cue figures are absent for an `unknown` file. */
  frameRate?: string;
  cues?: number;
  /** Start of the first cue. */
  first?: ManifestTime;
  /** End of the last cue. */
  last?: ManifestTime;
  bytes: number;
  sha256: string;
  /**
   * Not as a delivery left it: `changed` since (its checksum is no longer
   * the one delivered), or `added` to the folder by hand (a font, notes, a
   * `timing fix` output). Described as it is now; no delivery wrote it or
   * put it through the QC gate. Delivering the language again writes its
   * own files anew.
   */
  unverified?: 'changed' | 'added';
}

/** The run that wrote a language's files, as its gate and timing were: a later run of other languages does not change it. */
export interface DeliveryRun {
  created: string;
  profile: string;
  qcProfile: string;
  frameRate: string;
  retimed: boolean;
  start: string;
  /** `--source-start`, as the source counts; absent without it. */
  sourceStart?: string;
  /** The source's rate `sourceStart` counts at: with it, never alone. */
  sourceFrameRate?: string;
  qcErrorsAllowed: boolean;
  /** Absent in a delivery from before drafts were refused. */
  draftsAllowed?: boolean;
  timingFixed: boolean;
}

export interface ManifestLanguage {
  language: Lang;
  delivered: boolean;
  /** For a delivered language: the run that wrote its files (the figures below are that run's). */
  delivery?: DeliveryRun;
  /** A later run that refused to replace this delivery: when, under which QC profile, its QC figures and why. */
  newerRefused?: { created: string; qcProfile: string; qc: { errors: number; warnings: number }; refusal: string };
  /** The source language itself, delivered as it was written: no translation, so no cue is approved, reviewed or a draft. */
  original?: true;
  cues: number;
  /** Cues whose translation a reviewer approved, reviewed, or that are machine drafts nobody reviewed. */
  approved: number;
  reviewed: number;
  drafts: number;
  untranslated: number;
  qc: { errors: number; warnings: number };
  /** With `--fix-timing`: how many times of this language the timing fix moved before the gate. */
  timingChanges?: number;
  /** Why the language was not delivered. */
  refusal?: string;
}

/**
 * What the delivery folder holds. The run fields (`created` to
 * `timingFixed`) describe the latest run; `languages` and `files` also keep
 * the languages earlier runs delivered, each language with the run that
 * delivered it (`delivery`), each file with its own rate.
 */
export interface Manifest {
  tool: { name: string; version: string };
  created: string;
  title: string;
  profile: string;
  qcProfile: string;
  source: { language: Lang; frameRate: string };
  frameRate: string;
  retimed: boolean;
  start: string;
  /** The source's programme start taken off its times (`--source-start`), as the source counts, at `source.frameRate`; absent without it. */
  sourceStart?: string;
  /** Languages with QC errors were delivered anyway (`--allow-qc-errors`). */
  qcErrorsAllowed: boolean;
  /** Cues whose translation is a draft no reviewer confirmed were delivered (`--allow-drafts`). */
  draftsAllowed: boolean;
  /** Each language was timed to the QC profile (`--fix-timing`) before its gate. */
  timingFixed: boolean;
  languages: ManifestLanguage[];
  files: ManifestFile[];
}

export const MANIFEST_FILE = 'manifest.json';

let tool: Manifest['tool'] | undefined;

/** Name and version from the package.json beside `src/` or `dist/`, read once. */
export function toolInfo(): Manifest['tool'] {
  if (!tool) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    tool = { name: pkg.name, version: pkg.version };
  }
  return tool;
}

function at(ms: Ms, rate: FrameRate): ManifestTime {
  return { ms, timecode: formatTimecode(msToFrames(ms, rate), rate) };
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function manifestFile(entry: { path: string; language: Lang; format: string; track: Track; rate: FrameRate; data: Uint8Array }): ManifestFile {
  const { track, rate, data } = entry;
  const first = track.cues.reduce((min, c) => Math.min(min, c.start), Infinity);
  const last = track.cues.reduce((max, c) => Math.max(max, c.end), 0);
  return {
    path: entry.path,
    language: entry.language,
    format: entry.format,
    frameRate: frameRateLabel(rate),
    cues: track.cues.length,
    first: at(Number.isFinite(first) ? first : 0, rate),
    last: at(last, rate),
    bytes: data.byteLength,
    sha256: sha256(data),
  };
}

/** The run fields of a manifest: what each language it delivers records as its `delivery`. */
export function deliveryRun(m: Pick<Manifest, Exclude<keyof DeliveryRun, 'sourceFrameRate'> | 'source'>): DeliveryRun {
  const { created, profile, qcProfile, frameRate, retimed, start, sourceStart, qcErrorsAllowed, draftsAllowed, timingFixed } = m;
  // The start is a timecode at the source's rate, which a later run may give another: kept together.
  const fromSource = sourceStart === undefined ? {} : { sourceStart, sourceFrameRate: m.source.frameRate };
  return { created, profile, qcProfile, frameRate, retimed, start, ...fromSource, qcErrorsAllowed, draftsAllowed, timingFixed };
}

/** The font delivered beside the DCP files: its size and checksum, no cues. */
export function fontManifestFile(path: string, language: Lang, data: Uint8Array): ManifestFile {
  return { path, language, format: 'font', bytes: data.byteLength, sha256: createHash('sha256').update(data).digest('hex') };
}
