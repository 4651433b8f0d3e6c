import type { Diagnostic } from '../model/diagnostic.js';
import type { Ms } from '../model/track.js';
import type { ReviewCue, ReviewPackage } from './types.js';
import { xmlAttr, xmlPlainText } from '../formats/shared/xml-escape.js';
import { inlineXml } from './xliff-inline.js';
import { XLIFF_STATE } from './xliff-states.js';

const TOOL = { id: 'subloc', name: 'subloc', version: '0.1.0' } as const;
/** What subloc's own notes say they are from; a CAT tool's and a translator's notes say something else. */
export const NOTE_FROM = 'subloc';
/** `<group id>` of a sentence unit: `u-` and the unit id. */
export const GROUP_PREFIX = 'u-';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const PRIORITY: Readonly<Record<Diagnostic['severity'], number>> = { error: 1, warning: 2, info: 3 };

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `00:00:12,208`: the SRT form translators know. */
export function clock(ms: Ms): string {
  const t = Math.max(0, Math.round(ms));
  return `${pad(Math.floor(t / 3_600_000))}:${pad(Math.floor(t / 60_000) % 60)}:${pad(Math.floor(t / 1000) % 60)},${pad(t % 1000, 3)}`;
}

function seconds(ms: Ms): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

function note(text: string, priority: number): string {
  return `<note from="${NOTE_FROM}" priority="${priority}">${xmlPlainText(text)}</note>`;
}

function originNote(cue: ReviewCue): string | undefined {
  const by = cue.provider === undefined ? '' : ` (${cue.provider})`;
  switch (cue.state) {
    case 'untranslated':
      return 'untranslated: nothing in the memory and no machine draft';
    case 'machine':
      // Not billed again, and no exact match a reviewer stands behind: the machine's draft an earlier run stored.
      return `machine draft${by}${cue.origin === 'memory-exact' ? ', from the memory' : ''}, not checked yet`;
    case 'memory':
      return `exact match from the translation memory${by}, not checked yet`;
    case 'fuzzy':
      return `fuzzy match from the translation memory${cue.score === undefined ? '' : ` (${Math.round(cue.score * 100)}%)`}, not checked yet`;
    case 'needs-review':
      return 'the source of this cue, or of another cue of its sentence, changed since its translation was reviewed: the sentence was drafted again and needs review; the earlier translation is offered as the previous version';
    case 'reviewed':
    case 'approved':
      return `${cue.state}${cue.reviewer === undefined ? '' : ` by ${cue.reviewer}`}`;
  }
}

function notes(cue: ReviewCue): string[] {
  const out: string[] = [];
  // From the reviewer, not from subloc: a CAT tool shows who said it, and an import does not take it for subloc's own.
  if (cue.comment !== undefined) out.push(`<note from="${xmlAttr(cue.reviewer ?? 'reviewer')}" priority="1">${xmlPlainText(cue.comment)}</note>`);
  const origin = originNote(cue);
  if (origin) out.push(note(origin, cue.state === 'needs-review' ? 1 : 3));
  out.push(note(`timing: ${clock(cue.start)} → ${clock(cue.end)} (${seconds(cue.end - cue.start)})`, 3));
  const m = cue.metrics;
  out.push(note(`budget: ${cue.target === null ? '' : `${m.chars} of `}${m.budget} characters (reading speed and lines of the QC profile)`, cue.target !== null && m.chars > m.budget ? 2 : 3));
  if (cue.target !== null) out.push(note(`reading speed: ${m.charsPerSecond.toFixed(1)} characters/s; ${m.lines} line${m.lines === 1 ? '' : 's'}, the longest ${m.maxLineWidth} characters`, 3));
  for (const term of cue.terms) out.push(note(`glossary: ${term.source} → ${term.expected}`, 2));
  for (const f of cue.findings) out.push(note(`${f.severity}: ${f.code}: ${f.message}`, PRIORITY[f.severity]));
  return out;
}

function altTrans(cue: ReviewCue, lang: string): string | undefined {
  if (cue.suggestion === undefined) return undefined;
  const previous = cue.state === 'needs-review';
  const quality = cue.score === undefined || previous ? '' : ` match-quality="${Math.round(cue.score * 100)}"`;
  return `<alt-trans alttranstype="${previous ? 'previous-version' : 'proposal'}" origin="${previous ? 'subloc-reviewed' : 'subloc-memory'}"${quality}><target xml:lang="${xmlAttr(lang)}">${inlineXml(cue.suggestion)}</target></alt-trans>`;
}

