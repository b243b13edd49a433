// The most frequent reasons rows were rejected, with one example each (main.ingest_rejects).
// Raw values of private columns (contacts, phone, e-mail, address) and of whole rows are never published.
import { emit, privateColumnSql } from "./warehouse.js";

await emit(`
  with reasons as (
    select regexp_extract(source_file, '[^/\\\\]+$') as file, table_name, column_name, reason,
           count(*) as rows, min(row_number) as example_row,
           arg_min(raw_value, row_number) as example_value
    from main.ingest_rejects
    group by all
  )
  select file, table_name, column_name, reason, rows, example_row,
         -- a whole-row reject (no column) could carry a private field too
         case when column_name is null or column_name in ${privateColumnSql} then null
              else example_value end as example_value
  from reasons
  order by rows desc, file, example_row
  limit 25`);
