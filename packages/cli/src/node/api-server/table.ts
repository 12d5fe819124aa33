// Server-side printing: `kubectl get` asks for `as=Table` and prints the columns and cells the
// server computes, so the columns here are the printers' (src/kubectl/printers), the same that
// `dockyard kubectl get` lays out. Each row carries the object as asked by `includeObject`
// (Metadata by default: enough for kubectl's NAMESPACE and LABELS columns).
// [apiserver pkg/endpoints/handlers/response.go `asTable`; pkg/printers/tablegenerator]

import { tablePrinterFor } from '../../kubectl/printers/registry.ts';
import type { KubeObject } from '../../kubectl/printers/object.ts';
import { badRequest } from './status.ts';
import type { WallCalendar } from './wall-calendar.ts';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export interface TableOptions {
  version: 'v1' | 'v1beta1';
  includeObject: IncludeObject;
  /** Watch events after the first carry rows only (apiserver's watchEmbeddedEncoder). */
  noHeaders: boolean;
}

/** `?includeObject=` as the server reads it; a value it does not know is a BadRequest. */
export function includeObjectParam(value: string | null): IncludeObject {
  if (value === null || value === '') return 'Metadata';
  if (value === 'None' || value === 'Metadata' || value === 'Object') return value;
  throw badRequest(`unrecognized includeObject value: ${JSON.stringify(value)}`);
}

export interface TableType {
  group: string;
  kind: string;
  namespaced: boolean;
}

/**
 * The Table of `objects` (all of one type, with virtual times) at virtual time `now`; the dates in
 * its cells and row objects shown on `calendar`.
 */
export function toTable(type: TableType, objects: readonly KubeObject[], now: number, resourceVersion: string, options: TableOptions, calendar: WallCalendar): unknown {
  const table = tablePrinterFor({ group: type.group, kind: type.kind }, type.namespaced).toTable(objects, now);
  const apiVersion = `meta.k8s.io/${options.version}`;
  return {
    kind: 'Table',
    apiVersion,
    metadata: { resourceVersion },
    columnDefinitions: options.noHeaders
      ? null
      : table.columns.map((column, index) => ({
          name: column.name,
          type: columnType(table.rows.map((row) => row.cells[index])),
          format: column.format ?? '',
          description: '',
          priority: column.priority ?? 0,
        })),
    rows: table.rows.map((row) => ({
      cells: row.cells.map((cell) => calendar.cell(cell ?? null)),
      object: rowObject(calendar.toWall(row.object), options.includeObject, apiVersion),
    })),
  };
}

/** PartialObjectMetadata: the object's metadata under meta.k8s.io's type. */
export function partialMetadata(object: KubeObject, apiVersion = 'meta.k8s.io/v1'): unknown {
  return { kind: 'PartialObjectMetadata', apiVersion, metadata: object.metadata ?? {} };
}

function rowObject(object: KubeObject, include: IncludeObject, apiVersion: string): unknown {
  if (include === 'None') return null;
  if (include === 'Object') return object;
  return partialMetadata(object, apiVersion);
}

/** OpenAPI types of the cells: integers where every cell is one, strings otherwise. */
function columnType(cells: readonly unknown[]): string {
  if (cells.length > 0 && cells.every((cell) => typeof cell === 'number' && Number.isInteger(cell))) return 'integer';
  if (cells.length > 0 && cells.every((cell) => typeof cell === 'boolean')) return 'boolean';
  return 'string';
}
