import { trimLines } from '../../model/spans.js';
import { defineCueLimit } from '../define-cue-limit.js';
import { messages } from '../messages.js';

export default defineCueLimit({
  id: 'line-count',
  description: "At most the profile's number of lines a cue.",
  defaultSeverity: 'error',
  figure: 'maxLines',
  bound: 'at most',
  measure: (cue) => trimLines(cue.lines).length,
  message: messages.lineCount,
});
