// Field types more than one config section uses, defined once.
import { z } from "zod";

/** DuckDB memory_limit: 1.5GB keeps DuckDB plus Node under 2 GB (the budget);
 *  DuckDB spills to disk beyond it. */
export const DEFAULT_MEMORY_LIMIT = "1.5GB";

export const memoryLimit = z
  .string()
  .regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, "expected a size such as 2GB or 512MB")
  .default(DEFAULT_MEMORY_LIMIT);

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date written YYYY-MM-DD");
