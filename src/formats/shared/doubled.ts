/**
 * `array` copied into one of twice its length: the room a reader's offsets
 * grow into, kept in typed arrays that the collector never copies.
 */
export function doubled<T extends Int32Array | Uint8Array>(array: T): T {
  const grown = new (array.constructor as new (length: number) => T)(array.length * 2);
  grown.set(array);
  return grown;
}
