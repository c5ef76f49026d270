// A step-by-step countdown through a list of steps, independent of the page.
// Used by teach mode and the student's routine player. Time comes from Date.now(),
// so tests can drive it with a fake clock.
(function (global) {
  "use strict";

  function StepTimer(steps, options) {
    this.steps = steps;
    this.onChange = (options && options.onChange) || function () {};
    this.onStepEnd = (options && options.onStepEnd) || function () {};
    this.onStationEnd = (options && options.onStationEnd) || function () {};
    this.index = 0;
    this.running = false;
    this.finished = steps.length === 0;
    this.remainingMs = steps.length ? steps[0].play_seconds * 1000 : 0;
    this.lastTick = null;
    this.interval = null;
    // Time actually played, in ms: only while running, never a skipped step's time, and
    // not past the routine's end (the student's log pre-fills its minutes from it).
    this.playedMs = 0;
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
    const stepBefore = this.index;
    const stationBefore = this.station();
    const elapsed = Math.max(0, now - this.lastTick);
    this.remainingMs -= elapsed;
    this.playedMs += elapsed;
    this.lastTick = now;
    while (this.remainingMs <= 0 && !this.finished) {
      const overflow = -this.remainingMs;
      this.onStepEnd(this.current());
      this.goTo(this.index + 1, true);
      if (this.finished) { this.playedMs -= overflow; break; }  // time after the end
      this.remainingMs -= overflow;
    }
    // Within the same step, time moved on to a later station (one signal however many).
    const station = this.station();
    if (this.index === stepBefore && station && stationBefore && station.index !== stationBefore.index) {
      this.onStationEnd(stationBefore.station, station.station);
    }
    this.onChange(this);
  };

  // Where the current step is among its stations: consecutive parts of the step's time,
  // whose seconds (worked out on the server) add up to it. Null for a step without any.
  StepTimer.prototype.station = function () {
    const step = this.current();
    const stations = (step && step.stations) || [];
    if (!stations.length) return null;
    const elapsedMs = step.play_seconds * 1000 - this.remainingMs;
    let endMs = 0;
    for (let i = 0; i < stations.length; i++) {
      endMs += stations[i].seconds * 1000;
      if (elapsedMs < endMs || i === stations.length - 1) {
        return {
          index: i,
          count: stations.length,
          station: stations[i],
          remainingSeconds: Math.max(0, Math.ceil((endMs - elapsedMs) / 1000))
        };
      }
    }
    return null;
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
  StepTimer.prototype.back = function () {
    if (this.running) this.playedMs += Math.max(0, Date.now() - this.lastTick);
    this.goTo(this.index - 1, this.running); this.lastTick = Date.now(); this.onChange(this);
  };

  // End now (the student stops early): what was played so far counts, the rest does not.
  StepTimer.prototype.finish = function () {
    if (this.running) this.tick();
    if (!this.finished) this.goTo(this.steps.length);
    this.onChange(this);
  };

  StepTimer.prototype.playedSeconds = function () { return Math.floor(this.playedMs / 1000); };

  StepTimer.prototype.remainingSeconds = function () { return Math.max(0, Math.ceil(this.remainingMs / 1000)); };

  StepTimer.format = function (seconds) {
    const m = Math.floor(seconds / 60);
    const s = seconds % 60;
    return m + ":" + (s < 10 ? "0" : "") + s;
  };

  // A short chime and a buzz where the browser allows; silence where it does not.
  // `soft`: the quieter, shorter, higher chime between the stations of one step.
  StepTimer.signal = function (soft) {
    const tone = soft ? { pitch: 880, volume: 0.06, length: 0.35, buzz: 60 }
      : { pitch: 660, volume: 0.2, length: 0.8, buzz: 200 };
    try {
      const Ctx = global.AudioContext || global.webkitAudioContext;
      if (Ctx) {
        const ctx = StepTimer.audio || (StepTimer.audio = new Ctx());
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = tone.pitch;
        gain.gain.setValueAtTime(tone.volume, ctx.currentTime);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + tone.length);
        osc.connect(gain).connect(ctx.destination);
        osc.start();
        osc.stop(ctx.currentTime + tone.length);
      }
    } catch (e) { /* no sound available */ }
    if (global.navigator && global.navigator.vibrate) global.navigator.vibrate(tone.buzz);
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
