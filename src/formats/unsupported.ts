/** How the start of a file shows a subtitle format subloc does not read, and what it is called. */
const KNOWN: ReadonlyArray<[start: RegExp, kind: string]> = [
  [/^\s*\[script info\]/i, 'an Advanced SubStation Alpha script (ASS/SSA)'],
  [/^\s*\{\d+\}\{\d*\}/, 'a MicroDVD file (frame-numbered `{start}{end}` lines)'],
  [/^\s*\d+:\d\d:\d\d\.\d+,\d+:\d\d:\d\d\.\d+/, 'a SubViewer or YouTube SBV file'],
  [/^\s*scenarist_scc/i, 'a Scenarist SCC caption file (CEA-608)'],
  [/^\s*<sami[\s>]/i, 'a SAMI file'],
  [/^\s*\[(?:ar|ti|al|au|by|length|offset|re|ve|\d+:\d\d)[:.\]]/i, 'an LRC lyrics file'],
];

/** The name of the subtitle format the text is written in, when it is one subloc knows of but does not read. */
export function unsupportedFormat(text: string): string | undefined {
  const head = text.slice(0, 1024);
  return KNOWN.find(([start]) => start.test(head))?.[1];
}
