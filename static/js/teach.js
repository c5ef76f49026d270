// Teach mode and the routine player: big countdown, cues, next step, keyboard and touch.
(function () {
  "use strict";
  const root = document.getElementById("player");
  if (!root) return;
  const steps = JSON.parse(document.getElementById("player-steps").textContent);
  const labels = JSON.parse(document.getElementById("player-labels").textContent);
  const $ = function (sel) { return root.querySelector(sel); };
  const els = {
    position: $("[data-position]"), title: $("[data-title]"), side: $("[data-side]"),
    clock: $("[data-clock]"), cues: $("[data-cues]"), text: $("[data-text]"),
    next: $("[data-next]"), toggle: $("[data-action=toggle]"), done: $("[data-done]"),
    stage: $("[data-stage]"), image: $("[data-image]"),
    figure: $("[data-figure]"), picture: $("[data-picture]"),
    alerts: $("[data-alerts]"), cautions: $("[data-cautions]")
  };

  let keepAwake = function () {};
  const timer = new window.StepTimer(steps, {
    onChange: render,
    onStepEnd: function () { window.StepTimer.signal(); }
  });
  keepAwake = window.StepTimer.keepAwake(timer);

  function sideLabel(step) {
    return step.play_side === "left" ? labels.left : step.play_side === "right" ? labels.right : "";
  }

  function listItem(text) {
    const li = document.createElement("li");
    li.textContent = text;
    return li;
  }

  function fill(list, items) {
    if (!list) return;
    list.replaceChildren.apply(list, items.map(listItem));
    list.hidden = items.length === 0;
  }

  function render() {
    keepAwake();
    if (timer.finished) {
      els.stage.hidden = true;
      els.done.hidden = false;
      els.toggle.textContent = labels.start;
      els.toggle.disabled = true;
      root.dispatchEvent(new CustomEvent("player:finished", { bubbles: true }));
      return;
    }
    els.stage.hidden = false;
    els.done.hidden = true;
    els.toggle.disabled = false;
    const step = timer.current();
    const next = timer.next();
    els.position.textContent = labels.position.replace("%(n)s", timer.index + 1).replace("%(total)s", steps.length);
    els.title.textContent = step.title;
    els.side.textContent = sideLabel(step);
    els.side.hidden = !sideLabel(step);
    els.clock.textContent = window.StepTimer.format(timer.remainingSeconds());
    els.text.textContent = step.text || "";
    // The curator's photo where there is one, else the drawn picture (server-made SVG).
    const image = step.technique && step.technique.image;
    if (els.figure) {
      els.figure.hidden = !image && !step.picture;
      els.image.hidden = !image;
      if (image) { els.image.src = image; els.image.alt = step.picture_alt || step.title; } else { els.image.removeAttribute("src"); }
      els.picture.hidden = Boolean(image);
      if (els.picture.dataset.shown !== String(timer.index)) {
        els.picture.innerHTML = image ? "" : (step.picture || "");
        els.picture.dataset.shown = String(timer.index);
      }
    }
    els.cues.replaceChildren.apply(els.cues, step.cues.slice(0, 3).map(listItem));
    // Teach mode only: who to adapt this step for (first names, on the teacher's device).
    fill(els.alerts, step.alerts || []);
    // The technique's cautions and contraindications, at the step they belong to.
    fill(els.cautions, step.technique ? step.technique.cautions.concat(step.technique.contraindications) : []);
    els.next.textContent = next ? next.title + (sideLabel(next) ? " (" + sideLabel(next) + ")" : "") : labels.last;
    els.toggle.textContent = timer.running ? labels.pause : (timer.remainingMs < step.play_seconds * 1000 ? labels.resume : labels.start);
    root.classList.toggle("is-running", timer.running);
  }

  root.addEventListener("click", function (event) {
    const button = event.target.closest("[data-action]");
    if (!button) return;
    const action = button.dataset.action;
    if (action === "toggle") timer.toggle();
    else if (action === "skip") timer.skip();
    else if (action === "back") timer.back();
  });

  document.addEventListener("keydown", function (event) {
    if (event.target.closest("input, textarea, select")) return;
    if (event.key === " " || event.key === "Spacebar") { event.preventDefault(); timer.toggle(); }
    else if (event.key === "ArrowRight") { event.preventDefault(); timer.skip(); }
    else if (event.key === "ArrowLeft") { event.preventDefault(); timer.back(); }
  });

  // Swipe left for the next step, right for the previous one.
  let touchX = null;
  root.addEventListener("touchstart", function (e) { touchX = e.changedTouches[0].clientX; }, { passive: true });
  root.addEventListener("touchend", function (e) {
    if (touchX === null) return;
    const dx = e.changedTouches[0].clientX - touchX;
    touchX = null;
    if (Math.abs(dx) > 60) { if (dx < 0) timer.skip(); else timer.back(); }
  });

  const full = root.querySelector("[data-action=fullscreen]");
  if (full && document.fullscreenEnabled) {
    full.hidden = false;
    full.addEventListener("click", function () {
      if (document.fullscreenElement) document.exitFullscreen(); else document.documentElement.requestFullscreen();
    });
  }

  window.rollcallPlayer = timer;
  render();
})();
