// An episode page read along in real headless Chromium: what a listener does, and what the page did.
//
//   node tests/browser/reader_check.mjs URL [--screenshots DIR]
//
// Prints one JSON object; tests/test_reader_page.py judges it. Each step acts as a reader would
// (Chromium's own clicks and key presses) and records the page's state after it: which sentences
// carry aria-current, the player's time, the follow-along box, the speed. Then axe-core, a Tab walk
// with each stop's outline and size, and the same page with scripts off.

import { createRequire } from "node:module";
import { launch } from "./chromium.mjs";

const require = createRequire(import.meta.url);
const [url, flag, shots] = process.argv.slice(2);
if (!url || (flag && flag !== "--screenshots")) {
  console.error("usage: node reader_check.mjs URL [--screenshots DIR]");
  process.exit(2);
}

const browser = await launch(["--mute-audio", "--autoplay-policy=user-gesture-required"]);
const report = { errors: [] };
const state = (page) => page.evaluate(() => {
  const audio = document.getElementById("player");
  return {
    current: [...document.querySelectorAll('[aria-current="true"]')].map((el) => el.id),
    time: audio.currentTime, paused: audio.paused, rate: audio.playbackRate, pitch: audio.preservesPitch,
    follow: document.getElementById("follow").checked, speed: document.getElementById("speed").value,
    hash: location.hash, focused: document.activeElement && document.activeElement.id,
  };
});
const settle = (page) => page.waitForTimeout(400);
const sentences = (page) => page.evaluate(() => [...document.querySelectorAll(".sentence")].map((el) => ({
  id: el.id, start: parseFloat(el.dataset.start), end: parseFloat(el.dataset.end), text: el.textContent })));

