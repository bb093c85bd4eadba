// The on-screen digit pad (templates/shared/_pad.html) and the quick amounts: they type
// into the field they name. Terminal and pickup station alike: neither has a keyboard.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    const key = event.target.closest("[data-pad-key], [data-pad-set]");
    if (!key) return;
    const owner = key.closest("[data-pad-for]");
    const input = owner && document.getElementById(owner.dataset.padFor);
    if (!input) return;
    const k = key.dataset.padKey;
    const limit = input.maxLength > 0 ? input.maxLength : 20;
    if (key.dataset.padSet !== undefined) input.value = key.dataset.padSet;
    else if (k === "clear") input.value = "";
    else if (k === "back") input.value = input.value.slice(0, -1);
    else if (input.value.length < limit) input.value += k;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
})();
