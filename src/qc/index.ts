export { defineRule, type QcContext, type Report, type ReportOptions, type Rule } from './define-rule.js';
export { forLanguage, type Profile, type RuleSeverity, type Sourced } from './profile.js';
export { profiles } from './profiles/index.js';
export { parseProfile } from './profile-file.js';
export { loadProfile, namesProfileFile } from './load-profile.js';
export { rules, ruleIds } from './rules/index.js';
export { runQc, type QcOptions } from './run.js';
export { cueMetrics, readingChars, type CueMetrics } from './metrics.js';
export { compareNumbers, findNumbers, type NumberComparison, type NumberToken } from './number-values.js';
