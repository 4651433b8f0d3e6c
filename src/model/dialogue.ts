/** The dash a speaker's line opens with (`- `, `-`, `– `, Spanish `—`). */
export const DIALOGUE_DASH = /^\s*[-–—]/;

/**
 * A cue written as dialogue: two lines or more, each opening with a dash.
 * Each of those dashes is a speaker's, whatever follows it (`-¿Cuántas
 * veces?` / `-3 veces.`): a minus sign opens no line of a dialogue.
 */
export function isDialogue(lines: readonly string[]): boolean {
  return lines.length > 1 && lines.every((line) => DIALOGUE_DASH.test(line));
}

/** A cue's lines as they are said: a dialogue's without its speakers' dashes (`-3 veces.` says 3, not minus 3). */
export function withoutSpeakerDashes(lines: readonly string[]): string[] {
  return isDialogue(lines) ? lines.map((line) => line.replace(DIALOGUE_DASH, '')) : [...lines];
}
