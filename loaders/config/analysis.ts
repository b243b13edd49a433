// The `analysis` section of the config. Owned by the analysis code; document every field and its default.
import { z } from "zod";

export const AnalysisConfig = z.object({});
export type AnalysisConfig = z.infer<typeof AnalysisConfig>;
