// A step-by-step countdown through a list of steps, independent of the page.
// Used by teach mode and the student's routine player. Time comes from Date.now(),
// so tests can drive it with a fake clock.
(function (global) {
  "use strict";

  function StepTimer(steps, options) {
    this.steps = steps;
    this.onChange = (options && options.onChange) || function () {};
    this.onStepEnd = (options && options.onStepEnd) || function () {};
    this.index = 0;
    this.running = false;
    this.finished = steps.length === 0;
    this.remainingMs = steps.length ? steps[0].play_seconds * 1000 : 0;
    this.lastTick = null;
    this.interval = null;
  }

  StepTimer.prototype.current = function () { return this.steps[this.index] || null; };
  StepTimer.prototype.next = function () { return this.steps[this.index + 1] || null; };

  StepTimer.prototype.start = function () {
    if (this.finished || this.running) return;
    this.running = true;
    this.lastTick = Date.now();
    const self = this;
    this.interval = setInterval(function () { self.tick(); }, 200);
    this.onChange(this);
  };

  StepTimer.prototype.pause = function () {
    if (!this.running) return;
    this.tick();
    this.running = false;
    clearInterval(this.interval);
    this.onChange(this);
  };

  StepTimer.prototype.toggle = function () { if (this.running) this.pause(); else this.start(); };

  StepTimer.prototype.tick = function () {
    if (!this.running) return;
    const now = Date.now();
    this.remainingMs -= now - this.lastTick;
    this.lastTick = now;
    while (this.remainingMs <= 0 && !this.finished) {
      const overflow = -this.remainingMs;
      this.onStepEnd(this.current());
      this.goTo(this.index + 1, true);
      this.remainingMs -= overflow;
    }
    this.onChange(this);
  };

  StepTimer.prototype.goTo = function (index, keepRunning) {
    if (index >= this.steps.length) {
      this.index = this.steps.length;
      this.finished = true;
      this.running = false;
      this.remainingMs = 0;
      clearInterval(this.interval);
      return;
    }
    this.index = Math.max(0, index);
    this.finished = false;
    this.remainingMs = this.steps[this.index].play_seconds * 1000;
    if (!keepRunning) this.onChange(this);
  };

  StepTimer.prototype.skip = function () { this.goTo(this.index + 1, this.running); this.onChange(this); };
  StepTimer.prototype.back = function () { this.goTo(this.index - 1, this.running); this.lastTick = Date.now(); this.onChange(this); };

  StepTimer.prototype.remainingSeconds = function () { return Math.max(0, Math.ceil(this.remainingMs / 1000)); };

  StepTimer.format = function (seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  };

  // A short chime and a buzz where the browser allows; silence where it does not.
  StepTimer.signal = function () {
    try {
      const Ctx = global.AudioContext || global.webkitAudioContext;
      if (Ctx) {
        const ctx = StepTimer.audio || (StepTimer.audio = new Ctx());
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = 660;
        gain.gain.setValueAtTime(0.2, ctx.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.8);
        osc.connect(gain).connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + 0.8);
      }
    } catch (e) { /* no sound available */ }
    if (global.navigator && global.navigator.vibrate) global.navigator.vibrate(200);
  };

  // Keep the screen awake while the timer runs, where the browser allows.
  StepTimer.keepAwake = function (timer) {
    let lock = null;
    function update() {
      if (!global.navigator || !global.navigator.wakeLock) return;
      if (timer.running && !lock && document.visibilityState === "visible") {
        global.navigator.wakeLock.request("screen").then(function (l) {
          lock = l;
          lock.addEventListener("release", function () { lock = null; });
        }).catch(function () { lock = null; });
      } else if (!timer.running && lock) {
        lock.release();
        lock = null;
      }
    }
    document.addEventListener("visibilitychange", update);
    return update;
  };

  global.StepTimer = StepTimer;
})(window);
