import type { Diagnostic } from '../../../model/diagnostic.js';
import { FILM, frameRateLabel, msToFrames } from '../../../model/frame-rate.js';
import type { FrameRate, Track } from '../../../model/track.js';
import type { SerializeOptions, SerializeResult } from '../../types.js';
import { DEFAULT_ARGB } from '../color.js';
import { derivedUuid, documentUuid, issueDate } from '../ids.js';
import { xmlLanguage } from '../../shared/xml-language.js';
import { XML_CONTROL } from '../../shared/lower.js';
import { messages } from '../messages.js';
import { dcpRate } from '../rates.js';
import { DCST_2014 } from '../namespaces.js';
import { formatEditUnits } from '../timecode.js';
import { escapeText } from '../../shared/xml-escape.js';
import { pastDay, textElements, timedCues, type Grid, type LineDialect } from '../write-lines.js';
import { reportInvertedCues } from '../../shared/inverted-cues.js';

const FONT_ID = 'font1';

const DIALECT: LineDialect = { valign: 'Valign', vposition: 'Vposition', halign: 'Halign', hposition: 'Hposition', underline: 'Underline', direction: 'Direction', edge: 8 };

/**
 * SMPTE ST 428-7:2014 subtitle XML for one reel, UTF-8 with a BOM, times in
 * frames of the delivery rate from 00:00:00:00.
 */
export function write(track: Track, opts: SerializeOptions = {}): SerializeResult {
  const rate = opts.frameRate ?? track.frameRate ?? FILM;
  const fps = dcpRate(rate);
  if (fps === undefined) return { text: '', diagnostics: [messages.frameRateRefused(frameRateLabel(rate))] };

  const whole: FrameRate = { numerator: fps, denominator: 1 };
  const frames: Grid = { units: (ms) => msToFrames(ms, whole), unit: 'frame' };
  const late = pastDay(track.cues, frames);
  if (late) return { text: '', diagnostics: [messages.pastDay(late.id, formatEditUnits(frames.units(late.end), fps))] };

  const diagnostics: Diagnostic[] = [];
  if (opts.frameRate === undefined && track.frameRate === undefined) diagnostics.push(messages.rateAssumed(fps));
  reportInvertedCues(track.cues, diagnostics);
  const uuid = documentUuid(opts.documentId, diagnostics);
  const date = issueDate(opts.issueDate, diagnostics);
  const { tag: language, changed } = xmlLanguage(track.language);
  if (changed) diagnostics.push(messages.badLanguage(track.language, language));

  let out = '\uFEFF<?xml version="1.0" encoding="UTF-8"?>\n';
  out += `<SubtitleReel xmlns="${DCST_2014}">\n`;
  out += `  <Id>urn:uuid:${uuid}</Id>\n`;
  out += `  <ContentTitleText>${escapeText((track.meta.title ?? 'Untitled').replace(XML_CONTROL, ''))}</ContentTitleText>\n`;
  out += `  <IssueDate>${date}</IssueDate>\n`;
  out += '  <ReelNumber>1</ReelNumber>\n';
  out += `  <Language>${language}</Language>\n`;
  out += `  <EditRate>${fps} 1</EditRate>\n`;
  out += `  <TimeCodeRate>${fps}</TimeCodeRate>\n`;
  out += '  <StartTime>00:00:00:00</StartTime>\n';
  out += `  <LoadFont ID="${FONT_ID}">urn:uuid:${derivedUuid(uuid, FONT_ID)}</LoadFont>\n`;
  out += '  <SubtitleList>\n';
  out += `    <Font ID="${FONT_ID}" Size="42" Color="${DEFAULT_ARGB}" Effect="border" EffectColor="FF000000">\n`;

  let spots = 0;
  for (const { cue, spot, start, end } of timedCues(track.cues, frames, diagnostics)) {
    spots = spot;
    out += `      <Subtitle SpotNumber="${spot}" TimeIn="${formatEditUnits(start, fps)}" TimeOut="${formatEditUnits(end, fps)}" FadeUpTime="00:00:00:00" FadeDownTime="00:00:00:00">\n`;
    out += textElements(cue, DIALECT, '        ', diagnostics);
    out += '      </Subtitle>\n';
  }

  if (spots === 0) {
    diagnostics.push(messages.noCues('smpte'));
    return { text: `${out.slice(0, out.lastIndexOf('    <Font'))}  </SubtitleList>\n</SubtitleReel>\n`, diagnostics };
  }
  out += '    </Font>\n  </SubtitleList>\n</SubtitleReel>\n';
  return { text: out, diagnostics };
}
