export { parse, type ParseOptions } from './formats/parse.js';
export { serialize } from './formats/serialize.js';
export { formats, detectFormat, formatById } from './formats/index.js';
export { decode, type DecodeOptions, type DecodeResult } from './formats/decode.js';
export type { FormatAdapter, FormatId, ParseResult, SerializeOptions, SerializeResult } from './formats/types.js';
export type { Cue, FrameRate, Lang, Ms, Placement, Span, Track, TrackMeta } from './model/track.js';
export { formatDiagnostic, type Diagnostic, type Severity } from './model/diagnostic.js';
export { parseFrameRate, msToFrames, framesToMs } from './model/frame-rate.js';
export { SublocError, type ErrorCode } from './errors.js';
