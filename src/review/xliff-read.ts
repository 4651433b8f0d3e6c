import { elements, elementTree, textOf, type Element } from '../formats/shared/xml/element-tree.js';
import { xmlReader } from '../formats/shared/xml/read-xml.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Lang } from '../model/track.js';
import { plainOf, type TaggedText } from '../model/tagged-text.js';
import type { ReviewState } from './types.js';
import { readInline } from './xliff-inline.js';
import { messages } from './xliff-messages.js';
import { reviewStateOf } from './xliff-states.js';
import { GROUP_PREFIX, NOTE_FROM } from './xliff-write.js';
import { lineJoiner } from '../model/language.js';

export interface XliffCue {
  /** The `<trans-unit id>`: the cue id. */
  id: string;
  /** The enclosing `<group>`'s unit id; empty when a tool dropped the groups. */
  unitId: string;
  source: TaggedText;
  /** Null when the file has no `<target>` or an empty one. */
  target: TaggedText | null;
  state: ReviewState;
  /** The `contact-name` of the `<phase>` the target or unit names. */
  reviewer?: string;
  /** The cue's notes that are not subloc's own (a reviewer's comment, a note a CAT tool added), one a line. */
  comment?: string;
  /** 1-based line of the `<trans-unit>`. */
  line: number;
}

export interface XliffRead {
  title: string;
  sourceLang: Lang;
  targetLang: Lang;
  /** When subloc wrote the file (`<file date>`), when it says. */
  written?: string;
  cues: XliffCue[];
  diagnostics: Diagnostic[];
}

const readXliffXml = xmlReader({ format: { code: 'xliff', name: 'XLIFF', outcome: 'nothing was imported' }, validate: 'always' });

/** The notes subloc writes on a trans-unit (see xliff-write.ts), by their shape. */
const SUBLOC_NOTE =
  /^(?:(?:timing|budget|reading speed|glossary): |(?:error|warning|info): [\w-]+\/[\w-]+: |machine draft\b.*, not checked yet$|(?:exact|fuzzy) match from the translation memory\b.*, not checked yet$|the source of this cue, or of another cue of its sentence, changed since|(?:reviewed|approved)(?: by .+)?$)/;

/** `<title>.<sourceLang>` → title, for files whose tool dropped `product-name`. */
function titleOf(file: Element, sourceLang: string): string | undefined {
  const product = file.attrs['product-name'];
  if (product !== undefined && product.trim() !== '') return product;
  const original = file.attrs['original'];
  if (original === undefined) return undefined;
  const suffix = `.${sourceLang}`;
  return original.toLowerCase().endsWith(suffix.toLowerCase()) ? original.slice(0, -suffix.length) : original;
}

function phases(file: Element): Map<string, string> {
  const out = new Map<string, string>();
  for (const header of elements(file, 'header')) {
    for (const group of elements(header, 'phase-group')) {
      for (const phase of elements(group, 'phase')) {
        const name = phase.attrs['phase-name'];
        const contact = phase.attrs['contact-name'];
        if (name !== undefined && contact !== undefined && contact.trim() !== '') out.set(name, contact.trim());
      }
    }
  }
  return out;
}

/** Trans-units in document order with their unit: subloc's `<group>`, or none when a tool flattened them. */
function transUnits(parent: Element, unitId: string, out: { tu: Element; unitId: string }[]): void {
  for (const child of parent.children) {
    if (typeof child === 'string') continue;
    if (child.name === 'trans-unit') out.push({ tu: child, unitId });
    else if (child.name === 'group') {
      const id = child.attrs['resname'] ?? (child.attrs['id']?.startsWith(GROUP_PREFIX) ? child.attrs['id'].slice(GROUP_PREFIX.length) : undefined);
      transUnits(child, id ?? unitId, out);
    }
  }
}

/**
 * Reads a review XLIFF 1.2 back, as subloc wrote it or as a CAT tool returns
 * it: added `<alt-trans>`, notes and phases, changed states, `approved="yes"`,
 * `<seg-source>` with `<mrk mtype="seg">` segmentation, `<bpt>`/`<ept>` in
 * place of `<g>`. Never throws; a file that cannot be read is an error
 * diagnostic and no cues.
 */
