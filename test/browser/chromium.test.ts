// Without Chromium the browser tests fail and say how to install it (never a silent skip).
import { afterEach, expect, it } from "vitest";
import { launchChromium } from "../support/chromium.ts";

const saved = process.env.CHROMIUM_PATH;
afterEach(() => {
  if (saved === undefined) delete process.env.CHROMIUM_PATH;
  else process.env.CHROMIUM_PATH = saved;
});

it("fails with the install command when the browser is missing", async () => {
  process.env.CHROMIUM_PATH = "/nonexistent/chromium";
  await expect(launchChromium()).rejects.toThrow(/not installed at \/nonexistent\/chromium.*apt-get install -y chromium/);
});
