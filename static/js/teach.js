// Teach mode and the routine player: big countdown, cues, next step, keyboard and touch.
// Its words come from the JavaScript catalogue (gettext, interpolate: /jsi18n/, loaded first).
(function () {
  "use strict";
  const root = document.getElementById("player");
  if (!root) return;
  const steps = JSON.parse(document.getElementById("player-steps").textContent);
  const $ = function (sel) { return root.querySelector(sel); };
  const els = {
    position: $("[data-position]"), title: $("[data-title]"), side: $("[data-side]"),
    clock: $("[data-clock]"), cues: $("[data-cues]"), text: $("[data-text]"),
    next: $("[data-next]"), toggle: $("[data-action=toggle]"), done: $("[data-done]"),
    stage: $("[data-stage]"), image: $("[data-image]"),
    figure: $("[data-figure]"), picture: $("[data-picture]"),
    alerts: $("[data-alerts]"), cautions: $("[data-cautions]"),
    station: $("[data-station]"), stationPosition: $("[data-station-position]"),
    stationRegion: $("[data-station-region]"), stationInstruction: $("[data-station-instruction]"),
    stationClock: $("[data-station-clock]"), clockCaption: $("[data-clock-caption]")
  };

  let keepAwake = function () {};
  const timer = new window.StepTimer(steps, {
    onChange: render,
    onStepEnd: function () { window.StepTimer.signal(); },
    onStationEnd: function () { window.StepTimer.signal(true); }
  });
  keepAwake = window.StepTimer.keepAwake(timer);

  function sideLabel(step) {
    return step.play_side === "left" ? gettext("Left side") : step.play_side === "right" ? gettext("Right side") : "";
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

  // Write only what changed: the stage is a live region, and the clock ticks five times a
  // second, so rewriting the same words would have screen readers announce them again.
  function setText(el, text) {
    if (el && el.textContent !== text) el.textContent = text;
  }

  function format(template, n, total) {
    return interpolate(template, { n: n, total: total }, true);
  }

  // The station the step is at: its place, what to do there and its own countdown, under
  // the step's whole countdown. A step without stations hides all of it.
  function renderStation(station) {
    if (!els.station) return;
    els.station.hidden = !station;
    els.stage.classList.toggle("has-stations", Boolean(station));
    if (els.clockCaption) els.clockCaption.hidden = !station;
    if (!station) return;
    setText(els.stationPosition, format(gettext("Station %(n)s of %(total)s"), station.index + 1, station.count));
    setText(els.stationRegion, station.station.region_name || "");
    els.stationRegion.hidden = !station.station.region_name;
    setText(els.stationInstruction, station.station.instruction);
    setText(els.stationClock, window.StepTimer.format(station.remainingSeconds));
  }

  function render() {
    keepAwake();
    if (timer.finished) {
      els.stage.hidden = true;
      els.done.hidden = false;
      els.toggle.textContent = gettext("Start");
      els.toggle.disabled = true;
      root.dispatchEvent(new CustomEvent("player:finished", { bubbles: true }));
      return;
    }
    els.stage.hidden = false;
    els.done.hidden = true;
    els.toggle.disabled = false;
    const step = timer.current();
    const next = timer.next();
    const station = timer.station();
    setText(els.position, format(gettext("Step %(n)s of %(total)s"), timer.index + 1, steps.length));
    setText(els.title, step.title);
    setText(els.side, sideLabel(step));
    els.side.hidden = !sideLabel(step);
    setText(els.clock, window.StepTimer.format(timer.remainingSeconds()));
    setText(els.text, step.text || "");
    renderStation(station);
    // The curator's photo where there is one, else the drawn picture (server-made SVG). At
    // a station with a place, its marker: the drawing with the ball there (beside a photo).
    const image = step.technique && step.technique.image;
    const marker = station ? station.station.marker : "";
    const drawing = marker || (image ? "" : step.picture || "");
    if (els.figure) {
      els.figure.hidden = !image && !drawing;
      els.image.hidden = !image;
      if (image) { els.image.src = image; els.image.alt = step.picture_alt || step.title; } else { els.image.removeAttribute("src"); }
      els.picture.hidden = !drawing;
      const shown = timer.index + (marker ? ":" + station.index : "");
      if (els.picture.dataset.shown !== shown) {
        // Each drawing is in the page once, as a <template>; steps name it by its id.
        const source = drawing ? document.getElementById(drawing) : null;
        els.picture.replaceChildren(source ? source.content.cloneNode(true) : "");
        els.picture.dataset.shown = shown;
      }
    }
    // Lists are rebuilt when the step changes, not on every tick (see setText).
    if (els.cues.dataset.shown !== String(timer.index)) {
      els.cues.replaceChildren.apply(els.cues, step.cues.slice(0, 3).map(listItem));
      // Teach mode only: who to adapt this step for (first names, on the teacher's device).
      fill(els.alerts, step.alerts || []);
      // The technique's cautions and contraindications, at the step they belong to.
      fill(els.cautions, step.technique ? step.technique.cautions.concat(step.technique.contraindications) : []);
      els.cues.dataset.shown = String(timer.index);
    }
    setText(els.next, next ? next.title + (sideLabel(next) ? " (" + sideLabel(next) + ")" : "") : gettext("Last step"));
    setText(els.toggle, timer.running ? gettext("Pause")
      : (timer.remainingMs < step.play_seconds * 1000 ? gettext("Resume") : gettext("Start")));
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
