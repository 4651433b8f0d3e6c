import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';

/** The containers a browser plays in a `<video>` without plug-ins, by extension. */
export const VIDEO_TYPES: Readonly<Record<string, 'video/mp4' | 'video/webm'>> = { '.mp4': 'video/mp4', '.m4v': 'video/mp4', '.webm': 'video/webm' };

export function videoType(path: string): 'video/mp4' | 'video/webm' | undefined {
  return VIDEO_TYPES[extname(path).toLowerCase()];
}

export type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/**
 * The one byte range a `Range` header asks of a file of `size` bytes (RFC
 * 9110 §14): `bytes=a-b`, `bytes=a-`, `bytes=-n`. Undefined when there is none
 * or it is not one range (the whole file is served then, as the RFC allows).
 */
export function byteRange(header: string | undefined, size: number): ByteRange {
  const m = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

/** The video with range requests (206 a part, 416 a part beyond its end), as a browser seeks in it. */
export async function videoResponse(path: string, range: string | undefined, head: boolean): Promise<Response> {
  const { size } = await stat(path);
  const type = videoType(path) ?? 'application/octet-stream';
  const asked = byteRange(range, size);
  if (asked === 'unsatisfiable') return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}`, 'Accept-Ranges': 'bytes' } });
  const { start, end } = asked ?? { start: 0, end: size - 1 };
  const headers: Record<string, string> = { 'Content-Type': type, 'Accept-Ranges': 'bytes', 'Content-Length': String(end - start + 1), 'Cache-Control': 'no-cache' };
  if (asked !== undefined) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const body = head || size === 0 ? null : (Readable.toWeb(createReadStream(path, { start, end })) as ReadableStream<Uint8Array>);
  return new Response(body, { status: asked === undefined ? 200 : 206, headers });
}
