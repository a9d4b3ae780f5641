// audionews listen: the reader page grows as the article is read aloud. Each new segment's sentences
// come from the transcript endpoint and are appended as the episode page's markup; reader.js (loaded
// before this) notices them and reads along. Without script, the page says to reload for more.
(() => {
  "use strict";
  const transcript = document.getElementById("transcript");
  const note = document.getElementById("note");
  if (!transcript || !note) return;  // complete already: nothing to wait for
  let next = Number(transcript.dataset.next) || 0;
  let number = transcript.querySelectorAll(".sentence").length;
  note.textContent = "The article is still being read aloud; its text appears here as it is spoken.";
  const add = (segment) => {
    const paragraph = document.createElement("p");
    paragraph.dir = "auto";
    segment.sentences.forEach((sentence, index) => {
      if (index) paragraph.append(" ");
      const span = document.createElement("span");
      number += 1;
      span.className = "sentence";
      span.id = `s-${number}`;
      span.dataset.start = sentence.start.toFixed(3);
      span.dataset.end = sentence.end.toFixed(3);
      span.textContent = sentence.text;
      paragraph.append(span);
    });
    transcript.append(paragraph);
  };
  let failures = 0;
  const poll = () => {
    fetch(`${transcript.dataset.source}?from=${next}`, { cache: "no-store" })
      .then((response) => response.json())
      .then((data) => {
        failures = 0;
        data.segments.forEach(add);
        next = data.next;
        if (data.complete) note.remove();
        else setTimeout(poll, 1000);
      })
      .catch(() => {
        failures += 1;  // the server stopped (Ctrl+C): say so once, and stop asking
        if (failures >= 3) note.textContent = "audionews listen has stopped; the text above is all that was read.";
        else setTimeout(poll, 3000);
      });
  };
  poll();
})();
