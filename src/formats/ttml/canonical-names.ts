import type { Diagnostic } from '../../model/diagnostic.js';
import { messages } from './messages.js';
import { CONVENTIONAL, vocabularyOf, type Vocabulary } from './namespaces.js';
import type { Locator } from '../shared/xml/locator.js';
import { ATTRS, isBlank, nameOf, TEXT, textOf, type XNode } from '../shared/xml/nodes.js';
import type { TagScan } from '../shared/xml/tags.js';

/** Prefixes that name a TTML vocabulary when written as such. */
const CANONICAL_PREFIXES = new Set<string>(['tt', 'tts', 'ttp', 'ttm', 'xml']);

/** In-scope namespace declarations, made once per element that declares any. */
export class Scope {
  /** Attribute prefix → whether names with it may stay as written. */
  readonly keeps = new Map<string, boolean>();

  constructor(
    readonly uris: ReadonlyMap<string, string>,
    /** Unprefixed element names are TTML core names. */
    readonly plainIsTt: boolean,
  ) {}
}

/**
 * One walk over the parser's tree that renames what needs it, replacing the
 * node in its parent's list; elements already spelled the canonical way
 * (nearly all) are left untouched.
 */
export class Canonicalizer {
  readonly diagnostics: Diagnostic[] = [];
  /** Set from the root: a `tt` in no namespace makes every unqualified element TTML. */
  noNamespaceIsTt = false;
  rootLocal = '';
  rootNs = '';
  /** Pre-order index of the next element, for the locator. */
  private index = 0;
  private readonly warnedPrefixes = new Set<string>();
  private foreignText: { said: Diagnostic; message: string; more: number } | undefined;

  constructor(
    private readonly locator: Locator,
    private readonly tags: TagScan,
  ) {}

  /** `inText`: the parent is a `p` or `span`, where a foreign element's text is what a reader would miss. */
  visit(list: XNode[], index: number, name: string, parentScope: Scope, isRoot: boolean, inText = false): void {
    const at = this.index;
    // Where unprefixed names are TTML already, a subtree without prefixes or declarations (a whole body, usually) stays as it is.
    if (!isRoot && parentScope.plainIsTt && this.tags.unqualified[at] === 1) {
      this.index = this.tags.ends[at]!;
      return;
    }
    this.index++;
    const node = list[index]!;
    const raw = node[ATTRS] as Record<string, string> | undefined;

    let scope = parentScope;
    let foreignPrefixes = false;
    if (raw) {
      let declared: Map<string, string> | undefined;
      for (const key in raw) {
        if (key.charCodeAt(0) === 0x78 && (key === 'xmlns' || key.startsWith('xmlns:'))) {
          declared ??= new Map(parentScope.uris);
          declared.set(key === 'xmlns' ? '' : key.slice(6), raw[key]!);
        } else if (!foreignPrefixes && key.indexOf(':') >= 0 && !key.startsWith('xml:')) {
          foreignPrefixes = true;
        }
      }
      if (declared) scope = new Scope(declared, this.isTt(declared.get('') ?? ''));
    }

    const colon = name.indexOf(':');
    let canonical = name;
    if (colon >= 0 || !scope.plainIsTt || isRoot) {
      const prefix = colon < 0 ? '' : name.slice(0, colon);
      const local = colon < 0 ? name : name.slice(colon + 1);
      const uri = this.resolve(prefix, scope, at);
      const vocabulary = vocabularyOf(uri);
      if (isRoot) {
        this.rootLocal = local;
        this.rootNs = vocabulary === 'tt' ? 'tt' : uri;
        this.noNamespaceIsTt = uri === '';
        scope = new Scope(scope.uris, this.isTt(scope.uris.get('') ?? ''));
      }
      canonical = elementName(vocabulary, uri, local, this.noNamespaceIsTt);
      if (inText && vocabulary === 'other' && canonical !== local) this.foreign(node, name, uri, at);
    }

    let attrs = raw;
    if (raw && foreignPrefixes && !this.keepsAll(raw, scope, at)) attrs = this.rewrite(raw, scope, at);

    const children = node[name] as XNode[] | undefined;
    if (children) {
      for (let i = 0; i < children.length; i++) {
        const key = nameOf(children[i]!);
        if (key !== TEXT) this.visit(children, i, key, scope, false, canonical === 'p' || canonical === 'span');
      }
    }

    if (isRoot && (canonical !== name || attrs !== raw)) {
      // The root is renamed in place: the locator knows it by identity.
      delete node[name];
      node[canonical] = children ?? [];
      if (attrs) node[ATTRS] = attrs;
    } else if (canonical !== name || attrs !== raw) {
      const copy: XNode = {};
      copy[canonical] = children ?? [];
      if (attrs) copy[ATTRS] = attrs;
      list[index] = copy;
    }
  }

