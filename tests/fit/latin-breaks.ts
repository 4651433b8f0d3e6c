/**
 * The rules of Latin-script line breaking that `LATIN_BREAKS` shows, each
 * with the words its tests are named by.
 */
export const LATIN_BREAK_RULES = {
  article: 'never splits an article from its noun',
  name: 'never splits a first and a last name',
  preposition: 'starts the second line with a preposition',
  punctuation: 'prefers the break after punctuation over a more even one',
} as const;

/** A text that `fitCue` breaks into `lines` at `maxCharsPerLine`, and the rule the example shows. */
export interface BreakExample {
  rule: keyof typeof LATIN_BREAK_RULES;
  language: string;
  text: string;
  maxCharsPerLine: number;
  lines: string[];
}

export const LATIN_BREAKS: readonly BreakExample[] = [
  { rule: 'article', language: 'en', text: 'I finally met the mayor yesterday', maxCharsPerLine: 20, lines: ['I finally met', 'the mayor yesterday'] },
  { rule: 'article', language: 'fr', text: 'Nous avons vu le maire hier soir', maxCharsPerLine: 20, lines: ['Nous avons vu', 'le maire hier soir'] },
  { rule: 'article', language: 'fr', text: 'Elle habite près de la place centrale', maxCharsPerLine: 20, lines: ['Elle habite près', 'de la place centrale'] },
  { rule: 'article', language: 'de', text: 'Ich rief die Hotline gestern an', maxCharsPerLine: 20, lines: ['Ich rief die Hotline', 'gestern an'] },
  { rule: 'article', language: 'it', text: 'Ieri ho visto il sindaco stanco', maxCharsPerLine: 20, lines: ['Ieri ho visto', 'il sindaco stanco'] },
  { rule: 'article', language: 'es', text: 'Ayer vimos el barrio antiguo otra vez', maxCharsPerLine: 22, lines: ['Ayer vimos el barrio', 'antiguo otra vez'] },
  { rule: 'name', language: 'en', text: 'Our guide today is Zhang Wei from Dongcheng', maxCharsPerLine: 24, lines: ['Our guide today is', 'Zhang Wei from Dongcheng'] },
  { rule: 'name', language: 'fr', text: 'Hier soir, nous avons vu Marie Dupont partir', maxCharsPerLine: 26, lines: ['Hier soir, nous avons', 'vu Marie Dupont partir'] },
  { rule: 'name', language: 'de', text: 'Gestern hat uns Angela Schmidt angerufen', maxCharsPerLine: 24, lines: ['Gestern hat uns', 'Angela Schmidt angerufen'] },
  { rule: 'name', language: 'it', text: 'Abbiamo intervistato Paolo Rossi ieri', maxCharsPerLine: 22, lines: ['Abbiamo intervistato', 'Paolo Rossi ieri'] },
  { rule: 'name', language: 'es', text: 'Ayer hablamos con Ana García otra vez', maxCharsPerLine: 22, lines: ['Ayer hablamos con', 'Ana García otra vez'] },
  { rule: 'name', language: 'en', text: 'He admired Charles de Gaulle very much', maxCharsPerLine: 28, lines: ['He admired', 'Charles de Gaulle very much'] },
  { rule: 'name', language: 'en', text: 'They spoke about John F. Kennedy again', maxCharsPerLine: 22, lines: ['They spoke about', 'John F. Kennedy again'] },
  { rule: 'name', language: 'fr', text: 'Je vous présente M. Dupont, le directeur', maxCharsPerLine: 22, lines: ['Je vous présente', 'M. Dupont, le directeur'] },
  // Both are less even than a plain break ("Many people called / the office about the noise").
  { rule: 'preposition', language: 'en', text: 'Many people called the office about the noise', maxCharsPerLine: 42, lines: ['Many people called the office', 'about the noise'] },
  { rule: 'preposition', language: 'fr', text: 'Les habitants appellent la ligne depuis leur cuisine', maxCharsPerLine: 42, lines: ['Les habitants appellent la ligne', 'depuis leur cuisine'] },
  { rule: 'preposition', language: 'de', text: 'Die Bürger rufen die Hotline aus allen Bezirken an', maxCharsPerLine: 30, lines: ['Die Bürger rufen die Hotline', 'aus allen Bezirken an'] },
  { rule: 'preposition', language: 'it', text: 'I cittadini chiamano la linea da tutti i quartieri', maxCharsPerLine: 30, lines: ['I cittadini chiamano la linea', 'da tutti i quartieri'] },
  { rule: 'preposition', language: 'es', text: 'Los vecinos llaman a la línea desde todos los barrios', maxCharsPerLine: 30, lines: ['Los vecinos llaman a la línea', 'desde todos los barrios'] },
  { rule: 'preposition', language: 'es', text: 'Los vecinos telefonean a menudo al servicio municipal con preguntas', maxCharsPerLine: 42, lines: ['Los vecinos telefonean a menudo', 'al servicio municipal con preguntas'] },
  { rule: 'punctuation', language: 'en', text: 'We answer every call, even at night when the city sleeps', maxCharsPerLine: 40, lines: ['We answer every call,', 'even at night when the city sleeps'] },
  { rule: 'punctuation', language: 'fr', text: 'Nous répondons à chaque appel, même la nuit quand la ville dort', maxCharsPerLine: 42, lines: ['Nous répondons à chaque appel,', 'même la nuit quand la ville dort'] },
  { rule: 'punctuation', language: 'de', text: 'Wir nehmen jeden Anruf an, auch nachts wenn die Stadt schläft', maxCharsPerLine: 42, lines: ['Wir nehmen jeden Anruf an,', 'auch nachts wenn die Stadt schläft'] },
  { rule: 'punctuation', language: 'it', text: 'Rispondiamo a ogni chiamata, anche di notte quando la città dorme', maxCharsPerLine: 42, lines: ['Rispondiamo a ogni chiamata,', 'anche di notte quando la città dorme'] },
  { rule: 'punctuation', language: 'es', text: 'Contestamos cada llamada, incluso de noche cuando la ciudad duerme', maxCharsPerLine: 42, lines: ['Contestamos cada llamada,', 'incluso de noche cuando la ciudad duerme'] },
];
