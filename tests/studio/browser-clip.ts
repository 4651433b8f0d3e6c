import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';

/**
 * A short WebM film made in the test's own browser, so that no video file is
 * committed and no ffmpeg is needed: WebCodecs encodes one VP8 key frame a
 * second (a colour that changes each second) and this file muxes them into
 * a WebM with a duration and cues, so the browser can seek anywhere in it.
 */
export async function makeWebmClip(page: Page, seconds: number): Promise<Buffer> {
  const width = 160;
  const height = 90;
  // WebCodecs needs a secure context, which about:blank is not: an empty page from loopback is.
  const blank = createServer((_, res) => res.end('<!doctype html><title>clip</title>'));
  await new Promise<void>((settle) => blank.listen(0, '127.0.0.1', settle));
  let frames: number[][];
  try {
    await page.goto(`http://127.0.0.1:${(blank.address() as AddressInfo).port}/`);
    // Source text, not a function: a TypeScript runner's helpers (esbuild's `__name`) do not exist in the page.
    frames = (await page.evaluate(`(${ENCODE})(${JSON.stringify({ seconds, width, height })})`)) as number[][];
  } finally {
    blank.close();
  }
  if (frames.length !== seconds) throw new Error(`the browser encoded ${frames.length} frames, expected ${seconds}`);
  return muxWebm(frames.map((f) => Buffer.from(f)), { width, height });
}

/** Runs in the page: `seconds` VP8 key frames, one a second, each a plain colour. */
const ENCODE = `async ({ seconds, width, height }) => {
  const out = [];
  let failure = '';
  const encoder = new VideoEncoder({
    output: (chunk) => {
      const bytes = new Uint8Array(chunk.byteLength);
      chunk.copyTo(bytes);
      out.push([...bytes]);
    },
    error: (error) => { failure = String(error); },
  });
  encoder.configure({ codec: 'vp8', width, height, bitrate: 50000, framerate: 1 });
  const canvas = new OffscreenCanvas(width, height);
  const g = canvas.getContext('2d');
  for (let s = 0; s < seconds; s++) {
    g.fillStyle = 'hsl(' + ((s * 37) % 360) + ' 80% 50%)';
    g.fillRect(0, 0, width, height);
    const frame = new VideoFrame(canvas, { timestamp: s * 1000000, duration: 1000000 });
    encoder.encode(frame, { keyFrame: true });
    frame.close();
  }
  await encoder.flush();
  if (failure !== '') throw new Error('VP8 encoding failed: ' + failure);
  return out;
}`;

/** An EBML element: its id, its size as an 8-byte variable-length integer, its body. */
function element(id: number, body: Buffer): Buffer {
  const idBytes = Buffer.from(id.toString(16).padStart(id > 0xffffff ? 8 : id > 0xffff ? 6 : id > 0xff ? 4 : 2, '0'), 'hex');
  const size = Buffer.alloc(8);
  size.writeBigUInt64BE(BigInt(body.length));
  size[0] = 0x01;
  return Buffer.concat([idBytes, size, body]);
}

function uint(id: number, value: number): Buffer {
  const body = Buffer.alloc(8);
  body.writeBigUInt64BE(BigInt(value));
  return element(id, body);
}

const text = (id: number, value: string): Buffer => element(id, Buffer.from(value, 'ascii'));

/** One key frame a second, each in its own cluster, with a cue pointing at every cluster. */
function muxWebm(frames: Buffer[], size: { width: number; height: number }): Buffer {
  const header = element(0x1a45dfa3, Buffer.concat([uint(0x4286, 1), uint(0x42f7, 1), uint(0x42f2, 4), uint(0x42f3, 8), text(0x4282, 'webm'), uint(0x4287, 2), uint(0x4285, 2)]));
  const duration = Buffer.alloc(8);
  duration.writeDoubleBE(frames.length * 1000);
  const info = element(0x1549a966, Buffer.concat([uint(0x2ad7b1, 1_000_000), element(0x4489, duration), text(0x4d80, 'subloc test'), text(0x5741, 'subloc test')]));
  const video = element(0xe0, Buffer.concat([uint(0xb0, size.width), uint(0xba, size.height)]));
  const tracks = element(0x1654ae6b, element(0xae, Buffer.concat([uint(0xd7, 1), uint(0x73c5, 1), uint(0x83, 1), text(0x86, 'V_VP8'), video])));
  // Cluster positions count from the start of the segment's body; the cues come after the clusters, so their size does not move them.
  let position = info.length + tracks.length;
  const points: Buffer[] = [];
  const clusters = frames.map((frame, s) => {
    points.push(element(0xbb, Buffer.concat([uint(0xb3, s * 1000), element(0xb7, Buffer.concat([uint(0xf7, 1), uint(0xf1, position)]))])));
    // Track 1, time 0 relative to the cluster, a key frame.
    const block = element(0xa3, Buffer.concat([Buffer.from([0x81, 0x00, 0x00, 0x80]), frame]));
    const cluster = element(0x1f43b675, Buffer.concat([uint(0xe7, s * 1000), block]));
    position += cluster.length;
    return cluster;
  });
  const cues = element(0x1c53bb6b, Buffer.concat(points));
  return Buffer.concat([header, element(0x18538067, Buffer.concat([info, tracks, ...clusters, cues]))]);
}