try {
  const context = await browser.newContext({ viewport: { width: 1024, height: 768 } });
  const page = await context.newPage();
  page.on("pageerror", (error) => report.errors.push(error.message));
  const audioRequests = [];
  page.on("request", (request) => { if (request.resourceType() === "media") audioRequests.push(request.url()); });
  await page.goto(url, { waitUntil: "load" });
  await settle(page);
  report.onLoad = { ...(await state(page)), audioRequests: [...audioRequests],
                    controlsShown: await page.isVisible("#reader-controls"), keysShown: await page.isVisible("#reader-keys"),
                    liveRegions: await page.evaluate(() => document.querySelectorAll("[aria-live], [role=status], [role=alert], [role=log]").length) };
  report.sentences = await sentences(page);

  // axe-core first, on the page as it opens
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") });
  report.axe = await page.evaluate(async () => {
    const result = await window.axe.run(document);
    return { violations: result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) })),
             passes: result.passes.map((p) => p.id) };
  });

  // 1. the player's time put inside a sentence's span (metadata loaded first, as playing would)
  const list = report.sentences;
  const chosen = list[Math.floor(list.length / 2)];
  await page.evaluate(async (time) => {
    const audio = document.getElementById("player");
    if (audio.readyState < 1) {
      audio.preload = "metadata";
      audio.load();
      await new Promise((resolve) => audio.addEventListener("loadedmetadata", resolve, { once: true }));
    }
    audio.currentTime = time;
    await new Promise((resolve) => audio.addEventListener("seeked", resolve, { once: true }));
  }, (chosen.start + chosen.end) / 2);
  await settle(page);
  report.timeSet = { sentence: chosen.id, ...(await state(page)) };

  // 2. a click on another sentence seeks there
  const clicked = list[Math.floor(list.length / 4)];
  await page.click(`#${clicked.id}`);
  await settle(page);
  report.sentenceClicked = { sentence: clicked.id, start: clicked.start, ...(await state(page)) };
  await page.evaluate(() => document.getElementById("player").pause());

  // 3. Enter on a chapter link seeks to the chapter
  const chapters = await page.evaluate(() => [...document.querySelectorAll(".chapters a[data-start]")]
    .map((a) => ({ start: parseFloat(a.dataset.start), href: a.getAttribute("href") })));
  if (chapters.length) {
    const chapter = chapters[chapters.length - 1];
    await page.focus(`.chapters a[href="${chapter.href}"]`);
    await page.keyboard.press("Enter");
    await settle(page);
    report.chapterEntered = { chapter, ...(await state(page)) };
    await page.evaluate(() => document.getElementById("player").pause());
  } else {
    report.chapterEntered = null;  // a page with no chapters (audionews listen)
  }

  // 4. Enter on a focused sentence, then L and J (forward and back a sentence) from the text
  const entered = list[1];
  await page.focus(`#${entered.id}`);
  await page.keyboard.press("Enter");
  await settle(page);
  report.sentenceEntered = { sentence: entered.id, start: entered.start, ...(await state(page)) };
  await page.evaluate(() => document.getElementById("player").pause());
  await page.keyboard.press("l");
  await settle(page);
  report.forward = await state(page);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  await settle(page);
  report.back = await state(page);

  // 5. keys typed in a form field are the field's: L in the speed box moves nothing
  const before = await state(page);
  await page.focus("#speed");
  await page.keyboard.press("l");
  await settle(page);
  report.inField = { before: before.time, ...(await state(page)) };

  // 6. speed: chosen, applied with pitch kept, remembered after a reload
  await page.selectOption("#speed", "1.5");
  await settle(page);
  report.speedChosen = await state(page);
  report.speeds = await page.evaluate(() => [...document.querySelectorAll("#speed option")].map((o) => o.value));

  // 7. follow along: a scroll by the reader away from the sentence turns it off; ticking it brings it back
  await page.evaluate(() => { const f = document.getElementById("follow"); if (!f.checked) f.click(); });
  await page.waitForTimeout(1600);  // past any scroll the script itself made
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.mouse.move(500, 400);
  await page.mouse.wheel(0, 20000);
  await page.waitForTimeout(1200);
  report.scrolledAway = await state(page);
  await page.check("#follow");
  await page.waitForTimeout(1200);
  report.followAgain = { ...(await state(page)), inView: await page.evaluate(() => {
    const box = document.querySelector('[aria-current="true"]').getBoundingClientRect();
    return box.bottom > 0 && box.top < innerHeight;
  }) };
  if (shots) {
    await page.screenshot({ path: `${shots}/reader-highlighted.png` });
  }
  // ... and so does scrolling by keyboard from a sentence in the text (PageDown is the page's, not the text's)
  await page.focus('.sentence[aria-current="true"]');
  for (let press = 0; press < 6; press++) await page.keyboard.press("PageDown");
  await page.waitForTimeout(1200);
  report.keyboardScrolled = await state(page);
  await page.check("#follow");
  await page.waitForTimeout(1200);

  // 8. the place is kept: stopped at 30 s, the page offers to resume there after a reload, and the speed stays
  await page.evaluate(async () => {
    const audio = document.getElementById("player");
    audio.currentTime = 30;
    await new Promise((resolve) => audio.addEventListener("seeked", resolve, { once: true }));
    audio.dispatchEvent(new Event("pause"));
  });
  await page.reload({ waitUntil: "load" });
  await settle(page);
  report.reloaded = { ...(await state(page)), resume: await page.isVisible("#resume") && await page.textContent("#resume") };
  if (report.reloaded.resume) {
    await page.click("#resume");
    await settle(page);
    report.resumed = await state(page);
    await page.evaluate(() => document.getElementById("player").pause());
  }

  // 9. a Tab walk from the top of a fresh page: every stop visibly focused; the controls big enough (WCAG 2.5.8)
  await page.reload({ waitUntil: "load" });
  await settle(page);
  const stops = [];
  for (let press = 0; press < 80; press++) {
    await page.keyboard.press("Tab");
    const stop = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return { tag: el.tagName.toLowerCase(), id: el.id, text: (el.textContent || "").trim().slice(0, 40),
               outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth),
               width: box.width, height: box.height, type: el.getAttribute("type") };
    });
    if (stop === null || (stops.length && stop.tag === stops[0].tag && stop.id === stops[0].id && stop.text === stops[0].text)) break;
    if (!stops.length || stops.at(-1).tag !== stop.tag || stops.at(-1).id !== stop.id || stops.at(-1).text !== stop.text) stops.push(stop);
  }
  report.tabStops = stops;
  report.controlSizes = await page.evaluate(() => [...document.querySelectorAll("#reader-controls button:not([hidden]), #reader-controls select, #reader-controls input")]
    .map((el) => { const box = (el.type === "checkbox" ? el.parentElement : el).getBoundingClientRect(); return { id: el.id, width: box.width, height: box.height }; }));
  await context.close();

  // 10. the same page with scripts off
  const plain = await browser.newContext({ viewport: { width: 1024, height: 768 }, javaScriptEnabled: false });
  const bare = await plain.newPage();
  await bare.goto(url, { waitUntil: "load" });
  report.noScript = {
    sentences: await bare.evaluate(() => [...document.querySelectorAll(".sentence")].map((el) => el.textContent)),
    player: await bare.isVisible("audio#player"),
    controlsShown: await bare.isVisible("#reader-controls"),
    keysShown: await bare.isVisible("#reader-keys"),
    visibleText: await bare.evaluate(() => document.getElementById("transcript").innerText),
  };
  if (shots) await bare.screenshot({ path: `${shots}/reader-no-script.png`, fullPage: false });
  await plain.close();
} catch (error) {
  report.errors.push(String(error && error.stack || error));
} finally {
  await browser.close();
}
console.log(JSON.stringify(report, null, 1));
