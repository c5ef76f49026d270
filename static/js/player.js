// The student's routine player, on top of teach mode's script (teach.js) and its timer
// (timer.js): ask "How tense do you feel now?" before the first step, offer "Stop and
// log", and on the last screen pre-fill the log with that tension and the minutes actually
// played (whole minutes, rounded down: never more than was played). Its words come from the
// JavaScript catalogue (/jsi18n/).
(function () {
  "use strict";
  const root = document.querySelector("#player.player--student");
  const timer = window.rollcallPlayer;
  if (!root || !timer) return;
  const before = root.querySelector("[data-before]");
  const form = root.querySelector("[data-log-form]");
  const done = root.querySelector("[data-done]");

  // The time played, in words: "12:05" in English, "12 min 05 s" in French.
  function playedTime(seconds) {
    const s = seconds % 60;
    return interpolate(pgettext("time played: minutes and seconds", "%(minutes)s:%(seconds)s"),
      { minutes: Math.floor(seconds / 60), seconds: (s < 10 ? "0" : "") + s }, true);
  }

  function checked(scope, name) {
    const input = scope && scope.querySelector("input[name='" + name + "']:checked");
    return input ? input.value : null;
  }

  function check(scope, name, value) {
    const input = scope && scope.querySelector("input[name='" + name + "'][value='" + value + "']");
    if (input) input.checked = true;
  }

  // Before the first step: the question, then the routine.
  function begin() {
    const value = checked(before, "before");
    if (value !== null) check(form, "tension_before", value);
    root.classList.remove("is-asking");
    timer.start();
    const toggle = root.querySelector("[data-action=toggle]");
    if (toggle) toggle.focus();
  }
  const beginButton = root.querySelector("[data-begin]");
  if (beginButton) beginButton.addEventListener("click", begin);

  root.addEventListener("click", function (event) {
    const button = event.target.closest("[data-action=stop]");
    if (button) timer.finish();
  });

  // Teach mode's keys (space, arrows) stay out of the question, the log form and the end:
  // there they would start the hidden timer, or leave the log for the last step.
  const playerKeys = [" ", "Spacebar", "ArrowLeft", "ArrowRight"];
  window.addEventListener("keydown", function (event) {
    if (playerKeys.indexOf(event.key) === -1) return;
    const target = event.target;
    const inForm = target && target.closest && target.closest("[data-before], form");
    if (root.classList.contains("is-asking") || timer.finished || inForm) event.stopPropagation();
  }, true);

  // The end (the last step ran out, or "Stop and log"): the log, pre-filled once.
  let filled = false;
  root.addEventListener("player:finished", function () {
    if (filled || !form) return;
    filled = true;
    const seconds = timer.playedSeconds();
    const minutes = form.querySelector("input[name=minutes]");
    if (minutes) {
      let value = Math.floor(seconds / 60);
      const max = parseInt(minutes.getAttribute("max"), 10);
      if (!isNaN(max)) value = Math.min(value, max);
      minutes.value = String(value);
      const note = form.querySelector("[data-played-note]");
      if (note) {
        note.textContent = interpolate(
          gettext("You played for %(time)s (skipped steps do not count): change it if you did more."),
          { time: playedTime(seconds) }, true);
        note.hidden = false;
        minutes.setAttribute("aria-describedby", note.id);
      }
    }
    const position = root.querySelector("[data-position]");
    if (position) position.textContent = "";
    const heading = done && done.querySelector("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus();
    }
  });
})();
