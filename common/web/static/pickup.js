// The pickup station's few behaviours that need a script: the scan box keeps the focus,
// a sound per verdict, line steppers, the card-reader overlay, and retrying after an outage.
(function () {
  "use strict";

  function scanBox() { return document.getElementById("code"); }

  // A field on the panel that asks the clerk for something (the customer's confirmation,
  // the cash tendered) takes the keys while it is on screen; otherwise the scan box does.
  function keyTarget() { return document.querySelector("#result [data-own-keys]") || scanBox(); }

  // A USB scanner in keyboard mode types wherever the focus is: keep it in the scan box.
  function refocus() {
    const box = keyTarget();
    if (box && document.activeElement !== box) box.focus({ preventScroll: true });
  }

  // A key typed anywhere else (a ticked checkbox, a button) belongs to the scan box:
  // moving the focus during keydown makes the browser type the key there.
  document.addEventListener("keydown", function (event) {
    const box = keyTarget();
    if (!box || event.target === box || event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.target.matches && event.target.matches("[data-own-keys]")) return;
    // Space ticks a line or presses a button: the one key that stays where the clerk is.
    if (event.key === " " && event.target.matches("input[type=checkbox], button")) return;
    if (event.key.length === 1 || event.key === "Enter") box.focus({ preventScroll: true });
  }, true);

  document.addEventListener("click", function () { setTimeout(refocus, 0); });
  window.addEventListener("focus", refocus);
  document.addEventListener("visibilitychange", refocus);

  // A new answer clears the box for the next code; a repeat (204) clears it as well.
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "scan-form") event.detail.elt.reset();
  });

  // Sounds: made here with an oscillator, so there is no audio file to ship or to miss.
  // The kiosk browser runs with --autoplay-policy=no-user-gesture-required; elsewhere the
  // first key or click unlocks the audio.
  let audio = null;
  function context() {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return null;
    if (!audio) audio = new Ctx();
    if (audio.state === "suspended") audio.resume();
    return audio;
  }
  ["keydown", "pointerdown"].forEach(function (name) {
    window.addEventListener(name, context, { capture: true, passive: true, once: true });
  });

  function tone(ctx, start, freq, length, type) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = type;
    osc.frequency.value = freq;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.35, start + 0.01);
    gain.gain.setValueAtTime(0.35, start + length - 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + length + 0.02);
  }

  const SOUNDS = {
    green: [[0, 1760, 0.14, "sine"]],                                  // one high beep
    amber: [[0, 880, 0.11, "square"], [0.18, 880, 0.11, "square"]],     // two beeps
    red: [[0, 160, 0.55, "sawtooth"]],                                  // a low buzz
  };

  function play(name) {
    const notes = SOUNDS[name];
    const ctx = notes && context();
    if (!ctx) return;
    const now = ctx.currentTime + 0.02;
    notes.forEach(function (n) { tone(ctx, now + n[0], n[1], n[2], n[3]); });
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id !== "result") return;
    const panel = event.detail.target.querySelector("[data-sound]");
    if (panel) play(panel.dataset.sound);
    updatePicks();
    refocus();
  });

  // Quantity steppers and "hand out selected", which needs a ticked line.
  document.addEventListener("click", function (event) {
    const step = event.target.closest(".stepper .step");
    if (!step) return;
    const stepper = step.closest(".stepper");
    const input = stepper.querySelector("input");
    const max = Number(stepper.dataset.max || 1);
    input.value = String(Math.min(max, Math.max(1, Number(input.value) + Number(step.dataset.step))));
    const row = stepper.closest("tr");
    const tick = row && row.querySelector("input[type=checkbox]");
    if (tick && !tick.checked) { tick.checked = true; updatePicks(); }
  });

  function updatePicks() {
    document.querySelectorAll("form.hand-out").forEach(function (form) {
      const any = form.querySelector("input[name=pick]:checked");
      form.querySelectorAll("[data-needs-pick]").forEach(function (b) { b.disabled = !any; });
    });
  }
  document.addEventListener("change", updatePicks);
  document.addEventListener("DOMContentLoaded", updatePicks);

  // The card reader takes a while: say so until the answer comes back.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const button = event.detail.requestConfig && event.detail.requestConfig.triggeringEvent &&
      event.detail.requestConfig.triggeringEvent.submitter;
    const wait = document.getElementById("card-wait");
    if (button && button.hasAttribute("data-card") && wait) wait.hidden = false;
  });

  // After an outage: retry the scan that could not reach the server once it answers again.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === "result") return;
    const now = document.getElementById("status");
    const retry = document.querySelector("[data-retry-when-online]");
    if (now && now.dataset.online === "1" && retry) retry.click();
  });
})();
