/**
 * Month names in the languages QC reads, lower-case, the first list
 * English's (`monthName` says a month in messages in it).
 */
const MONTH_LISTS = [
  'january february march april may june july august september october november december',
  'janvier février mars avril mai juin juillet août septembre octobre novembre décembre',
  'januar februar märz april mai juni juli august september oktober november dezember',
  'enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre',
  'gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre',
  'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro',
].map((months) => months.split(' '));

/** Each month name and its number, 1 to 12. */
export const MONTH_NAMES: ReadonlyMap<string, number> = new Map(MONTH_LISTS.flatMap((months) => months.map((m, i) => [m, i + 1] as const)));

/**
 * A month's name shortened (`Sept.`, `janv.`, `Okt.`, `dic.`): a beginning of
 * three letters or more of one month's names only (`jui` is juin or juillet).
 */
export const MONTH_ABBREVIATIONS: ReadonlyMap<string, number> = (() => {
  const months = new Map<string, Set<number>>();
  for (const [name, month] of MONTH_NAMES) {
    for (let end = 3; end < name.length; end++) {
      const prefix = name.slice(0, end);
      months.set(prefix, (months.get(prefix) ?? new Set()).add(month));
    }
  }
  return new Map([...months].flatMap(([prefix, ms]) => (ms.size === 1 && !MONTH_NAMES.has(prefix) ? [[prefix, [...ms][0]!] as const] : [])));
})();

/** `September`, for messages. */
export function monthName(month: number): string {
  const name = MONTH_LISTS[0]![month - 1]!;
  return name[0]!.toUpperCase() + name.slice(1);
}
