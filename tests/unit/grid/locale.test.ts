// The grid's own texts follow the language at the time they are shown.
import type { GetLocaleTextParams } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../../src/core/model';
import { gridLocaleText } from '../../../src/grid/locale';

const ask = (key: string, defaultValue: string) => ({ key, defaultValue }) as GetLocaleTextParams;

describe('gridLocaleText', () => {
  it('gives Vietnamese texts in Vietnamese and the grid’s own in English, read at each ask', () => {
    let lang: Lang = 'vi';
    const text = gridLocaleText(() => lang);
    expect(text(ask('contains', 'Contains'))).toBe('Chứa');
    expect(text(ask('noRowsToShow', 'No Rows To Show'))).not.toBe('No Rows To Show');
    lang = 'en';
    expect(text(ask('contains', 'Contains'))).toBe('Contains');
  });

  it('falls back to the grid’s text for a key it has no translation of', () => {
    expect(gridLocaleText(() => 'vi')(ask('no-such-key', 'Fallback'))).toBe('Fallback');
  });
});
