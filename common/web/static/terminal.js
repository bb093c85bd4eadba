// The terminal's few behaviours that need a script: idle reset, the on-screen keyboard,
// quantity steppers, one tap per payment, and coming back when the server answers again.
(function () {
  "use strict";
  const body = document.body;
  const idleAfter = Number(body.dataset.idleSeconds || 60) * 1000;
  const countdown = Number(body.dataset.countdown || 15) * 1000;
  const overlay = document.getElementById("idle");
  const secondsLeft = document.getElementById("idle-seconds");
  let lastTouch = Date.now();
  let resetting = false;

  function touched() {
    lastTouch = Date.now();
  }
  ["pointerdown", "keydown", "touchstart", "wheel"].forEach(function (name) {
    window.addEventListener(name, touched, { capture: true, passive: true });
  });

  // The overlay takes the whole tap: hiding it on touchstart would let the click land on
  // whatever lies beneath (a product the shopper never chose).
  if (overlay) {
    overlay.addEventListener("click", function () {
      lastTouch = Date.now();
      overlay.hidden = true;
    });
  }

  function startOver() {
    resetting = true;
    const csrf = document.querySelector('meta[name="csrf-token"]');
    const headers = { "HX-Request": "true", "X-CSRFToken": csrf ? csrf.content : "" };
    fetch("/reset", { method: "POST", headers: headers })
      .finally(function () { window.location.assign("/"); });
  }

  // Idle reset: never on the attract screen, never while a card payment runs.
  setInterval(function () {
    if (resetting || !overlay || body.classList.contains("attract") || body.dataset.paying) return;
    const idle = Date.now() - lastTouch;
    if (idle < idleAfter) return;
    const left = Math.ceil((idleAfter + countdown - idle) / 1000);
    if (left <= 0) { startOver(); return; }
    overlay.hidden = false;
    secondsLeft.textContent = String(left);
  }, 250);

  // One tap per payment: the first tap disables the form's buttons and, for a card,
  // shows the card-reader overlay and holds off the idle reset.
  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!form.hasAttribute("data-once")) return;
    if (form.dataset.sent) { event.preventDefault(); return; }
    form.dataset.sent = "1";
    const pressed = event.submitter;
    if (pressed && pressed.hasAttribute("data-paying")) {
      body.dataset.paying = "1";
      document.getElementById("paying").hidden = false;
    }
    setTimeout(function () {
      form.querySelectorAll("button").forEach(function (b) { b.disabled = true; });
    }, 0);
  });

  // Quantity stepper on the product page.
  document.addEventListener("click", function (event) {
    const step = event.target.closest(".stepper .step");
    if (!step) return;
    const stepper = step.closest(".stepper");
    const input = stepper.querySelector("input");
    const max = Number(stepper.dataset.max || 10);
    const next = Math.min(max, Math.max(1, Number(input.value) + Number(step.dataset.step)));
    input.value = String(next);
    // At the top the "+" goes grey and the hint says why (the store's count or the limit).
    stepper.querySelector("[data-step='1']").disabled = next >= max;
    stepper.querySelector("[data-step='-1']").disabled = next <= 1;
    const hint = stepper.parentElement.querySelector(".stock-hint");
    if (hint) hint.hidden = next < max;
  });

  // On-screen keyboard: types into its target and tells htmx the value changed.
  document.addEventListener("click", function (event) {
    const key = event.target.closest(".keyboard .key");
    if (!key) return;
    const keyboard = key.closest(".keyboard");
    const input = document.querySelector(keyboard.dataset.target);
    if (key.dataset.switch) { keyboard.dataset.layout = key.dataset.switch; return; }
    if (key.dataset.action === "backspace") input.value = input.value.slice(0, -1);
    else if (key.dataset.action === "clear") input.value = "";
    else if (input.value.length < (input.maxLength > 0 ? input.maxLength : 60)) input.value += key.dataset.key;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });

  // After a lost connection: reload the page the shopper was on once the server answers.
  document.addEventListener("htmx:afterSwap", function (event) {
    const status = event.detail.target;
    if (status.id !== "status" && !(status.querySelector && status.querySelector("#status"))) return;
    const now = document.getElementById("status");
    const waiting = document.querySelector("[data-reload-when-online]");
    if (now && now.dataset.online === "1" && waiting) {
      window.location.assign(waiting.dataset.reloadWhenOnline || window.location.href);
    }
  });

  // "Added to the cart" fades on its own; a refusal stays until the next tap, so the
  // shopper can read why nothing was added.
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (target.id !== "cart-update" || target.querySelector(".notice-error")) return;
    setTimeout(function () { target.innerHTML = ""; }, 4000);
  });
})();
