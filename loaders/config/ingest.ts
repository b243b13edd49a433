// The `ingest` section of the config. Owned by the ingest code; document every field and its default.
import { z } from "zod";

export const IngestConfig = z.object({});
export type IngestConfig = z.infer<typeof IngestConfig>;
