/**
 * Words that steer where a line may break, per language (primary subtag).
 * Small on purpose: only words whose role is clear without parsing.
 * - `determiners`: never end a line (articles, contracted article-prepositions,
 *   possessives); `determinerPairs` are two-word determiners such as "de la".
 * - `conjunctions`, `prepositions`: a good place to start the second line, a
 *   poor one to end the first. Contracted preposition-articles (`al`, `zum`)
 *   are in `determiners` and `prepositions`: a line may start with them but not end with them.
 * - `nounLinks`: prepositions that mostly join a noun to the noun or amount
 *   before it (`part of`, `tapas de alcantarilla`, `comitato dei residenti`):
 *   a break before one is little better than a plain word boundary.
 * - `boundPairs`: a word and the preposition or conjunction it takes
 *   (`more than`, `más de`, `plus de`, `have to`): the second starts no
 *   phrase there, and a break between them is nearly as poor as one after a
 *   preposition. A conjunction that leads such a pair is an adverb there
 *   (`so much`), and starts no clause.
 * - `quantifiers`: lead a number or an article as an article leads its noun
 *   (`all 12 households`, `tous les`): a poor end of a line before one.
 * - `focusWords`: lead the phrase after them (`solo / para saber`, `schon /
 *   am nächsten Tag`, `only / 12`): a poor end of a line.
 * - `subjectPronouns`: personal pronouns that follow their verb where the
 *   verb comes first (German `um 7 läuft sie`, `kann man`): a break before
 *   one, after a word that starts no phrase, separates them.
 * - `titles`: never split from the name that follows (written without the dot).
 * - `numbers`: number words, a poor end of a line before the noun they count
 *   (`drei / Runden`), as a number in digits is.
 * - `clockWords`: a bare number after one is a clock time (`um 7`), which counts nothing.
 * - `nameParticles`: may sit inside a name ("Charles de Gaulle").
 */
export interface BreakWords {
  determiners: ReadonlySet<string>;
  determinerPairs: ReadonlySet<string>;
  conjunctions: ReadonlySet<string>;
  prepositions: ReadonlySet<string>;
  nounLinks: ReadonlySet<string>;
  boundPairs: ReadonlySet<string>;
  quantifiers: ReadonlySet<string>;
  focusWords: ReadonlySet<string>;
  subjectPronouns: ReadonlySet<string>;
  titles: ReadonlySet<string>;
  numbers: ReadonlySet<string>;
  clockWords: ReadonlySet<string>;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(/\s*,\s*/).filter(Boolean));

const NONE: BreakWords = {
  determiners: words(''),
  determinerPairs: words(''),
  conjunctions: words(''),
  prepositions: words(''),
  nounLinks: words(''),
  boundPairs: words(''),
  quantifiers: words(''),
  focusWords: words(''),
  subjectPronouns: words(''),
  titles: words(''),
  numbers: words(''),
  clockWords: words(''),
};

