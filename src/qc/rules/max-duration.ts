import { defineCueLimit } from '../define-cue-limit.js';
import { messages } from '../messages.js';

export default defineCueLimit({
  id: 'max-duration',
  description: "Each cue on screen at most the profile's maximum duration.",
  defaultSeverity: 'error',
  figure: 'maxDurationMs',
  bound: 'at most',
  measure: (cue) => cue.end - cue.start,
  message: messages.maxDuration,
});
