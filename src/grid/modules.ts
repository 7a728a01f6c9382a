// AG Grid Community modules, registered one by one: only what the sheets use ends up in the bundle.
import {
  CellStyleModule,
  ClientSideRowModelModule,
  ColumnAutoSizeModule,
  LocaleModule,
  ModuleRegistry,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  ValidationModule,
} from 'ag-grid-community';

let registered = false;

export function registerGridModules(): void {
  if (registered) return;
  registered = true;
  ModuleRegistry.registerModules([
    ClientSideRowModelModule,
    TextEditorModule,
    SelectEditorModule,
    CellStyleModule,
    PinnedRowModule,
    RenderApiModule,
    RowApiModule,
    ScrollApiModule,
    ColumnAutoSizeModule,
    LocaleModule,
    // Explains a missing module or a wrong option in the console; development builds only.
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}

let listRegistered = false;

/**
 * What the member list adds (filters, row transactions): registered when its view loads, so the first page does
 * not carry them.
 */
export function registerListModules(
  modules: readonly Parameters<typeof ModuleRegistry.registerModules>[0][number][],
): void {
  if (listRegistered) return;
  listRegistered = true;
  ModuleRegistry.registerModules([...modules]);
}