const TABLE: Readonly<Record<string, BreakWords>> = {
  en: {
    determiners: words('the, a, an, my, your, his, her, our, their, its, this, these, those, every'),
    determinerPairs: words(''),
    conjunctions: words('and, but, or, nor, so, yet, because, although, though, while, whereas, if, unless, until, when, where, whether, which, who, whom, whose, that'),
    prepositions: words('about, above, across, after, against, along, among, around, at, before, behind, below, beneath, beside, between, beyond, by, despite, during, except, for, from, in, inside, into, like, near, of, off, on, onto, outside, over, past, since, through, throughout, to, toward, towards, under, upon, with, within, without'),
    nounLinks: words('of'),
    boundPairs: words('more than, less than, fewer than, rather than, other than, all of, most of, some of, many of, much of, none of, each of, both of, one of, part of, because of, instead of, out of, ahead of, according to, due to, next to, have to, has to, had to, used to, able to, ought to, such as, even if, even though, so much, so many, so far, so long, so little, so few'),
    quantifiers: words('all, both, half, nearly, almost, exactly, roughly, approximately, some'),
    focusWords: words('only, just, even'),
    subjectPronouns: words(''),
    titles: words('mr, mrs, ms, dr, prof'),
    numbers: words('two, three, four, five, six, seven, eight, nine, ten, eleven, twelve, twenty, thirty, forty, fifty, hundred, thousand'),
    clockWords: words('at'),
  },
  fr: {
    determiners: words("le, la, les, l', un, une, des, du, au, aux, ce, cet, cette, ces, mon, ma, mes, ton, ta, tes, son, sa, ses, notre, nos, votre, vos, leurs, chaque"),
    determinerPairs: words("de la, de l'"),
    conjunctions: words('et, ou, mais, donc, ni, car, que, qui, quand, lorsque, puisque, parce, si, comme, dont, où'),
    prepositions: words("à, au, aux, de, dans, en, par, pour, sur, sous, avec, sans, chez, vers, entre, contre, depuis, pendant, avant, après, selon, malgré, parmi, dès, jusqu'à"),
    nounLinks: words('de, du, des'),
    boundPairs: words("plus de, plus d', moins de, moins d', plus que, moins que, près de, près d', autour de, beaucoup de, beaucoup d', peu de, peu d', trop de, assez de, avant de, avant d', afin de, afin d', lors de, lors d', loin de, auprès de, auprès d', grâce à, face à, quant à, bien que, alors que, ainsi que"),
    quantifiers: words('tous, toutes, environ, presque, quelque, quelques'),
    focusWords: words('seulement, même'),
    subjectPronouns: words(''),
    titles: words('m, mme, mlle, dr, pr'),
    numbers: words('deux, trois, quatre, cinq, six, sept, huit, neuf, dix, onze, douze, vingt, trente, quarante, cinquante, cent, mille'),
    clockWords: words(''),
  },
  de: {
    determiners: words('der, die, das, den, dem, des, ein, eine, einen, einem, einer, eines, kein, keine, keinen, keinem, keiner, keines, mein, meine, meinen, meinem, meiner, dein, deine, sein, seine, seinen, seinem, seiner, ihre, ihren, ihrem, ihrer, unser, unsere, unseren, unserem, jeder, jede, jedes, jeden, jedem, dieser, diese, dieses, diesen, diesem, zum, zur, im, am, vom, beim, ins, ans'),
    determinerPairs: words(''),
    conjunctions: words('und, oder, aber, denn, sondern, weil, dass, ob, wenn, als, obwohl, damit, sodass, bevor, nachdem, wie'),
    prepositions: words('an, am, ans, im, ins, zum, zur, vom, beim, auf, aus, bei, bis, durch, für, gegen, hinter, in, mit, nach, neben, ohne, seit, über, um, unter, von, vor, während, wegen, zu, zwischen, trotz'),
    nounLinks: words(''),
    boundPairs: words('mehr als, weniger als, eher als, so wie, genauso wie, so dass, sowohl als'),
    quantifiers: words('alle, beide, fast, knapp, rund, etwa, ungefähr, genau, mindestens, höchstens'),
    focusWords: words('nur, schon, erst, sogar'),
    subjectPronouns: words('ich, du, er, sie, es, wir, ihr, man'),
    titles: words('hr, fr, dr, prof'),
    numbers: words('zwei, drei, vier, fünf, sechs, sieben, acht, neun, zehn, elf, zwölf, zwanzig, dreißig, vierzig, fünfzig, hundert, tausend'),
    clockWords: words('um'),
  },
  it: {
    determiners: words("il, lo, la, i, gli, le, l', un, uno, una, un', del, dello, della, dei, degli, delle, al, allo, alla, ai, agli, alle, dal, dallo, dalla, dai, dagli, dalle, nel, nello, nella, nei, negli, nelle, sul, sullo, sulla, sui, sugli, sulle, questo, questa, questi, queste, quel, quello, quella, ogni"),
    determinerPairs: words(''),
    conjunctions: words('e, ed, o, oppure, ma, però, perché, poiché, quando, se, che, mentre, come, dove, quindi, sebbene, né'),
    prepositions: words('di, a, da, in, al, allo, alla, ai, agli, alle, del, dello, della, dei, degli, delle, dal, dallo, dalla, dai, dagli, dalle, nel, nello, nella, nei, negli, nelle, sul, sullo, sulla, sui, sugli, sulle, con, su, per, tra, fra, verso, senza, contro, dopo, durante, presso, sotto, sopra, dentro'),
    nounLinks: words('di, del, dello, della, dei, degli, delle'),
    boundPairs: words('più di, meno di, più che, meno che, prima di, prima che, invece di, accanto a, vicino a, insieme a, fino a, oltre a, rispetto a, grazie a, davanti a'),
    quantifiers: words('tutti, tutte, circa, quasi, appena, almeno'),
    focusWords: words('solo, soltanto, perfino, persino'),
    subjectPronouns: words(''),
    titles: words('sig, sigra, dott, dr, prof, ing, avv'),
    numbers: words('due, tre, quattro, cinque, sei, sette, otto, nove, dieci, undici, dodici, venti, trenta, quaranta, cinquanta, cento, mille'),
    clockWords: words(''),
  },
  es: {
    determiners: words('el, la, los, las, un, una, unos, unas, al, del, este, esta, estos, estas, ese, esa, esos, esas, mi, mis, tu, tus, su, sus, nuestro, nuestra, nuestros, nuestras, cada'),
    determinerPairs: words(''),
    conjunctions: words('y, e, o, u, pero, sino, porque, aunque, cuando, si, que, mientras, como, donde, pues, ni'),
    prepositions: words('a, al, del, ante, bajo, con, contra, de, desde, durante, en, entre, hacia, hasta, mediante, para, por, según, sin, sobre, tras'),
    nounLinks: words('de, del'),
    boundPairs: words('más de, menos de, más que, menos que, antes de, antes que, después de, además de, cerca de, lejos de, dentro de, fuera de, encima de, debajo de, delante de, detrás de, alrededor de, acerca de, junto a, frente a, hay que, tiene que, tienen que, tengo que, tenía que'),
    quantifiers: words('todos, todas, casi, cerca, aproximadamente'),
    focusWords: words('solo, sólo, incluso, apenas'),
    subjectPronouns: words(''),
    titles: words('sr, sra, srta, dr, dra, d, dña'),
    numbers: words('dos, tres, cuatro, cinco, seis, siete, ocho, nueve, diez, once, doce, veinte, treinta, cuarenta, cincuenta, cien, mil'),
    clockWords: words(''),
  },
};

