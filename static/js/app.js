// Rollcall's small site-wide enhancements. Everything works without this file.
(function () {
  "use strict";
  // Move focus to the main region after a skip-link jump, for screen readers.
  document.addEventListener("click", function (event) {
    const link = event.target.closest("a.skip-link");
    if (!link) return;
    const target = document.querySelector(link.getAttribute("href"));
    if (target) target.focus();
  });
  // Buttons with data-confirm ask before submitting their form.
  document.addEventListener("submit", function (event) {
    const submitter = event.submitter;
    const message = submitter && submitter.dataset.confirm;
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // Links and buttons with data-print open the browser's print dialog.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
