#!/usr/bin/env node
// Entry point for `npx kam …`: registers tsx so the TypeScript sources run as they are.
import { register } from "tsx/esm/api";
register();
const { main } = await import("./kam.ts");
process.exitCode = await main(process.argv.slice(2));
