import { readFile, stat } from 'node:fs/promises';
import { fileErrorReason, MAX_FILE_BYTES as MAX_BYTES, SublocError } from '../errors.js';

/** `maxBytes` refuses a larger file before reading it, with the limit in the message. */
export async function readInput(path: string, maxBytes = MAX_BYTES): Promise<Uint8Array> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new SublocError('INPUT_UNREADABLE', `${path} is not a file`, { file: path });
    size = info.size;
  } catch (cause) {
    if (cause instanceof SublocError) throw cause;
    throw new SublocError('INPUT_UNREADABLE', `cannot read ${path}: ${fileErrorReason(cause)}`, { cause, file: path });
  }
  if (size > maxBytes) {
    throw new SublocError('INPUT_UNREADABLE', `${path} is ${Math.round(size / 1048576)} MiB; expected a subtitle ${maxBytes === MAX_BYTES ? 'file' : 'track'} under ${maxBytes / 1048576} MiB`, { file: path });
  }
  return readFile(path);
}
