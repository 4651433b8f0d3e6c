const linkTarget = (link: { target: string; to: 'folder' | 'nothing' }) => (link.to === 'folder' ? `the folder ${link.target}` : `${link.target}, which does not exist (a drive not mounted, a file moved)`);

/** Cues named in a message; the rest are counted. */
const LISTED = 10;

const cueList = (ids: readonly string[]) => (ids.length > LISTED ? `${ids.slice(0, LISTED).join(', ')}, … ${ids.length - LISTED} more` : ids.join(', '));

const cuesNamed = (ids: readonly string[]) => `cue${ids.length === 1 ? '' : 's'} ${cueList(ids)}`;

/** A file of `localize`'s run folder holding edits the memory lacks (`UnimportedEdit`), and the `review import` command that takes it. */
export interface EditsFound {
  path: string;
  text: readonly string[];
  decisions: readonly string[];
  lost?: { unconfirmed: readonly string[]; partly: readonly string[]; open: readonly { id: string; empty: boolean }[]; other: readonly string[]; notes: readonly string[] };
  leftOut?: readonly { message: string }[];
  refused?: readonly { message: string }[];
  command: string;
}

const firstOf = (said: readonly { message: string }[]) => (said.length === 0 ? '' : ` (${said[0]!.message}${said.length === 1 ? '' : `; and ${said.length - 1} more, which the import names`})`);

/** What is wrong with one file's edits, what the delivery would do with them, and the way on. */
function editsFound(f: EditsFound): string {
  if (f.refused !== undefined) {
    return `${f.path} changed since subloc wrote it, and \`review import\` cannot take it${f.refused.length === 0 ? ': it cannot be read as text' : firstOf(f.refused)}; this delivery would ship the text it replaced: correct it and run ${f.command}, then deliver again; or move the file away to drop its edits`;
  }
  const { unconfirmed = [], partly = [], open = [], other = [], notes = [] } = f.lost ?? {};
  const said: string[] = [];
  if (f.text.length > 0) said.push(`holds edits the memory lacks, for ${cuesNamed(f.text)}`);
  if (unconfirmed.length > 0) said.push(`holds edits of ${cuesNamed(unconfirmed)} nobody confirmed (expected state translated, signed-off or final), which no import takes`);
  if (partly.length > 0) said.push(`holds ${cuesNamed(partly)} confirmed, but not ${cuesNamed(open.map((c) => c.id))} of ${partly.length === 1 ? 'its sentence' : 'their sentences'}, and a sentence is imported when all its cues are confirmed`);
  if (other.length > 0) said.push(`holds translations of ${cuesNamed(other)} the import would leave out (\`review import\` says why of each: a text for it the memory holds saved after the file was written, say)`);
  if (f.leftOut !== undefined) said.push(`holds edits \`review import\` leaves out${firstOf(f.leftOut)}`);
  if (f.decisions.length > 0) said.push(`holds decisions the memory lacks, not text: a confirmation, an approval or a note on ${cuesNamed(f.decisions)}, whose text is the memory's own`);
  if (notes.length > 0) said.push(`holds notes on ${cuesNamed(notes)} the memory lacks: a note is imported with its cue's confirmed translation`);
  const textLost = f.text.length + unconfirmed.length + partly.length + other.length > 0 || f.leftOut !== undefined;
  const consequence = textLost ? 'this delivery would leave them out and ship the old text' : 'the text shipped would be the same, but this delivery and its manifest would count those cues as the memory has them, without the decisions';
  const toConfirm = [...unconfirmed, ...open.map((c) => c.id)];
  const empty = open.filter((c) => c.empty).map((c) => c.id);
  const ways: string[] = [];
  if (toConfirm.length > 0) {
    const confirm = empty.length > 0 && empty.length === toConfirm.length ? `translate and confirm ${cuesNamed(toConfirm)}` : `confirm ${cuesNamed(toConfirm)}${empty.length === 0 ? '' : ` (translate ${cuesNamed(empty)} first: ${empty.length === 1 ? 'it is' : 'they are'} empty)`}`;
    ways.push(`${confirm} in the CAT tool and save the file, then run ${f.command} to take ${toConfirm.length + f.text.length + f.decisions.length === 1 ? 'it' : 'them'} into the memory, and deliver again`);
  } else if (f.leftOut === undefined || f.text.length + f.decisions.length > 0) {
    ways.push(`run ${f.command} to take them into the memory${other.length > 0 ? ' (it names each cue it leaves out and why)' : ''}, then deliver again`);
  }
  if (f.leftOut !== undefined) ways.push(`make the changes the import leaves out in the studio (\`subloc review serve\`) or the XLIFF, then move the file away and deliver again (moving it away alone drops its edits)`);
  return `${f.path} ${said.join(', and ')}; ${consequence}: ${ways.join('; ')}${f.leftOut === undefined ? '; or move the file away to drop its edits' : ''}`;
}