  /** TTML prunes elements of other namespaces, text and all: said once, at the first that held text, with a count of the rest. */
  private foreign(node: XNode, name: string, uri: string, at: number): void {
    const text = textIn(node, name);
    if (isBlank(text)) return;
    if (this.foreignText) {
      this.foreignText.said.message = `${this.foreignText.message} (and ${++this.foreignText.more} more like this)`;
      return;
    }
    const said = messages.foreignText(name, uri, text.trim(), this.locator.atIndex(at));
    this.foreignText = { said, message: said.message, more: 0 };
    this.diagnostics.push(said);
  }

  private isTt(uri: string): boolean {
    return vocabularyOf(uri) === 'tt' || (uri === '' && this.noNamespaceIsTt);
  }

  /** True when every prefixed attribute name is already canonical or foreign under an unclaimed prefix. */
  private keepsAll(raw: Record<string, string>, scope: Scope, at: number): boolean {
    for (const key in raw) {
      const c = key.indexOf(':');
      if (c < 0) continue;
      const prefix = key.slice(0, c);
      if (prefix === 'xml' || prefix === 'xmlns') continue;
      let keep = scope.keeps.get(prefix);
      if (keep === undefined) {
        const vocabulary = vocabularyOf(this.resolve(prefix, scope, at));
        keep = vocabulary === prefix || (vocabulary === 'other' && !CANONICAL_PREFIXES.has(prefix));
        scope.keeps.set(prefix, keep);
      }
      if (!keep) return false;
    }
    return true;
  }

  /** Canonical names for TTML vocabularies; declarations and foreign attributes left out. */
  private rewrite(raw: Record<string, string>, scope: Scope, at: number): Record<string, string> {
    const attrs: Record<string, string> = {};
    for (const key in raw) {
      const c = key.indexOf(':');
      if (c < 0) {
        if (key !== 'xmlns') attrs[key] = raw[key]!;
        continue;
      }
      const p = key.slice(0, c);
      if (p === 'xmlns') continue;
      const vocabulary: Vocabulary = p === 'xml' ? 'xml' : vocabularyOf(this.resolve(p, scope, at));
      if (vocabulary !== 'other') attrs[`${vocabulary}:${key.slice(c + 1)}`] = raw[key]!;
    }
    return attrs;
  }

  private resolve(prefix: string, scope: Scope, at: number): string {
    const uri = scope.uris.get(prefix);
    if (uri !== undefined) return uri;
    if (prefix === '') return '';
    const guess = CONVENTIONAL[prefix] ?? '';
    if (!this.warnedPrefixes.has(prefix)) {
      this.warnedPrefixes.add(prefix);
      this.diagnostics.push(messages.undeclaredPrefix(prefix, guess || 'a foreign namespace', this.locator.atIndex(at)));
    }
    return guess;
  }
}

/** All the text inside an element, as written. */
function textIn(node: XNode, name: string): string {
  let text = '';
  for (const child of (node[name] as XNode[] | undefined) ?? []) {
    const key = nameOf(child);
    text += key === TEXT ? textOf(child) : textIn(child, key);
  }
  return text;
}

function elementName(vocabulary: Vocabulary, uri: string, local: string, noNamespaceIsTt: boolean): string {
  if (vocabulary === 'tt' || (uri === '' && noNamespaceIsTt)) return local;
  if (vocabulary === 'tts' || vocabulary === 'ttp' || vocabulary === 'ttm') return `${vocabulary}:${local}`;
  return `{${uri}}${local}`;
}
