import { scanProlog } from '../shared/xml/prolog.js';

/** The root element (any prefix) after the prolog, judged from the first 2 KB. */
function rootIs(text: string, local: string): boolean {
  const name = scanProlog(text, 2048)?.rootName;
  return name === local || (name?.endsWith(`:${local}`) ?? false);
}

export function detectSmpte(text: string): boolean {
  return rootIs(text, 'SubtitleReel');
}

export function detectInterop(text: string): boolean {
  return rootIs(text, 'DCSubtitle');
}
