// A read-only query on a built warehouse for tests, rows with counts as plain numbers.
import { withDuckDb } from "../../loaders/warehouse/open.ts";
import { toNumbers } from "../models/warehouse.ts";

export const queryWarehouse = <T = Record<string, any>>(file: string, sql: string): Promise<T[]> =>
  withDuckDb(file, { readOnly: true }, async (con) => toNumbers((await con.runAndReadAll(sql)).getRowObjectsJS()) as T[]);