/** Month names across languages, bare and lower-case: a number beside one is a day or a year. */
export const MONTHS: ReadonlySet<string> = words(
  [
    'january, february, march, april, may, june, july, august, september, october, november, december',
    'janvier, février, mars, avril, mai, juin, juillet, août, septembre, octobre, novembre, décembre',
    'januar, februar, märz, april, mai, juni, juli, august, september, oktober, november, dezember',
    'enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, octubre, noviembre, diciembre',
    'gennaio, febbraio, marzo, aprile, maggio, giugno, luglio, agosto, settembre, ottobre, novembre, dicembre',
  ].join(', '),
);

/**
 * What follows a number and belongs with it (Netflix: never separate a
 * number from its unit), across languages, bare and lower-case: units,
 * currencies, clock words and month names (`20 km`, `10 p.m.`, `22 Uhr`,
 * `12 mars`).
 */
export const UNITS: ReadonlySet<string> = new Set([
  ...words(
    [
      'km, m, cm, mm, kg, g, mg, t, l, ml, cl, h, min, s, ms, km/h, mph, ft, lb, lbs, oz, kw, kwh, mb, gb, °, °c, °f, m², m2, ha',
      'a.m, p.m, uhr, heures, horas, ore, hours, yuan, yuans, yuanes, rmb, renminbi, euro, euros, dollar, dollars, dólares, dollari, yen, cent, cents',
      'thousand, million, millions, billion, billions, mille, mila, milioni, miliardi, mil, millones, millionen, milliarden, mio, mrd, milliard, milliards',
    ].join(', '),
  ),
  ...MONTHS,
]);

/** Languages that write an ordinal as a number and a dot (`am 12. März`, `im 3. Stock`): the dot ends no sentence there. */
export const ORDINAL_DOT: ReadonlySet<string> = words('de, da, nb, nn, no, fi, cs, sk, pl, hu, tr, et, lv, sl, hr, sr, bs, is, fo');

/** Name particles across languages: lower-case words allowed between two capitalised name parts. */
export const NAME_PARTICLES: ReadonlySet<string> = words('de, da, di, del, della, van, von, der, den, du, le, la, dos, das, bin, ibn, al, el, ter');

/** Japanese particles after which a line may break (kept small: the common case particles and their pairs). */
export const JA_PARTICLES: ReadonlySet<string> = words('は, が, を, に, で, と, の, も, へ, や, から, まで, より, には, では, とは, への, での, にも, でも, とも, ので, のに, けど');

export function breakWordsFor(language: string): BreakWords {
  return TABLE[language.split('-')[0]!.toLowerCase()] ?? NONE;
}
