// Debian's Chromium (/usr/bin/chromium, or $CHROMIUM) driven by playwright-core, which downloads nothing;
// quiet: no network of its own, no sync, no updates. `extra` adds flags a script needs.
import { chromium } from "playwright-core";

export const launch = (extra = []) => chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", ...extra],
});
