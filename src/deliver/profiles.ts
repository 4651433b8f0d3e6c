/** A delivery: which formats to write and which QC profile gates them. */
export interface DeliveryProfile {
  id: string;
  /** Format ids from the format table, in the order they are written. */
  formats: readonly string[];
  /** Built-in QC profile (src/qc/profiles) every language must pass. */
  qcProfile: string;
}

/**
 * The built-in deliveries by name. `--profile <file>` names a QC profile
 * file instead: it is delivered in the festival formats.
 */
export const deliveryProfiles: Readonly<Record<string, DeliveryProfile>> = Object.freeze({
  festival: { id: 'festival', formats: ['srt', 'vtt', 'ttml', 'ebu-tt-d', 'dcp-smpte', 'dcp-interop'], qcProfile: 'festival' },
  default: { id: 'default', formats: ['srt', 'vtt', 'ttml'], qcProfile: 'default' },
});

