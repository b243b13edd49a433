// The `clv` section of the config. Owned by the clv code; document every field and its default.
import { z } from "zod";

export const ClvConfig = z.object({});
export type ClvConfig = z.infer<typeof ClvConfig>;
