import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formulaTranslator,
  insertionRewriter,
  parseRef,
  rewriteFormula,
  rewriteSqref,
  translationRewriter,
} from '../../../../src/excel/fill/refs';
import { XmlScanner } from '../../../../src/excel/fill/xml';

const ins = insertionRewriter('Biểu 04', 10, 2, true);

describe('rewriteFormula', () => {
  it.each([
    ['SUM(C5:C12)', 'SUM(C5:C14)'],
    ['SUM($C$5:$C$12)+C11', 'SUM($C$5:$C$14)+C13'],
    ['C10+C11', 'C10+C13'],
    ['SUM(C5:C10)', 'SUM(C5:C10)'],
    ['SUM(11:12)+SUM(B:B)', 'SUM(13:14)+SUM(B:B)'],
    ["'Biểu 04'!A11+Other!A11", "'Biểu 04'!A13+Other!A11"],
    ['"A11"&A11', '"A11"&A13'],
    ['LOG10(A11)+ROUND(1E11,0)', 'LOG10(A13)+ROUND(1E11,0)'],
    ['Table1[Col11]+A11', 'Table1[Col11]+A13'],
    ['[1]Sheet1!A11+A11', '[1]Sheet1!A11+A13'],
    ['Sheet1:Sheet3!A11', 'Sheet1:Sheet3!A11'],
    ['IF(ISERROR(A11),#N/A,A12)', 'IF(ISERROR(A13),#N/A,A14)'],
    ['RATE2019+Rate_11+A11', 'RATE2019+Rate_11+A13'],
    ['TAX2019', 'TAX2021'], // a cell reference (column TAX), as in Excel,
  ])('insertion: %s → %s', (src, out) => {
    expect(rewriteFormula(src, ins)).toBe(out);
  });

  it('translates only relative parts for shared formulas, #REF! when out of the sheet', () => {
    expect(rewriteFormula('A1+$B$2+C$3+$D4', translationRewriter(2, 1))).toBe('B3+$B$2+D$3+$D6');
    expect(rewriteFormula('A2', translationRewriter(-2, 0))).toBe('#REF!');
  });

  it('returns the same string when nothing changes', () => {
    const f = 'SUM(A1:A5)';
    expect(rewriteFormula(f, ins)).toBe(f);
  });

  it('rewrites sqref lists', () => {
    expect(rewriteSqref('A1:B11 C12 D5', ins)).toBe('A1:B13 C14 D5');
  });

  it('parses references', () => {
    expect(parseRef('$XFD$1048576')).toEqual({ row: 1048576, col: 16384 });
    expect(parseRef('XFE1')).toBeNull();
    expect(parseRef('A0')).toBeNull();
  });
});

describe('formulaTranslator', () => {
  const formulas = [
    'IF(F39=0,"",G39/F39)',
    'A1+$B$2+C$3+$D4',
    'SUM(C$10:C39)+SUM(11:12)+SUM(B:B)+SUM($3:$4)',
    "'Biểu 04'!A11+Other!A11+Sheet1:Sheet3!A11",
    '"A11"&A11&LOG10(A11)&TAX2019&RATE2019&Rate_11',
    'Table1[Col11]+[1]Sheet1!A11+A11+#REF!+#N/A',
    'A2',
    '',
  ];

  it('gives what rewriteFormula gives with translationRewriter, for any move', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...formulas),
        fc.integer({ min: -50, max: 100_000 }),
        fc.integer({ min: -3, max: 3 }),
        (f, dRow, dCol) => {
          expect(formulaTranslator(f)(dRow, dCol)).toBe(rewriteFormula(f, translationRewriter(dRow, dCol)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('one translator serves every row; no move gives the formula back', () => {
    const translate = formulaTranslator('IF(F39=0,"",G39/F39)');
    expect(translate(-29, 0)).toBe('IF(F10=0,"",G10/F10)');
    expect(translate(100, 0)).toBe('IF(F139=0,"",G139/F139)');
    expect(translate(-39, 0)).toBe('IF(#REF!=0,"",#REF!/#REF!)');
    expect(translate(0, 0)).toBe('IF(F39=0,"",G39/F39)');
  });
});

describe('XmlScanner', () => {
  it('reports exact offsets for tags, attributes with either quote, comments and CDATA', () => {
    const src = `<?xml version="1.0"?><a x='1' y="&quot;2"><!-- c --><b/>t<![CDATA[<x>]]></a>`;
    const s = new XmlScanner(src);
    const toks = [];
    for (let t = s.next(); t; t = s.next()) toks.push(t);
    expect(toks.map((t) => src.slice(t.start, t.end))).toEqual([
      '<?xml version="1.0"?>',
      `<a x='1' y="&quot;2">`,
      '<!-- c -->',
      '<b/>',
      't',
      '<![CDATA[<x>]]>',
      '</a>',
    ]);
    const a = toks[1];
    expect(a?.kind === 'open' && a.attrs).toEqual([
      { name: 'x', value: '1' },
      { name: 'y', value: '&quot;2' },
    ]);
  });
});