function transUnit(cue: ReviewCue, lang: string, phaseOf: ReadonlyMap<string, string>, indent: string): string[] {
  const x = XLIFF_STATE[cue.state];
  const approved = x.approved ? ' approved="yes"' : '';
  const out = [`${indent}<trans-unit id="${xmlAttr(cue.id)}" resname="${xmlAttr(cue.id)}"${approved} size-unit="char" maxwidth="${cue.metrics.budget}" xml:space="preserve">`];
  const inner = `${indent}  `;
  out.push(`${inner}<source>${inlineXml(cue.source)}</source>`);
  if (x.state !== undefined && cue.target !== null) {
    const qualifier = x.qualifier === undefined ? '' : ` state-qualifier="${x.qualifier}"`;
    const phase = cue.reviewer === undefined || (cue.state !== 'reviewed' && cue.state !== 'approved') ? undefined : phaseOf.get(cue.reviewer);
    out.push(`${inner}<target state="${x.state}"${qualifier}${phase === undefined ? '' : ` phase-name="${phase}"`}>${inlineXml(cue.target)}</target>`);
  }
  const alt = altTrans(cue, lang);
  if (alt) out.push(`${inner}${alt}`);
  for (const n of notes(cue)) out.push(`${inner}${n}`);
  out.push(`${indent}</trans-unit>`);
  return out;
}

/** Units in order of their first cue; a unit's cues stay together even if the package lists them apart. */
function groups(cues: readonly ReviewCue[]): ReviewCue[][] {
  const byUnit = new Map<string, ReviewCue[]>();
  for (const cue of cues) {
    const list = byUnit.get(cue.unitId);
    if (list) list.push(cue);
    else byUnit.set(cue.unitId, [cue]);
  }
  return [...byUnit.values()];
}

/**
 * The review package as XLIFF 1.2 (valid against the OASIS strict schema),
 * which memoQ, Trados, OmegaT and Phrase open: one `<group>` per sentence
 * unit, one `<trans-unit>` per cue with its source, draft and state, the
 * earlier translation as `<alt-trans>`, and notes for the translator (timing,
 * reading speed, expected glossary terms, QC findings). The title is the
 * file's `product-name` and `original` is `<title>.<sourceLang>`, so an
 * import can tell which title and language the file belongs to. Reviewers
 * are `<phase>`s, each reviewed target naming its phase. Made in pieces,
 * a `<group>` a sentence unit between its header and its end, so its writer
 * can let the event loop turn while it is made.
 */
export function* xliffParts(pkg: ReviewPackage): Generator<string> {
  const reviewers = [...new Set(pkg.cues.flatMap((c) => (c.reviewer !== undefined && (c.state === 'reviewed' || c.state === 'approved') ? [c.reviewer] : [])))];
  const phaseOf = new Map(reviewers.map((r, k) => [r, `review-${k + 1}`]));
  const unitGroups = groups(pkg.cues);
  const date = ISO_DATE_TIME.test(pkg.generatedAt) ? ` date="${xmlAttr(pkg.generatedAt)}"` : '';
  const fps = pkg.frameRate === undefined ? '' : `; frame rate ${+(pkg.frameRate.numerator / pkg.frameRate.denominator).toFixed(3)} fps`;
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    `  <file original="${xmlAttr(`${pkg.title}.${pkg.sourceLang}`)}" source-language="${xmlAttr(pkg.sourceLang)}" target-language="${xmlAttr(pkg.targetLang)}" datatype="plaintext" tool-id="${TOOL.id}" product-name="${xmlAttr(pkg.title)}"${date}>`,
    '    <header>',
  ];
  if (reviewers.length > 0) {
    out.push('      <phase-group>');
    for (const r of reviewers) out.push(`        <phase phase-name="${phaseOf.get(r)!}" process-name="review" tool-id="${TOOL.id}" contact-name="${xmlAttr(r)}"/>`);
    out.push('      </phase-group>');
  }
  out.push(
    `      <tool tool-id="${TOOL.id}" tool-name="${TOOL.name}" tool-version="${TOOL.version}"/>`,
    `      ${note(`${pkg.title}: ${pkg.sourceLang} → ${pkg.targetLang}; ${pkg.cues.length} cues in ${unitGroups.length} sentence units; QC profile ${pkg.profile}${fps}. Cues of one unit are translated together. Set a cue to signed-off (reviewed) or final/approved, then send the file back for \`subloc review import\`.`, 3)}`,
    '    </header>',
    '    <body>',
    '',
  );
  yield out.join('\n');
  for (const cues of unitGroups) {
    const unitId = cues[0]!.unitId;
    // The character budget as CAT tools enforce it: memoQ, Trados, Phrase and OmegaT read maxwidth in characters.
    const budget = cues.reduce((sum, c) => sum + c.metrics.budget, 0);
    const group = [`      <group id="${xmlAttr(GROUP_PREFIX + unitId)}" resname="${xmlAttr(unitId)}" size-unit="char" maxwidth="${budget}">`];
    for (const cue of cues) for (const line of transUnit(cue, pkg.targetLang, phaseOf, '        ')) group.push(line);
    group.push('      </group>', '');
    yield group.join('\n');
  }
  yield '    </body>\n  </file>\n</xliff>\n';
}