export function readXliff(text: string, fileName: string): XliffRead {
  const xml = readXliffXml(text);
  const result: XliffRead = { title: '', sourceLang: '', targetLang: '', cues: [], diagnostics: xml.diagnostics };
  const { diagnostics } = result;
  const { locator } = xml;
  if (!xml.root || !locator) return result;
  const root = elementTree(xml.root);
  const at = (element: Element) => locator.atIndex(element.index);
  if (root.name !== 'xliff') {
    diagnostics.push(messages.notXliff(fileName, root.name, at(root)));
    return result;
  }
  const version = root.attrs['version'] ?? '';
  if (!/^1\.[0-2]$/.test(version)) {
    diagnostics.push(messages.version(version, at(root)));
    return result;
  }
  const files = elements(root, 'file');
  const file = files[0];
  const body = file && elements(file, 'body')[0];
  if (!file || !body) {
    diagnostics.push(messages.noFile(at(file ?? root)));
    return result;
  }
  if (files.length > 1) diagnostics.push(messages.extraFiles(files.length, at(files[1]!)));
  // Okapi and POSIX-minded tools write `fr_FR`: the BCP 47 tag is `fr-FR`.
  const sourceLang = file.attrs['source-language']?.replace(/_/g, '-');
  const targetLang = file.attrs['target-language']?.replace(/_/g, '-');
  if (sourceLang === undefined) diagnostics.push(messages.missingAttribute('file', 'source-language', at(file)));
  if (targetLang === undefined) diagnostics.push(messages.missingAttribute('file', 'target-language', at(file)));
  const title = sourceLang === undefined ? undefined : titleOf(file, sourceLang);
  if (sourceLang !== undefined && title === undefined) diagnostics.push(messages.missingAttribute('file', 'original', at(file)));
  if (sourceLang === undefined || targetLang === undefined || title === undefined) return result;
  Object.assign(result, { title, sourceLang, targetLang });
  const date = file.attrs['date'];
  if (date !== undefined && !Number.isNaN(Date.parse(date))) result.written = date;

  const contacts = phases(file);
  const units: { tu: Element; unitId: string }[] = [];
  transUnits(body, '', units);
  for (const { tu, unitId } of units) {
    const id = tu.attrs['id'] ?? '';
    const where = at(tu);
    const source = elements(tu, 'source')[0] ?? elements(tu, 'seg-source')[0];
    if (!source) {
      diagnostics.push(messages.noSource(id, where));
      continue;
    }
    const sourceRead = readInline(source.children, lineJoiner(sourceLang ?? ''));
    const target = elements(tu, 'target')[0];
    const targetRead = target && readInline(target.children, lineJoiner(targetLang ?? ''));
    // `<g ctype="italic"></g>` alone is a cleared target: tags without words translate nothing.
    const hasTarget = targetRead !== undefined && plainOf(targetRead.text).trim() !== '';
    const unsupported = [...new Set([...sourceRead.unsupported, ...(targetRead?.unsupported ?? [])])];
    if (unsupported.length > 0) diagnostics.push(messages.unsupportedCodes(unsupported, id, where));
    if ((targetRead?.deletions ?? 0) > 0) diagnostics.push(messages.trackedDeletions(id, where));
    const stateAttr = target?.attrs['state'];
    const { state, known } = reviewStateOf({ state: stateAttr, qualifier: target?.attrs['state-qualifier'], approved: tu.attrs['approved'], hasTarget });
    if (!known && stateAttr !== undefined) diagnostics.push(messages.unknownState(stateAttr, id, where));
    const cue: XliffCue = { id, unitId, source: sourceRead.text, target: hasTarget ? targetRead.text : null, state, line: where.line };
    const phase = target?.attrs['phase-name'] ?? tu.attrs['phase-name'];
    const reviewer = phase === undefined ? undefined : contacts.get(phase);
    if (reviewer !== undefined) cue.reviewer = reviewer;
    const notes = elements(tu, 'note')
      .filter((n) => n.attrs['from'] !== NOTE_FROM)
      .map((n) => ({ text: textOf(n).trim(), from: n.attrs['from'] }))
      // A tool that drops `from` leaves subloc's own notes unmarked: known by their shape, they are still not a comment.
      .filter((n) => n.text !== '' && !(n.from === undefined && SUBLOC_NOTE.test(n.text)))
      .map((n) => n.text);
    if (notes.length > 0) cue.comment = notes.join('\n');
    result.cues.push(cue);
  }
  return result;
}
