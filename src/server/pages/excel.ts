// ExcelJS, loaded the first time a workbook is written: it is large, and most processes (the
// command line, a server that is never asked for an XLSX) never need it.
import type ExcelJSModule from 'exceljs'

/** The ExcelJS library. */
export async function excel(): Promise<typeof ExcelJSModule> {
  return (await import('exceljs')).default
}
