// What the last ingest did, for the data quality page, in one loader (one DuckDB session):
// per file read / loaded / rejected with its format and encoding (main.ingest_files), the most
// frequent reject reasons with one example each (main.ingest_rejects), what the ingest derived
// per file (main.ingest_derivations: amount = quantity x unit price, line numbers, units, cost
// from profit) and, without a customers export, how the customers' attributes were taken from
// their order lines (main.derived_attributes). File names only, never local folders; raw values
// of private columns (contacts, phone, e-mail, address) and of whole rows are never published.
import { privateColumnSql, warehouseFile, withWarehouse } from "./warehouse.js";

const file = (column) => `regexp_extract(${column}, '[^/\\\\]+$')`;

try {
  const out = await withWarehouse(async (run) => ({
    files: await run(`
      select ${file("path")} as file, table_name, format, encoding, read, loaded, rejected, totals,
             encoding_evidence, warnings
      from main.ingest_files order by table_name, file`),
    reasons: await run(`
      with reasons as (
        select ${file("source_file")} as file, table_name, column_name, reason, reason_class,
               count(*) as rows, min(row_number) as example_row,
               arg_min(raw_value, row_number) as example_value
        from main.ingest_rejects
        group by all
      )
      select file, table_name, column_name, reason, reason_class, rows, example_row,
             -- a whole-row reject (no column) could carry a private field too
             case when column_name is null or column_name in ${privateColumnSql} then null
                  else example_value end as example_value
      from reasons
      order by rows desc, file, example_row
      limit 25`),
    derivations: await run(`
      select ${file("path")} as file, table_name, column_name, rule, "lines"
      from main.ingest_derivations order by table_name, file, column_name`),
    attributes: await run(`
      select attribute, customers, with_value, varying, tied, rule
      from main.derived_attributes order by attribute`),
  }));
  process.stdout.write(JSON.stringify(out));
} catch (e) {
  console.error(`data loader ingest-log.json.js failed on ${warehouseFile()}: ${e.message}`);
  process.exit(1);
}
