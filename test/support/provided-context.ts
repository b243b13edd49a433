// Values test/setup/site.ts provides to the tests (vitest's inject()).
declare module "vitest" {
  export interface ProvidedContext {
    siteWorkDir: string;
  }
}
export {};
