// Copy buttons (issue 15, calendar subscription). A button with data-copy="<field id>"
// copies that field's value and says so in "<field id>-status" (a live region): "Link
// copied." or, with data-copy-kind="address", "Address copied." (words from the JavaScript
// catalogue, /jsi18n/). The buttons start hidden: without JavaScript the read-only field is
// there to select and copy by hand. Safe to load twice.
(function () {
  "use strict";
  if (window.rollcallCopy) return;
  window.rollcallCopy = true;

  function say(field, text) {
    const status = document.getElementById(field.id + "-status");
    if (!status) return;
    status.textContent = "";
    // A fresh text node, so screen readers announce a second copy too.
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  // The old way, for pages served over plain HTTP (no Clipboard API there).
  function copySelected(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    if (event.target.matches("input[data-copy-source]")) event.target.select();
    const button = event.target.closest("button[data-copy]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copy);
    if (!field) return;
    const done = function () {
      say(field, button.dataset.copyKind === "address" ? gettext("Address copied.") : gettext("Link copied."));
    };
    const failed = function () {
      field.focus();
      field.select();
      say(field, gettext("Selected: press Ctrl+C (⌘C on a Mac) to copy."));
    };
    const byHand = function () {
      if (copySelected(field)) done(); else failed();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, byHand);
    } else {
      byHand();
    }
  });

  // Focus on an address (a click, or the keyboard) selects all of it, ready to copy.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("input[data-copy-source]")) {
      event.target.select();
    }
  });

  function showButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", showButtons);
  } else {
    showButtons();
  }
})();
