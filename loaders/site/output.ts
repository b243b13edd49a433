// Framework writes the site into a staging folder beside dist/; `buildSite` swaps it in only
// when the build succeeded, so a failed build leaves the previous report in place.
import { distDir } from "../paths.ts";

export const stagingDir = () => `${distDir()}.staging`;
