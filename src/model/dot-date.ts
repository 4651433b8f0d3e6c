/**
 * A date written the Chinese way, month and day joined by a dot (`5.1假期`,
 * `3.15晚会`, `9.18事变`). Only a word of dates after it tells it from a
 * decimal (`1.5倍`, `2.5公里`), so only those count.
 */
const DOT_DATE = /(?<![\d.,])(1[0-2]|[1-9])\.(3[01]|[12]\d|[1-9])(?=\s?(?:[长長]?假|小[长長]假|放假|黄金周|黃金週|国庆|國慶|晚[会會]|[节節]|期[间間]|[当當]天|那天|前[后後]|前夕|[以之][后後]|[以之]前|事[变變]|事件|[纪紀]念日|活[动動]|大促|[购購]物))/gu;

export interface DotDate {
  index: number;
  /** The date as written, `5.1`. */
  text: string;
  month: number;
  day: number;
}

export function findDotDates(text: string): DotDate[] {
  return [...text.matchAll(DOT_DATE)].map((m) => ({ index: m.index, text: m[0], month: Number(m[1]), day: Number(m[2]) }));
}
