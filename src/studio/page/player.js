// @ts-check
import { clock } from './time.js';

/** WebVTT cue text reads `<`, `>` and `&` as markup: escaped, a cue's text stays the characters it is. @param {string} text */
function vttText(text) {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The film, or without one a clock that plays the cues in time: play, pause,
 * seek, and a tick on every frame while playing. With a film the current
 * translation is its subtitle track (TextTrack API), following the edits.
 */
export class Player {
  /**
   * @param {{ video: HTMLVideoElement | null, time: HTMLElement, button: HTMLButtonElement, overlay: HTMLElement }} elements
   */
  constructor(elements) {
    this.video = elements.video;
    this.timeEl = elements.time;
    this.button = elements.button;
    this.overlay = elements.overlay;
    /** @type {((ms: number) => void)[]} */
    this.listeners = [];
    /** The clock without a film: where it was at `since` (performance.now()), and whether it runs. */
    this.clockMs = 0;
    this.since = 0;
    this.running = false;
    /** @type {TextTrack | null} */
    this.track = null;
    /** @type {Map<string, VTTCue>} */
    this.vttCues = new Map();
    this.button.addEventListener('click', () => this.toggle());
    if (this.video !== null) {
      const video = this.video;
      for (const event of ['play', 'pause', 'seeked', 'timeupdate']) video.addEventListener(event, () => this.tick());
      video.addEventListener('play', () => this.loop());
    }
    this.render();
  }

  get playing() {
    return this.video !== null ? !this.video.paused && !this.video.ended : this.running;
  }

  /** Milliseconds into the film. */
  get time() {
    if (this.video !== null) return Math.round(this.video.currentTime * 1000);
    return this.running ? this.clockMs + (performance.now() - this.since) : this.clockMs;
  }

  play() {
    if (this.video !== null) {
      void this.video.play().catch(() => undefined);
      return;
    }
    if (this.running) return;
    this.since = performance.now();
    this.running = true;
    this.tick();
    this.loop();
  }

  pause() {
    if (this.video !== null) {
      this.video.pause();
      return;
    }
    this.clockMs = this.time;
    this.running = false;
    this.tick();
  }

  toggle() {
    if (this.playing) this.pause();
    else this.play();
  }

  /** @param {number} ms */
  seek(ms) {
    if (this.video !== null) {
      this.video.currentTime = ms / 1000;
    } else {
      this.clockMs = ms;
      this.since = performance.now();
    }
    this.tick();
  }

  /** @param {(ms: number) => void} listener */
  onTick(listener) {
    this.listeners.push(listener);
  }

  loop() {
    const frame = () => {
      this.tick();
      if (this.playing) requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  }

  tick() {
    const ms = this.time;
    this.render();
    for (const listener of this.listeners) listener(ms);
  }

  render() {
    this.timeEl.textContent = clock(this.time);
    const label = this.playing ? 'Pause' : 'Play';
    if (this.button.textContent !== label) this.button.textContent = label;
  }

  /** What the clock shows under the picture; the film shows its text track instead. @param {string} text */
  caption(text) {
    if (this.video === null && this.overlay.textContent !== text) this.overlay.textContent = text;
  }

  /** A subtitle track of these cues in this language, replacing the last one shown. @param {string} lang @param {{ id: string, start: number, end: number, text: string }[]} cues */
  subtitles(lang, cues) {
    if (this.video === null) return;
    if (this.track !== null) this.track.mode = 'disabled';
    this.track = this.video.addTextTrack('subtitles', `Translation (${lang})`, lang);
    this.vttCues.clear();
    for (const cue of cues) {
      const vtt = new VTTCue(cue.start / 1000, cue.end / 1000, vttText(cue.text));
      vtt.id = cue.id;
      this.track.addCue(vtt);
      this.vttCues.set(cue.id, vtt);
    }
    this.track.mode = 'showing';
  }

  /** @param {string} id @param {string} text */
  retitle(id, text) {
    const vtt = this.vttCues.get(id);
    if (vtt !== undefined) vtt.text = vttText(text);
  }
}
