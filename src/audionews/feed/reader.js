// audionews reader. Progressive enhancement of an episode page: without this
// script the page is a player and the whole text; with it the sentence being heard is marked and
// followed, sentences and chapters seek the player, and speed and place are remembered.
// Nothing here speaks to assistive technology on every sentence: no live region, only
// aria-current on the sentence heard, which a screen reader reads when the reader goes there.
(() => {
  "use strict";
  const audio = document.getElementById("player");
  const transcript = document.getElementById("transcript");
  if (!audio || !transcript) return;
  const region = document.getElementById("player-region");
  const follow = document.getElementById("follow");
  const speed = document.getElementById("speed");
  const resume = document.getElementById("resume");
  const store = (() => { try { return window.localStorage; } catch (_) { return null; } })();
  const remember = (key, value) => { try { if (store) store.setItem(key, value); } catch (_) { /* full or denied */ } };
  const recall = (key) => { try { return store ? store.getItem(key) : null; } catch (_) { return null; } };
  const SPEED_KEY = "audionews:speed";
  const PLACE_KEY = "audionews:place:" + (audio.dataset.place || new URL(audio.getAttribute("src"), location.href).pathname);

  for (const id of ["reader-controls", "reader-keys"]) {
    const shown = document.getElementById(id);
    if (shown) shown.hidden = false;
  }

  // The sentences, in reading order; the transcript may grow while the page is open (audionews listen).
  let sentences = [];
  let current = null;
  const refresh = () => {
    sentences = Array.from(transcript.querySelectorAll(".sentence[data-start]"));
    for (const s of sentences) if (!s.hasAttribute("tabindex")) s.tabIndex = -1;
    if (sentences.length && !transcript.querySelector('.sentence[tabindex="0"]')) (current || sentences[0]).tabIndex = 0;
  };
  new MutationObserver(refresh).observe(transcript, { childList: true, subtree: true });
  refresh();
  // Roving focus: the text is one Tab stop, the sentence heard (the first before any).
  transcript.addEventListener("focusout", (event) => {
    const el = event.target;
    if (el.classList && el.classList.contains("sentence") && el !== current && sentences.some((s) => s !== el && s.tabIndex === 0)) {
      el.tabIndex = -1;
    }
  });

  const startOf = (el) => parseFloat(el.dataset.start);
  // The last sentence begun by time t (a pause between two keeps the one just heard), or -1.
  const indexAt = (t) => {
    let low = 0, high = sentences.length - 1, found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (startOf(sentences[middle]) <= t + 0.001) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found;
  };

  // Follow along: the sentence heard is scrolled into view while the box is ticked. When the reader
  // scrolls (wheel, touch, scroll keys, the scroll bar) and the sentence leaves the view, it unticks:
  // scrolls this script makes, or focus moving to a control, are not the reader scrolling away.
  let reading = 0;  // when the reader last asked to scroll
  const reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  const inView = (el) => {
    const box = el.getBoundingClientRect();
    return box.bottom > 0 && box.top < window.innerHeight;
  };
  const bringIntoView = (el) => {
    const box = el.getBoundingClientRect();
    if (box.top >= window.innerHeight * 0.15 && box.bottom <= window.innerHeight * 0.85) return;
    el.scrollIntoView({ block: "center", behavior: reduced ? "auto" : "smooth" });
  };
  const SCROLL_KEYS = new Set(["PageUp", "PageDown", "Home", "End", "ArrowUp", "ArrowDown", " "]);
  const asked = () => { reading = Date.now(); };
  window.addEventListener("wheel", asked, { passive: true });
  window.addEventListener("touchmove", asked, { passive: true });
  document.addEventListener("mousedown", (event) => { if (event.target === document.documentElement) asked(); });
  window.addEventListener("keydown", (event) => {  // after the page's own handlers: keys they used are not scrolls
    if (!SCROLL_KEYS.has(event.key) || event.defaultPrevented) return;
    if (event.target.closest && event.target.closest("input, select, textarea, button, audio, [contenteditable]")) return;
    asked();
  });
  window.addEventListener("scroll", () => {
    if (Date.now() - reading > 1000 || !follow || !follow.checked || !current) return;
    if (!inView(current)) follow.checked = false;
  }, { passive: true });
  if (follow) {
    follow.addEventListener("change", () => {
      if (!follow.checked) return;
      reading = 0;  // ticking it is the reader coming back
      if (current) bringIntoView(current);
    });
  }

  const mark = (index) => {
    const el = index >= 0 ? sentences[index] : null;
    if (el === current) return;
    if (current) {
      current.removeAttribute("aria-current");
      if (document.activeElement !== current) current.tabIndex = -1;
    }
    current = el;
    if (!el) return;
    el.setAttribute("aria-current", "true");
    for (const s of transcript.querySelectorAll('.sentence[tabindex="0"]')) if (s !== document.activeElement) s.tabIndex = -1;
    el.tabIndex = 0;
    if (follow && follow.checked) bringIntoView(el);
  };
  const update = () => mark(indexAt(audio.currentTime));
  for (const event of ["timeupdate", "seeking", "seeked", "loadedmetadata"]) audio.addEventListener(event, update);

  // Seeking. With preload="none" nothing is loaded until asked; the time is set once it is.
  const seek = (seconds, play) => {
    mark(indexAt(seconds));
    const go = () => {
      audio.currentTime = seconds;
      if (play) audio.play().catch(() => {});
    };
    if (audio.readyState >= 1) { go(); return; }
    audio.addEventListener("loadedmetadata", go, { once: true });
    if (play) audio.play().catch(() => {});
    else { audio.preload = "metadata"; audio.load(); }
  };
  const step = (by) => {
    if (!sentences.length) return;
    const here = current ? sentences.indexOf(current) : indexAt(audio.currentTime);
    const next = Math.min(sentences.length - 1, Math.max(0, here + by));
    seek(startOf(sentences[next]), !audio.paused);
  };
  const toggle = () => { if (audio.paused) audio.play().catch(() => {}); else audio.pause(); };

  transcript.addEventListener("click", (event) => {
    const el = event.target.closest(".sentence[data-start]");
    const selection = window.getSelection();
    if (!el || (selection && !selection.isCollapsed)) return;  // selecting text is not asking to seek
    el.focus({ preventScroll: true });
    seek(startOf(el), true);
  });
  transcript.addEventListener("keydown", (event) => {
    const el = event.target.closest && event.target.closest(".sentence[data-start]");
    if (!el || event.altKey || event.ctrlKey || event.metaKey) return;
    const at = sentences.indexOf(el);
    let to = null;
    if (event.key === " " && el === current && !audio.paused) audio.pause();  // Space on the sentence heard pauses
    else if (event.key === "Enter" || event.key === " ") seek(startOf(el), true);
    else if (event.key === "ArrowDown") to = sentences[Math.min(sentences.length - 1, at + 1)];
    else if (event.key === "ArrowUp") to = sentences[Math.max(0, at - 1)];
    else if (event.key === "Home") to = sentences[0];
    else if (event.key === "End") to = sentences[sentences.length - 1];
    else return;
    event.preventDefault();
    if (to && to !== el) {
      el.tabIndex = el === current ? 0 : -1;
      to.tabIndex = 0;
      to.focus();
    }
  });

  for (const link of document.querySelectorAll("a[data-start]")) {
    link.addEventListener("click", (event) => {
      if (event.button !== 0 || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
      event.preventDefault();
      seek(parseFloat(link.dataset.start), true);
    });
  }

  // Shortcuts, only inside the player and the text, never in a form field or on a button (whose
  // keys are its own), never with a modifier (a screen reader's commands use them).
  const shortcuts = (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    if (target.closest("input, select, textarea, button, a, [contenteditable]")) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    if (key === "k" || (key === " " && target === region)) toggle();
    else if (key === "j" || (key === "ArrowLeft" && !target.closest("#transcript"))) step(-1);
    else if (key === "l" || (key === "ArrowRight" && !target.closest("#transcript"))) step(1);
    else return;
    event.preventDefault();
  };
  if (region) region.addEventListener("keydown", shortcuts);
  transcript.addEventListener("keydown", shortcuts);

  const previous = document.getElementById("previous");
  const next = document.getElementById("next");
  if (previous) previous.addEventListener("click", () => step(-1));
  if (next) next.addEventListener("click", () => step(1));

  // Speed, pitch kept, remembered for every episode in this browser.
  const setSpeed = (value) => {
    const rate = parseFloat(value);
    if (!(rate >= 0.5 && rate <= 3)) return;
    audio.preservesPitch = true;
    audio.defaultPlaybackRate = rate;
    audio.playbackRate = rate;
    if (speed) speed.value = String(rate);
  };
  if (speed) {
    setSpeed(recall(SPEED_KEY) || speed.value);
    speed.addEventListener("change", () => { setSpeed(speed.value); remember(SPEED_KEY, speed.value); });
  }
  audio.addEventListener("loadedmetadata", () => { if (speed) setSpeed(speed.value); });

  // Place, remembered per episode; offered (never forced) when the page opens again.
  let saved = 0;
  const keepPlace = () => {
    if (audio.currentTime - saved >= 5 || audio.currentTime < saved) {
      saved = audio.currentTime;
      remember(PLACE_KEY, String(Math.floor(saved)));
    }
  };
  audio.addEventListener("timeupdate", keepPlace);
  audio.addEventListener("pause", () => remember(PLACE_KEY, String(Math.floor(audio.currentTime))));
  audio.addEventListener("ended", () => remember(PLACE_KEY, "0"));
  const place = parseFloat(recall(PLACE_KEY) || "0");
  if (resume && place >= 5) {
    const minutes = Math.floor(place / 60), seconds = Math.floor(place % 60);
    resume.textContent = `Resume at ${minutes}:${String(seconds).padStart(2, "0")}`;
    resume.hidden = false;
    resume.addEventListener("click", () => { resume.hidden = true; seek(place, true); });
    audio.addEventListener("play", () => { resume.hidden = true; }, { once: true });
  }
})();
