export type { Glossary, Rendering, Term } from './types.js';
export { parseGlossary, loadGlossary, glossaryFits, type GlossaryUse } from './load.js';
export {
  createMatcher,
  createTargetMatcher,
  type Matcher,
  type RenderingKind,
  type RenderingMatch,
  type TargetMatcher,
  type TermMatch,
} from './match.js';
export { protect, PROTECT_TAG, type ProtectOptions, type Protected, type RestoreResult } from './protect.js';
export { localizeNumber } from './numbers.js';
export { checkDraft, type CheckInput } from './check.js';
export { checkUnits, type UnitText } from './check-units.js';
export { deeplEntries, glossaryContentHash } from './deepl-entries.js';
export { renderingFor } from './rendering.js';
export { termIndex } from './term-index.js';
export { draftVersions, type DraftVersions } from './draft-versions.js';
