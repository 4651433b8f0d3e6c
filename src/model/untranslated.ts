/** Marks a cue no provider could draft: its source stays visible, never passed off as a translation. */
export const UNTRANSLATED_MARK = '[untranslated]';
