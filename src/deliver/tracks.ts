import { parse } from '../formats/parse.js';
import type { Glossary, Matcher } from '../glossary/index.js';
import { glossaryContentHash } from '../glossary/index.js';
import type { MemoryStore } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import { SublocError } from '../errors.js';
import { assembleLanguage } from '../pipeline/assemble-language.js';
import { draftLanguage } from '../pipeline/draft-language.js';
import { readInput } from '../pipeline/read-input.js';
import type { Profile } from '../qc/index.js';
import type { AssembledTrack } from '../translate/assemble.js';
import type { Unit } from '../translate/unit.js';

/** The source track `localize` ran on, read the same way; refused when it has errors. */
export async function readSourceTrack(options: { input: string; source: Lang; title: string; encoding?: string }): Promise<Track> {
  const parsed = parse(await readInput(options.input), { fileName: options.input, language: options.source, ...(options.encoding === undefined ? {} : { encoding: options.encoding }) });
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (first || parsed.track.cues.length === 0) {
    throw new SublocError('PARSE_FAILED', `cannot read the source track: ${first ? first.message : 'no cues found'}; expected the track \`subloc localize\` ran on`, {
      file: options.input,
      ...(first?.line === undefined ? {} : { line: first.line }),
      diagnostics: parsed.diagnostics,
    });
  }
  const track: Track = { ...parsed.track, language: options.source, meta: { ...parsed.track.meta } };
  track.meta.title ??= options.title;
  return track;
}

export interface LanguageTrack extends AssembledTrack {
  /** Cues by the review status of the memory entry their text came from. */
  status: { approved: number; reviewed: number; drafts: number };
  diagnostics: Diagnostic[];
}

/**
 * A language as `localize` would write it, from the memory alone: exact
 * matches of any status (the QC gate decides), no provider and no fuzzy
 * guess; cues the memory lacks are marked untranslated.
 */
export async function languageTrack(input: {
  source: Track;
  units: readonly Unit[];
  target: Lang;
  memory: MemoryStore;
  profile: Profile;
  glossary?: { glossary: Glossary; matcher: Matcher } | undefined;
  frameRate?: FrameRate;
}): Promise<LanguageTrack> {
  const { source, units, target, memory, glossary } = input;
  const drafted = await draftLanguage({
    units,
    pair: { source: source.language, target },
    memory,
    glossaryVersion: glossary ? glossaryContentHash(glossary.glossary, target) : '',
    translator: undefined,
    onProgress: () => {},
  });
  const assembled = assembleLanguage({ source, units, drafts: drafted.drafts, target, profile: input.profile, glossary, frameRate: input.frameRate });
  const status = { approved: 0, reviewed: 0, drafts: 0 };
  for (const draft of assembled.origins.values()) {
    if (draft.status === 'approved') status.approved++;
    else if (draft.status === 'reviewed') status.reviewed++;
    else status.drafts++;
  }
  return { ...assembled, status, diagnostics: drafted.diagnostics };
}
