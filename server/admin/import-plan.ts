/** What an import (or the merger page) would do, row by row, before anything is written. */
export interface RowError { line: number; key: string; params?: Record<string, string | number> }
export interface PlannedRow { line: number; action: 'create' | 'update' | 'same' | 'merge'; code: string; name: string; detail: string }
export interface Plan<T> { rows: PlannedRow[]; errors: RowError[]; apply: T[] }
