// Values test/setup/site.ts provides to the tests (vitest's inject()).
declare module "vitest" {
  export interface ProvidedContext {
    siteWorkDir: string;
    /** One build date for every test build of the run (SOURCE_DATE_EPOCH, seconds): see test/setup/site.ts. */
    buildEpoch: number;
  }
}
export {};
