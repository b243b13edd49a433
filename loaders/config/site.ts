// The `site` section of the config. Owned by the site code; document every field and its default.
import { z } from "zod";

export const SiteConfig = z.object({});
export type SiteConfig = z.infer<typeof SiteConfig>;
