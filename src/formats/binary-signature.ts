/** Byte signatures of files a subtitler is handed by mistake under a subtitle's name, and what each is. */
const SIGNATURES: ReadonlyArray<[offset: number, bytes: readonly number[], kind: string]> = [
  [0, [0x50, 0x4b, 0x03, 0x04], 'a ZIP archive'],
  [0, [0x50, 0x4b, 0x05, 0x06], 'a ZIP archive'],
  [0, [0x1f, 0x8b], 'a gzip file'],
  [0, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'a 7-Zip archive'],
  [0, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], 'a RAR archive'],
  [0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG image'],
  [0, [0xff, 0xd8, 0xff], 'a JPEG image'],
  [0, [0x25, 0x50, 0x44, 0x46, 0x2d], 'a PDF document'],
  [4, [0x66, 0x74, 0x79, 0x70], 'an MP4 or QuickTime file'],
  [0, [0x1a, 0x45, 0xdf, 0xa3], 'a Matroska or WebM file'],
  [0, [0x52, 0x49, 0x46, 0x46], 'a RIFF file (WAV or AVI)'],
  // The GSI block: a three-digit code page, then the disk format code `STL25.01` or `STL30.01`.
  [3, [0x53, 0x54, 0x4c], 'an EBU STL file (binary subtitles, which subloc does not read)'],
];

/** What the bytes are when they begin with a known binary signature; undefined for anything else. */
export function binarySignature(bytes: Uint8Array): string | undefined {
  for (const [offset, signature, kind] of SIGNATURES) {
    if (signature.every((b, i) => bytes[offset + i] === b)) return kind;
  }
  return undefined;
}
