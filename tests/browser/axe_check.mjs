// The episode page in real headless Chromium: axe-core's verdict and a keyboard walk, as JSON on stdout.
//
//   node tests/browser/axe_check.mjs URL [--screenshot FILE.png]
//
// Prints one JSON object: axe's violations; the links and players in document order; what Tab
// focused, press by press, with its outline; and the audio requested while the page loaded.
// tests/test_page_a11y.py judges it. Chromium is Debian's (/usr/bin/chromium, or $CHROMIUM):
// playwright-core drives it and downloads nothing.

import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const [url, flag, screenshot] = process.argv.slice(2);
if (!url || (flag && flag !== "--screenshot")) {
  console.error("usage: node axe_check.mjs URL [--screenshot FILE.png]");
  process.exit(2);
}

const browser = await launch();
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  const audioRequests = [];
  page.on("request", (request) => {
    if (request.resourceType() === "media" || request.url().endsWith(".mp3")) audioRequests.push(request.url());
  });
  const response = await page.goto(url, { waitUntil: "load" });

  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  const axe = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return {
      violations: result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
      })),
      passes: result.passes.map((p) => p.id),
    };
  });

  const describe = `el => el.tagName.toLowerCase() + " " + (el.getAttribute("href") || el.getAttribute("src") || el.textContent.trim())`;
  // every link, player and transcript toggle a sighted keyboard user can see (links inside a closed
  // transcript are reached once it is opened)
  const expected = await page.evaluate(`[...document.querySelectorAll("a[href], audio[controls], summary")]
    .filter(el => el.checkVisibility()).map(${describe})`);
  const players = await page.evaluate(`[...document.querySelectorAll("audio")].map(a => ({
    autoplay: a.autoplay, paused: a.paused, preload: a.getAttribute("preload") }))`);

  // Press Tab until focus leaves the page or comes back round; note what holds focus each time.
  const focused = [];
  for (let press = 0; press < expected.length * 10 + 10; press++) {
    await page.keyboard.press("Tab");
    const state = await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { element: (${describe})(el), outlineStyle: style.outlineStyle, outlineWidth: style.outlineWidth,
               outlineColor: style.outlineColor, background: getComputedStyle(document.body).backgroundColor,
               onScreen: box.width > 0 && box.height > 0 && box.right > 0 && box.bottom > 0
                         && box.left < innerWidth && box.top < innerHeight };
    })()`);
    if (state === null) break;
    if (focused.length > 1 && state.element === focused[0].element && focused.at(-1).element !== state.element) break;
    focused.push(state);
  }

  if (screenshot) {
    await page.evaluate("document.activeElement && document.activeElement.blur()");
    await page.screenshot({ path: screenshot, fullPage: true });
  }
  console.log(JSON.stringify({ status: response.status(), contentType: response.headers()["content-type"],
                               violations: axe.violations, passes: axe.passes, expected, players, focused,
                               audioRequests }, null, 1));
} finally {
  await browser.close();
}
