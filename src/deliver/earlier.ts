import { lstat, readdir, readFile, readlink, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { SublocError } from '../errors.js';
import { readFont } from './font.js';
import { formats } from '../formats/index.js';
import { parse } from '../formats/parse.js';
import { FILM, parseFrameRate } from '../model/frame-rate.js';
import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { FrameRate, Lang } from '../model/track.js';
import { deliveryRun, manifestFile, MANIFEST_FILE, sha256, type Manifest, type ManifestFile, type ManifestLanguage } from './manifest.js';
import { messages } from './messages.js';
import type { SetFile } from './write-set.js';


/** A symbolic link in a delivery folder that names no file: a folder, or nothing (a drive not mounted, a file moved). */
export interface FolderLink {
  /** Relative to the delivery folder, `/`-separated. */
  path: string;
  target: string;
  to: 'folder' | 'nothing';
}

/**
 * Every file under `dir`, relative, `/`-separated: a link to a file counts
 * as the file it names; links to a folder or to nothing are set apart, as a
 * delivery is copied and checked as files.
 */
async function filesUnder(dir: string, prefix = ''): Promise<{ files: string[]; links: FolderLink[] }> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  const links: FolderLink[] = [];
  for (const e of entries) {
    const path = prefix === '' ? e.name : `${prefix}/${e.name}`;
    if (e.isDirectory()) {
      const nested = await filesUnder(dir, path);
      files.push(...nested.files);
      links.push(...nested.links);
    } else if (e.isSymbolicLink()) {
      const to = await stat(join(dir, path)).then((s) => (s.isDirectory() ? 'folder' : undefined), () => 'nothing' as const);
      if (to === undefined) files.push(path);
      else links.push({ path, target: await readlink(join(dir, path)), to });
    } else files.push(path);
  }
  return { files, links };
}

/** The links of a language's folder that name no file, by their path in the delivery folder; the folder itself when it is a link (a shared upload folder). */
export async function linksIn(folder: string, language: Lang): Promise<FolderLink[]> {
  const own = join(folder, language);
  if ((await lstat(own).catch(() => undefined))?.isSymbolicLink()) {
    const to = await stat(own).then((s) => (s.isDirectory() ? ('folder' as const) : ('nothing' as const)), () => 'nothing' as const);
    return [{ path: language, target: await readlink(own), to }];
  }
  const found = await filesUnder(own).catch(() => ({ links: [] }));
  return found.links.map((l) => ({ ...l, path: `${language}/${l.path}` }));
}

