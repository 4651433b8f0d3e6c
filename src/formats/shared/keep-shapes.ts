const kept: object[] = [];

/**
 * V8 keeps the shape (hidden class) of a class's instances only while one
 * of them lives. A full collection that finds none, as between two files,
 * drops the shapes and with them every function optimized for them, so the
 * next file would be read by cold code. One idle instance a class, made at
 * load, keeps them.
 */
export function keepShapes(...instances: object[]): void {
  kept.push(...instances);
}
