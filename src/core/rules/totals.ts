// totals: the "Cộng" figures as reported (the control row) equal the sum of the unit rows, column by column.
// Runs on column sums the validator keeps per edit, so it never scans the rows. A column with blank unit cells
// is incomplete, not wrong: it is checked once every unit row is filled.
import { CONTROL_ROW } from '../model';
import { ParamReader, type AggregateKind } from './kind';

export interface TotalsParams {
  readonly columns: readonly string[];
}

export const totals: AggregateKind<TotalsParams> = {
  scope: 'aggregate',
  variants: ['mismatch'],
  parse: (params, ctx) => {
    if (params.columns === undefined)
      return { columns: ctx.ruleSheet.columns.filter((c) => c.kind === 'count').map((c) => c.id) };
    return { columns: new ParamReader(params, ctx).columns('columns') };
  },
  reads: (p, sheet) => p.columns.map((col) => ({ sheet, col })),
  check: (p, ctx, sheet) => {
    const problems = [];
    for (const col of p.columns) {
      const control = ctx.control(sheet, col);
      if (typeof control !== 'number') continue;
      const { sum, filled, rows } = ctx.column(sheet, col);
      if (filled < rows || sum === control) continue;
      problems.push({
        variant: 'mismatch',
        row: CONTROL_ROW,
        columns: [col],
        expected: sum,
        received: control,
      });
    }
    return problems;
  },
};
