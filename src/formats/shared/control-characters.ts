/** `U+001B`: how a message names a character no one can see. */
export function codePointName(c: number): string {
  return `U+${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The refusal's detail for the control character at `offset` of an XML document. */
export function controlCharacter(text: string, offset: number): string {
  return `found the control character ${codePointName(text.charCodeAt(offset))}; expected none: XML 1.0 allows no control character but tab, line feed and carriage return`;
}
