// The member list as the grid shows it: which members pass the column filters, in the order of the sort. The grid
// asks for the rows it shows a block at a time (AG Grid's infinite row model), so 100,000 members are not 100,000 row
// nodes; this computes the order those blocks are cut from. Filters and sorting read what the user sees (unit
// names, level names), as the filter and sort models of AG Grid's text and number filters describe them.
import type { CellValue } from '../model';

export interface SortItem {
  readonly colId: string;
  readonly sort: 'asc' | 'desc';
}

/** One condition of an AG Grid text or number filter (its filter model). */
export interface FilterCondition {
  readonly filterType?: string;
  readonly type?: string | null;
  readonly filter?: string | number | null;
  readonly filterTo?: number | null;
}

/** A column's filter: one condition, or two or more joined by AND / OR. */
export type ColumnFilter =
  | FilterCondition
  | {
      readonly filterType?: string;
      readonly operator: 'AND' | 'OR';
      readonly conditions: readonly FilterCondition[];
    };

export interface ListSource {
  /** Every member in the list's own order. */
  readonly ids: readonly string[];
  value(id: string, col: string): CellValue;
  /** What a cell shows (a unit's name for its id, a level's name for its code). */
  text(col: string, value: CellValue): string;
}

/**
 * The ids shown, filtered then sorted (a stable sort: equal members keep the list's order). With no sort and no
 * filter this is `source.ids` itself, not a copy.
 */
export function listView(
  source: ListSource,
  sort: readonly SortItem[],
  filter: Readonly<Record<string, ColumnFilter>>,
  collator: Intl.Collator | (() => Intl.Collator) = () => new Intl.Collator('vi'),
): readonly string[] {
  const filters = Object.entries(filter);
  if (sort.length === 0 && filters.length === 0) return source.ids;
  const ids =
    filters.length === 0
      ? [...source.ids]
      : source.ids.filter((id) => filters.every(([col, f]) => passes(f, source.value(id, col), source, col)));
  if (sort.length === 0) return ids;
  // Each sorted column's values and texts read once, not in each of the n·log n comparisons.
  const keys = sort.map((s) => {
    const values = ids.map((id) => source.value(id, s.colId));
    return { values, texts: values.map((v) => source.text(s.colId, v)), sign: s.sort === 'desc' ? -1 : 1 };
  });
  const compare = typeof collator === 'function' ? collator() : collator;
  const order = ids.map((_, i) => i);
  order.sort((a, b) => {
    for (const k of keys) {
      const x = k.values[a] ?? null;
      const y = k.values[b] ?? null;
      const c =
        typeof x === 'number' && typeof y === 'number'
          ? x - y
          : compare.compare(k.texts[a] ?? '', k.texts[b] ?? '');
      if (c !== 0) return k.sign * c;
    }
    return a - b;
  });
  return order.map((i) => ids[i] ?? '');
}

function passes(f: ColumnFilter, value: CellValue, source: ListSource, col: string): boolean {
  if ('conditions' in f) {
    const results = f.conditions.map((c) => matches(c, value, source, col));
    return f.operator === 'OR' ? results.some(Boolean) : results.every(Boolean);
  }
  return matches(f, value, source, col);
}

/** AG Grid's text filter (not case-sensitive) over the shown text; its number filter over the number. */
function matches(c: FilterCondition, value: CellValue, source: ListSource, col: string): boolean {
  const type = c.type ?? 'contains';
  if (c.filterType === 'number') {
    if (type === 'blank') return value === null;
    if (type === 'notBlank') return value !== null;
    const f = typeof c.filter === 'number' ? c.filter : null;
    if (f === null) return true; // a condition not typed yet filters nothing
    if (typeof value !== 'number') return false;
    switch (type) {
      case 'equals':
        return value === f;
      case 'notEqual':
        return value !== f;
      case 'lessThan':
        return value < f;
      case 'lessThanOrEqual':
        return value <= f;
      case 'greaterThan':
        return value > f;
      case 'greaterThanOrEqual':
        return value >= f;
      case 'inRange':
        return typeof c.filterTo === 'number' ? value > f && value < c.filterTo : value > f;
      default:
        return true;
    }
  }
  const text = source.text(col, value).toLocaleLowerCase('vi');
  if (type === 'blank') return text.trim() === '';
  if (type === 'notBlank') return text.trim() !== '';
  if (c.filter === null || c.filter === undefined || c.filter === '') return true;
  const f = String(c.filter).toLocaleLowerCase('vi');
  switch (type) {
    case 'contains':
      return text.includes(f);
    case 'notContains':
      return !text.includes(f);
    case 'equals':
      return text === f;
    case 'notEqual':
      return text !== f;
    case 'startsWith':
      return text.startsWith(f);
    case 'endsWith':
      return text.endsWith(f);
    default:
      return true;
  }
}
