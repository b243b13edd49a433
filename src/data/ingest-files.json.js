// Files loaded by the last ingest: read / loaded / rejected per file (main.ingest_files). File names only, never local folders.
import { emit } from "./warehouse.js";

await emit(`select regexp_extract(path, '[^/\\\\]+$') as file, table_name, read, loaded, rejected from main.ingest_files order by table_name, file`);
