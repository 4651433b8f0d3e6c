export { createDeepLConnection, type DeepLConnection, type DeepLConnectionOptions } from './client.js';
export { translateUnits, type PreparedText, type Protection, type TranslateUnitsOptions, type TranslateUnitsResult } from './translate.js';
export { syncGlossary, type GlossarySyncOptions, type GlossarySyncResult } from './glossary-sync.js';
export { planBatches, formEncodedLength, DEEPL_LIMITS, type Batch, type BatchLimits, type PlanOptions } from './batches.js';
export { deeplSource, deeplTarget, deeplGlossaryLanguage, supportsCustomInstructions } from './languages.js';
export { overBudget } from './condense.js';
export { deeplFailure } from './errors.js';
export { billableAtMost, type DeepLGate, type DeepLPermit } from './gate.js';
export { requestLanes, type Lane, type RequestLanes } from './request-lanes.js';
