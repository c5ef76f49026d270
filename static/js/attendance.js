// The session page (issue 15, attendance first on the phone). The plan, its checks and the
// session's form come folded below the attendance list, which is right on a phone; where
// they sit beside the list (Bootstrap's lg and up) they open. Everything works without it.
(function () {
  "use strict";
  if (!window.matchMedia("(min-width: 992px)").matches) return;
  document
    .querySelectorAll(".session-plan .findings > details, .session-plan details[data-open-wide]")
    .forEach(function (details) {
      details.open = true;
    });
})();
