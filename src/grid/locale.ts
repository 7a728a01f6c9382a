// The grid's own texts (filter menus, "Loading…", "No rows") in the user's language: AG Grid's Vietnamese
// translation, read at the time a text is shown, so a filter opened after a change of language speaks the new one.
import { AG_GRID_LOCALE_VN } from '@ag-grid-community/locale';
import type { GetLocaleTextParams } from 'ag-grid-community';
import type { Lang } from '../core/model';

const TEXTS: Readonly<Record<Lang, Readonly<Record<string, string>> | null>> = {
  vi: AG_GRID_LOCALE_VN,
  en: null, // the grid's own
};

/** A grid's `getLocaleText` for the language `lang()` returns when a text is asked for. */
export function gridLocaleText(lang: () => Lang): (p: GetLocaleTextParams) => string {
  return (p) => TEXTS[lang()]?.[p.key] ?? p.defaultValue;
}
