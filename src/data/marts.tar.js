// The archive loader of the pages' mart data: every file of ./mart-files.js, in ONE DuckDB
// session (a loader process costs ~0.5 s), as data/marts/<file>.json inside a tar that
// Framework unpacks per file (a page transfers only the files it attaches). Each file is
// {mart, units: {column: unit}, columns: {column: [values]}} (./mart-file.js), the same bytes
// on every machine: fixed tar header fields, rows ordered by each query.
import { pack } from "tar-stream";
import { martFileJson } from "./mart-file.js";
import { martFiles } from "./mart-files.js";
import { warehouseFile, withWarehouse } from "./warehouse.js";

try {
  const files = await withWarehouse(async (run) => {
    const out = [];
    for (const f of martFiles) out.push([f.file, JSON.stringify(await martFileJson(run, f))]);
    return out;
  });
  const tar = pack();
  const chunks = [];
  tar.on("data", (c) => chunks.push(c));
  const done = new Promise((resolve, reject) => (tar.on("end", resolve), tar.on("error", reject)));
  for (const [file, json] of files) {
    tar.entry({ name: `${file}.json`, mtime: new Date(0), mode: 0o644, uid: 0, gid: 0, uname: "", gname: "" }, json);
  }
  tar.finalize();
  await done;
  process.stdout.write(Buffer.concat(chunks));
} catch (e) {
  console.error(`data loader marts.tar.js failed on ${warehouseFile()}: ${e.message}`);
  process.exit(1);
}
