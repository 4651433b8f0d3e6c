export const DCST_2014 = 'http://www.smpte-ra.org/schemas/428-7/2014/DCST';

/** 2007 and 2010 files read the same; only the namespace changed. */
export const DCST_NAMESPACES: ReadonlySet<string> = new Set([
  'http://www.smpte-ra.org/schemas/428-7/2007/DCST',
  'http://www.smpte-ra.org/schemas/428-7/2010/DCST',
  DCST_2014,
]);