/** Every message `deliver` writes about a delivery, in one place. */
export const messages = {
  // Not `--fix-timing`: it moves an out-time at most half a second, which from one frame reaches neither built-in profile's minimum.
  collapsedCue: (start: number, end: number, rate: string) =>
    `cue from ${start} ms to ${end} ms lasts less than a frame at ${rate} fps; expected at least one frame, so it is shown for one: lengthen it in the source`,
  refused: (language: string, cues: number, list: string) => `${language}: not delivered, ${cues} cue${cues === 1 ? '' : 's'} with errors: ${list}`,
  noTranslations: (language: string, where: { memory: string; source: string }) =>
    `${language}: not delivered: the memory ${where.memory} has no translation from ${where.source} into ${language}; expected the language localized first: run \`subloc localize --target ${language}\` (\`npm run localize\` for every target of the config), or pass --memory <file> to read another memory`,
  unimportedEdits: (language: string, files: readonly EditsFound[]) => `${language}: not delivered: ${files.map(editsFound).join('. ')}`,
  drafts: (language: string, cues: readonly string[]) =>
    `${language}: not delivered, ${cues.length} cue${cues.length === 1 ? ' is a draft' : 's are drafts'} no reviewer confirmed: ${cueList(cues)}; expected reviewed text in a delivery: review ${cues.length === 1 ? 'it' : 'them'} (confirm in the XLIFF and run \`subloc review import\`, or in the studio, \`subloc review serve\`), or pass --allow-drafts to deliver drafts as they are`,
  blankLines: (count: number) =>
    `${count} line${count === 1 ? '' : 's'} that show${count === 1 ? 's' : ''} nothing (white space, a zero-width space or a direction mark alone) left out of the cue, where ${count === 1 ? 'it' : 'they'} would be a blank row on screen`,
  unknownFormat: (id: string, known: readonly string[]) => `unknown format \`${id}\`; expected one of ${known.join(', ')}`,
  unregisteredFormat: (id: string, profile: string) => `format \`${id}\` of the ${profile} delivery profile has no adapter in this build; pass --formats to choose others`,
  unwritable: (language: string, formats: readonly string[]) =>
    `${language}: not delivered: ${formats.join(', ')} cannot be written (the reasons follow), and a language is delivered whole or not at all; any earlier files of it are kept: pass --formats without ${formats.length === 1 ? 'it' : 'them'} to deliver the others`,
  writerFailed: (language: string, format: string, message: string) => `${language} ${format}: not written: ${message}`,
  unreadable: (problem: string) => `the file written does not read back (${problem}); expected subloc to read what it writes: report it with this message`,
  pastDay: (cueId: string, timecode: string, rate: string, retimed: boolean) =>
    `cue ${cueId} would end at ${timecode} at ${rate} fps, at or past 24:00:00:00; expected every time before 24:00:00:00, where SMPTE and DCP timecodes wrap: choose an earlier --start${retimed ? ' or deliver without --retime' : ''}`,
  beforeSourceStart: (cueId: string, timecode: string, rate: string) =>
    `cue ${cueId} starts at ${timecode} (${rate} fps), before it; expected the programme start the source was timed from, at or before its first cue: give that start (01:00:00:00, 10:00:00:00), or leave --source-start out if the source counts from 00:00:00:00`,
  fontNeeded: (formats: readonly string[]) =>
    `${formats.join(' and ')} draw${formats.length === 1 ? 's' : ''} the text with a font the DCP carries (the Interop file loads font.ttf), and none was given: a cinema server without it shows nothing or a fallback; give a TrueType or OpenType font that covers the language with --font <file.ttf> (it is delivered as font.ttf), or put one named font.ttf in the language's folder`,
  fontGlyphs: (font: string, missing: readonly string[]) =>
    `the font ${font} has no glyph for ${missing.length} character${missing.length === 1 ? '' : 's'} of this track: ${missing.slice(0, 20).join(' ')}${missing.length > 20 ? ' …' : ''}; a cinema server shows a box or nothing for each: choose a font that covers the language (for Chinese or Japanese, a CJK font such as Noto Sans CJK, subset to the track's characters)`,
  fontTooLarge: (font: string, bytes: number, format: string, limit: number) =>
    `the font ${font} is ${Math.ceil(bytes / 1024)} KB; ${format} packages take fonts up to ${limit / 1024} KB, and some cinema servers refuse a larger one: subset it to the characters of the track (pyftsubset does), or deliver without ${format}`,
  fontUnusable: (path: string, problem: string) =>
    `${path} is in the language's folder, where the DCP files load their font, but it is not a subtitle font: ${problem}; replace it, or give one with --font <file.ttf>`,
  linkLeftAlone: (link: { path: string; target: string; to: 'folder' | 'nothing' }) =>
    `${link.path} is a symbolic link to ${linkTarget(link)}; a delivery is copied and checked as files, so it is left where it is and out of the manifest: put the ${link.to === 'folder' ? 'files' : 'file'} it names in its place, or remove it`,
  linkInReplacedFolder: (language: string, links: readonly { path: string; target: string; to: 'folder' | 'nothing' }[]) =>
    `${language}: not delivered: ${links.map((l) => `${l.path} is a symbolic link to ${linkTarget(l)}`).join('; ')}; delivering ${language} replaces its folder, carrying over files only, and the link would be lost; any earlier files of it are kept: put the files ${links.length === 1 ? 'it names' : 'they name'} in ${links.length === 1 ? 'its' : 'their'} place, or remove ${links.length === 1 ? 'it' : 'them'}, and deliver again`,
  notAFont: (problem: string) => `not a subtitle font: ${problem}`,
  badRate: (text: string) => `\`${text}\` is not a frame rate; expected 23.976, 24, 25, 29.97, 29.97df, 30, 48, 50, 59.94, 59.94df, 60 or a fraction such as 30000/1001`,
} as const;
