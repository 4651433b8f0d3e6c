import { defineCueLimit } from '../define-cue-limit.js';
import { messages } from '../messages.js';

export default defineCueLimit({
  id: 'min-duration',
  description: "Each cue on screen at least the profile's minimum duration.",
  defaultSeverity: 'error',
  figure: 'minDurationMs',
  bound: 'at least',
  measure: (cue) => cue.end - cue.start,
  message: messages.minDuration,
});
