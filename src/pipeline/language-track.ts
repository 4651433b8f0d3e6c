import type { Glossary, Matcher } from '../glossary/index.js';
import { draftVersions } from '../glossary/index.js';
import type { MemoryStore } from '../memory/store.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang, Track } from '../model/track.js';
import type { Profile } from '../qc/index.js';
import type { AssembledTrack } from '../translate/assemble.js';
import { cueStatusOf, type Unit } from '../model/unit.js';
import { assembleLanguage } from './assemble-language.js';
import { draftLanguage, type DraftLanguageResult } from './draft-language.js';

export interface LanguageTrack extends AssembledTrack, Pick<DraftLanguageResult, 'drafts' | 'suggestions'> {
  /** Cues by their review status in the memory entry their text came from. */
  status: { approved: number; reviewed: number; drafts: number };
  /** The cues counted as drafts: their text came from an entry no reviewer confirmed. */
  draftCues: string[];
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
    versions: draftVersions(glossary?.glossary, target, glossary?.matcher),
    translator: undefined,
    onProgress: () => {},
  });
  const assembled = assembleLanguage({ source, units, drafts: drafted.drafts, target, profile: input.profile, glossary, frameRate: input.frameRate });
  const status = { approved: 0, reviewed: 0, drafts: 0 };
  const draftCues: string[] = [];
  for (const unit of units) {
    unit.cueIds.forEach((cueId, k) => {
      const draft = assembled.origins.get(cueId);
      if (draft === undefined) return;
      const cueStatus = cueStatusOf(draft, k);
      if (cueStatus === 'approved') status.approved++;
      else if (cueStatus === 'reviewed') status.reviewed++;
      else {
        status.drafts++;
        draftCues.push(cueId);
      }
    });
  }
  return { ...assembled, status, draftCues, drafts: drafted.drafts, suggestions: drafted.suggestions, diagnostics: drafted.diagnostics };
}
