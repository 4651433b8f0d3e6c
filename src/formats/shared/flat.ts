/**
 * `text` as one flat string rather than a tree of the pieces it was
 * concatenated from: reading a character makes V8 flatten it. For short
 * one-byte pieces (a cue's number and timing line) that costs little, and a
 * long text appended piece by piece then holds one object a piece where it
 * held a tree of them, which the garbage collector would copy one by one.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
