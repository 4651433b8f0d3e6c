import type pg from 'pg';
import type { Candidate } from './best-match.js';
import { FuzzyIndex } from './fuzzy-index.js';

/** A stored unit as a fuzzy search needs it, with what orders it among its pair's: cue count, plain length, id. */
interface StoredUnit {
  cueCount: number;
  plainLength: number;
  candidate: Candidate<string>;
}

/** One pair's units as this process last read them, up to the pair's change number `change`. */
interface PairUnits {
  change: string;
  units: Map<string, StoredUnit>;
  indexes: Map<number, FuzzyIndex<string>>;
}

/**
 * The fuzzy indexes of a Postgres memory, per language pair and cue count,
 * kept in this process. Each lookup asks the server only for the pair's
 * change number and the rows written since this process last read it (one
 * round trip, no rows when nothing changed; see `subloc_pair_change`), so a
 * search over tens of thousands of units reads them once, not once a lookup.
 */
export class PostgresFuzzyIndexes {
  private readonly pairs = new Map<string, PairUnits>();
  /** Each pair's reads in turn: two at once could apply an older read over a newer one. */
  private readonly turns = new Map<string, Promise<unknown>>();

  /** The index of `cueCount`-cue units of the pair (keys as matched: `langKey`), as the memory holds them now. */
  index(client: pg.PoolClient, sourceKey: string, targetKey: string, cueCount: number): Promise<FuzzyIndex<string>> {
    const key = `${sourceKey}\n${targetKey}`;
    const turn = (this.turns.get(key) ?? Promise.resolve()).then(() => this.read(client, key, sourceKey, targetKey, cueCount));
    this.turns.set(key, turn.catch(() => undefined));
    return turn;
  }

  private async read(client: pg.PoolClient, key: string, sourceKey: string, targetKey: string, cueCount: number): Promise<FuzzyIndex<string>> {
    const known = this.pairs.get(key);
    const { rows } = await client.query<[string, string | null, number | null, number | null, string | null, string | null, number | null, Date | null]>({
      text: `SELECT c.change::text, e.id::text, e.cue_count, e.plain_length, e.source_key, e.source_plain, e.rank, e.updated_at
             FROM (SELECT coalesce((SELECT change FROM subloc_pair_change WHERE source_lang_key = $1 AND target_lang_key = $2), 0) AS change) AS c
             LEFT JOIN subloc_entry AS e ON e.source_lang_key = $1 AND e.target_lang_key = $2 AND e.change > $3::bigint`,
      values: [sourceKey, targetKey, known?.change ?? '-1'],
      rowMode: 'array',
    });
    const pair: PairUnits = known ?? { change: '-1', units: new Map(), indexes: new Map() };
    for (const [, id, count, plainLength, sourceKeyOf, plain, rank, updatedAt] of rows) {
      if (id === null) continue;
      pair.units.set(id, { cueCount: count!, plainLength: plainLength!, candidate: [id, sourceKeyOf!, plain!, rank!, updatedAt!.toISOString()] });
      pair.indexes.delete(count!);
    }
    pair.change = rows[0]![0];
    this.pairs.set(key, pair);
    let index = pair.indexes.get(cueCount);
    if (!index) {
      // The order the search offers them in, as SQLite's: plain length, then id.
      const units = [...pair.units.values()].filter((u) => u.cueCount === cueCount).sort((a, b) => a.plainLength - b.plainLength || Number(a.candidate[0]) - Number(b.candidate[0]));
      index = new FuzzyIndex(units.map((u) => u.candidate));
      pair.indexes.set(cueCount, index);
    }
    return index;
  }
}
