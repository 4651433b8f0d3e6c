import { diagnostic, fixedMessage, type Diagnostic, type Location } from '../model/diagnostic.js';
import { excerpt } from '../formats/shared/excerpt.js';

/** Every message TMX import emits, in one place; codes are stable. */
export const messages = {
  notTmx: (fileName: string, root: string, at: Location): Diagnostic =>
    diagnostic('tmx/not-tmx', 'error', `${fileName} has the root element \`<${excerpt(root)}>\`; expected \`<tmx>\` with a \`<header>\` and a \`<body>\`; nothing was imported`, at),
  noBody: fixedMessage('tmx/no-body', 'error', '`<tmx>` has no `<body>`; expected `<body>` holding the `<tu>` elements; nothing was imported'),
  missingSrclang: fixedMessage('tmx/missing-srclang', 'error', '`<header>` has no `srclang`; expected the source language (e.g. `srclang="zh-Hans"`); every `<tu>` without its own `srclang` was skipped'),
  repeatedUnit: (lang: string, earlierLine: number | undefined, kept: boolean, at: Location): Diagnostic =>
    diagnostic(
      'tmx/repeated-unit',
      'warning',
      `this unit's source is translated into ${excerpt(lang)} ${earlierLine === undefined ? 'earlier in the file' : `at line ${earlierLine}`} too, differently; the memory keeps one translation a sentence: kept ${kept ? 'this one (newer, or later in the file at equal date and status)' : 'the earlier one (newer, or of a higher status)'}`,
      at,
    ),
  allSrclang: (units: number, at: Location): Diagnostic =>
    diagnostic(
      'tmx/tu-without-srclang',
      'error',
      `\`<header srclang="*all*">\` leaves the source language to each \`<tu>\`, and ${units === 1 ? 'one has' : `${units} have`} no \`srclang\` (the first here); expected \`<tu srclang="…">\`, or the source language given (\`memory import --source <lang>\`; \`localize\` gives its own); ${units === 1 ? 'the unit was' : 'they were'} skipped`,
      at,
    ),
  noSourceTuv: (lang: string, found: readonly string[], at: Location): Diagnostic =>
    diagnostic('tmx/no-source-tuv', 'error', `\`<tu>\` has no \`<tuv xml:lang="${excerpt(lang)}">\` for the source language (found ${found.length === 0 ? 'no `<tuv>`' : found.map((l) => `\`${excerpt(l)}\``).join(', ')}); the unit was skipped`, at),
  extraSourceTuv: (lang: string, at: Location): Diagnostic =>
    diagnostic('tmx/extra-source-tuv', 'warning', `a second \`<tuv xml:lang="${excerpt(lang)}">\` for the source language; expected one; used the first and ignored this one`, at),
  tuvWithoutLang: fixedMessage('tmx/tuv-without-lang', 'error', '`<tuv>` has no `xml:lang`; expected the language of its text; this variant was skipped'),
  tuvWithoutSeg: (lang: string, at: Location): Diagnostic =>
    diagnostic('tmx/tuv-without-seg', 'error', `\`<tuv xml:lang="${excerpt(lang)}">\` has no \`<seg>\`; expected one holding its text; skipped`, at),
  emptyTarget: (lang: string, at: Location): Diagnostic =>
    diagnostic('tmx/empty-target', 'warning', `\`<tuv xml:lang="${excerpt(lang)}">\` has an empty \`<seg>\`; an untranslated variant is not a translation, so it was not imported`, at),
  cueCountMismatch: (lang: string, sourceCues: number, targetCues: number, at: Location): Diagnostic =>
    diagnostic('tmx/cue-count-mismatch', 'error', `the ${excerpt(lang)} \`<seg>\` has ${targetCues} cue${targetCues === 1 ? '' : 's'} and the source has ${sourceCues}; expected one \`<ph type="x-cue-break"/>\`-separated part per source cue; the entry was skipped`, at),
  unknownStatus: (value: string, at: Location): Diagnostic =>
    diagnostic('tmx/unknown-status', 'warning', `\`<prop type="x-subloc-status">${excerpt(value)}</prop>\` is not a status; expected draft, reviewed or approved; imported as draft`, at),
  badCueStatus: (value: string, cues: number, unitStatus: string, at: Location): Diagnostic =>
    diagnostic('tmx/bad-cue-status', 'warning', `\`<prop type="x-subloc-cue-status">${excerpt(value)}</prop>\` does not give the unit's ${cues} cue${cues === 1 ? '' : 's'} a status each; expected ${cues} of draft, reviewed or approved separated by spaces; took every cue as the unit's status (${unitStatus})`, at),
  otherSourceLanguage: (units: number, found: string, track: string): Diagnostic =>
    diagnostic(
      'tmx/other-source-language',
      'warning',
      `${units} unit${units === 1 ? ' is a translation' : 's are translations'} from ${excerpt(found)}, and the source track is in ${track}: ` +
        `${units === 1 ? 'it is' : 'they are'} stored in the memory, but no run of this track can use ${units === 1 ? 'it' : 'them'}; ` +
        `expected \`<tuv xml:lang="${track}">\` (or pass --source ${excerpt(found)} if the track is in ${excerpt(found)})`,
    ),
  badDate: (attribute: string, value: string, at: Location): Diagnostic =>
    diagnostic('tmx/bad-date', 'warning', `\`${attribute}="${excerpt(value)}"\` is not a TMX date; expected YYYYMMDDThhmmssZ (e.g. 20261128T160000Z); took the unit as undated (older than any entry in the memory)`, at),
  unsupportedCodes: (codes: readonly string[], at: Location): Diagnostic =>
    diagnostic('tmx/unsupported-code', 'warning', `\`<seg>\` holds inline codes subloc does not carry (${codes.join(', ')}); expected \`<bpt>\`/\`<ept>\` for italic, bold or underline, or \`<ph type="x-cue-break"/>\` or \`<ph type="lb"/>\`; kept their content as text`, at),
};