/** The manifest a previous run left, if it can still be read: everything in it is checked against the disk anyway. */
export async function readManifest(folder: string): Promise<Manifest | undefined> {
  try {
    const manifest = JSON.parse(await readFile(join(folder, MANIFEST_FILE), 'utf8')) as Manifest;
    return Array.isArray(manifest.files) && Array.isArray(manifest.languages) ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** A file the manifest does not describe as it is now (changed or added by hand): read again from its bytes. */
function describe(path: string, language: Lang, data: Uint8Array, rate: FrameRate, unverified: NonNullable<ManifestFile['unverified']>): ManifestFile {
  const adapter = Object.values(formats).find((f) => path.endsWith(`.${f.suffix}`));
  if (adapter) {
    const parsed = parse(data, { fileName: path, format: adapter.id, frameRate: rate, language });
    if (!parsed.diagnostics.some((d) => d.severity === 'error')) {
      return { ...manifestFile({ path, language, format: adapter.id, track: parsed.track, rate: parsed.track.frameRate ?? rate, data }), unverified };
    }
  }
  // A font (put there by hand, or a delivered one replaced) is one by its bytes, whatever its name.
  const format = isFont(data) ? 'font' : 'unknown';
  return { path, language, format, bytes: data.byteLength, sha256: sha256(data), unverified };
}

function isFont(data: Uint8Array): boolean {
  try {
    readFont(data);
    return true;
  } catch {
    return false;
  }
}

/** A file as the previous manifest described it while its bytes are the same, else described anew and marked (`unverified`). */
function asOnDisk(path: string, language: Lang, data: Uint8Array, known: ManifestFile | undefined, fallback: FrameRate): ManifestFile {
  if (known !== undefined && known.bytes === data.byteLength && known.sha256 === sha256(data)) return known;
  return describe(path, language, data, parseFrameRate(known?.frameRate ?? '') ?? fallback, known === undefined ? 'added' : (known.unverified ?? 'changed'));
}

/**
 * The languages of the delivery folder this run leaves alone, as they are on
 * disk: their entries from the previous manifest, each file's kept only
 * while its size and checksum still match, else described anew; languages
 * an earlier run refused keep their entry.
 */
export async function earlierLanguages(folder: string, previous: Manifest | undefined, replaced: ReadonlySet<Lang>): Promise<{ languages: ManifestLanguage[]; files: ManifestFile[]; findings: Diagnostic[] }> {
  const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
  const onDisk = new Set(entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name));
  const byPath = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  const fallback = parseFrameRate(previous?.frameRate ?? '') ?? FILM;
  const files: ManifestFile[] = [];
  const findings: Diagnostic[] = [];
  for (const language of [...onDisk].filter((l) => !replaced.has(l))) {
    const found = await filesUnder(join(folder, language));
    // Another language's folder: no reason to hold this one back, and nothing of it is this run's to remove.
    for (const link of found.links) findings.push(diagnostic('deliver/link-left-alone', 'warning', messages.linkLeftAlone({ ...link, path: `${language}/${link.path}` })));
    for (const rel of found.files) {
      const path = `${language}/${rel}`;
      const data = await readFile(join(folder, path));
      files.push(asOnDisk(path, language, data, byPath.get(path), fallback));
    }
  }
  const order = new Map((previous?.files ?? []).map((f, i) => [f.path, i]));
  files.sort((a, b) => (order.get(a.path) ?? Infinity) - (order.get(b.path) ?? Infinity) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const languages = (previous?.languages ?? []).filter((l) => !replaced.has(l.language) && (l.delivered ? onDisk.has(l.language) : !onDisk.has(l.language)));
  return { languages, files, findings };
}

/**
 * The files of a language's folder that no subloc writer made (a font beside
 * an Interop file, notes): the new set of the language carries them over, as
 * the previous manifest described them while they are unchanged. subloc's
 * own files (`<title>.<lang>.<suffix>`) go with the set they were part of.
 */
export async function foreignFiles(folder: string, language: Lang, title: string, previous: Manifest | undefined): Promise<{ files: SetFile[]; described: ManifestFile[] }> {
  const ours = new Set(Object.values(formats).map((f) => `${title}.${language}.${f.suffix}`));
  const byPath = new Map((previous?.files ?? []).map((f) => [f.path, f]));
  const fallback = parseFrameRate(previous?.frameRate ?? '') ?? FILM;
  const files: SetFile[] = [];
  const described: ManifestFile[] = [];
  const found = await filesUnder(join(folder, language)).catch(() => ({ files: [], links: [] }));
  // Made since the run checked the folder (see `linksIn`): the folder is replaced as a whole, and the link would go with it.
  const link = found.links[0];
  if (link !== undefined) throw new SublocError('USAGE', messages.linkInReplacedFolder(language, [{ ...link, path: `${language}/${link.path}` }]), { file: join(folder, language, link.path) });
  for (const rel of found.files) {
    if (ours.has(rel)) continue;
    const path = `${language}/${rel}`;
    const data = await readFile(join(folder, path));
    files.push({ path: rel, data });
    described.push(asOnDisk(path, language, data, byPath.get(path), fallback));
  }
  return { files, described };
}

/**
 * This run's languages and files with the earlier ones: earlier languages
 * keep their place, new ones follow in run order, files go language by
 * language. A language refused now keeps its earlier delivery, if it has
 * one, with the refusal beside it (`newerRefused`); an earlier language
 * keeps the run that delivered it (a manifest written before languages
 * recorded theirs gives its own run fields).
 */
export function withEarlier(run: Manifest, previous: Manifest | undefined, earlier: { languages: ManifestLanguage[]; files: ManifestFile[] }): Pick<Manifest, 'languages' | 'files'> {
  const kept = new Set([...earlier.languages.filter((l) => l.delivered).map((l) => l.language), ...earlier.files.map((f) => f.language)]);
  const now = new Map(run.languages.map((l) => [l.language, l]));
  const before = (language: Lang): ManifestLanguage | undefined => {
    const entry = earlier.languages.find((l) => l.language === language);
    return entry?.delivered && entry.delivery === undefined && previous !== undefined ? { ...entry, delivery: deliveryRun(previous) } : entry;
  };
  const merged = new Map<Lang, ManifestLanguage>();
  for (const language of [...(previous?.languages ?? []).map((l) => l.language), ...run.languages.map((l) => l.language)]) {
    if (merged.has(language)) continue;
    const fresh = now.get(language);
    const old = before(language);
    // Refused now where an earlier delivery stays: that delivery, with this refusal beside it.
    const refusedOverEarlier = fresh !== undefined && !fresh.delivered && kept.has(language);
    const entry = !refusedOverEarlier ? (fresh ?? old) : old && { ...old, newerRefused: { created: run.created, qcProfile: run.qcProfile, qc: fresh.qc, refusal: fresh.refusal ?? '' } };
    if (entry) merged.set(language, entry);
  }
  const order = [...merged.keys()];
  const rank = (language: Lang) => (order.includes(language) ? order.indexOf(language) : order.length);
  return { languages: [...merged.values()], files: [...earlier.files, ...run.files].sort((a, b) => rank(a.language) - rank(b.language)) };
}
