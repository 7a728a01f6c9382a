// AG Grid Community modules, registered one by one: only what the sheets use ends up in the bundle.
import {
  CellStyleModule,
  ClientSideRowModelApiModule,
  ClientSideRowModelModule,
  ColumnAutoSizeModule,
  ModuleRegistry,
  NumberFilterModule,
  PinnedRowModule,
  RenderApiModule,
  RowApiModule,
  ScrollApiModule,
  SelectEditorModule,
  TextEditorModule,
  TextFilterModule,
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
    // The member list is sorted and filtered like a spreadsheet's list, and updated row by row by transactions.
    ClientSideRowModelApiModule,
    TextFilterModule,
    NumberFilterModule,
    // Explains a missing module or a wrong option in the console; development builds only.
    ...(import.meta.env.DEV ? [ValidationModule] : []),
  ]);
}
