/** The colour classes every WebVTT user agent styles (`<c.yellow>`), by class name. */
export const DEFAULT_COLOR_CLASSES: ReadonlyMap<string, string> = new Map(
  ['white', 'lime', 'cyan', 'red', 'yellow', 'magenta', 'blue', 'black'].map((name) => [name, name]),
);

/** The class the writer gives a colour that is not a default class: `c_ff0000`, `c_orange`. */
export function colorClassName(color: string): string {
  return `c_${color.replace('#', '')}`;
}
