/**
 * A turn of the event loop for what came in while a stage held it (DeepL's
 * answers), before the next stage holds it again. Called from a poll phase
 * (an answer, a file written), one immediate would run before anything new is
 * polled: the first leaves the current phase, the second comes after a fresh
 * poll, and the third after the immediates that poll queued (the request
 * lanes send the next request from one).
 */
export async function nextTurn(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((resolve) => setImmediate(resolve));
}
