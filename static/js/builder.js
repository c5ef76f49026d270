// The plan builder: drag-and-drop ordering of steps with SortableJS. Everything else
// is plain forms that htmx enhances; without JavaScript they post and reload.
(function () {
  "use strict";

  function submitOrder(builder) {
    const form = document.getElementById("reorder-form");
    if (!form) return;
    builder.querySelectorAll(".step-list").forEach(function (list) {
      const ids = Array.from(list.querySelectorAll(":scope > .step")).map(function (li) { return li.dataset.step; });
      const input = form.querySelector('input[name="section-' + list.dataset.section + '"]');
      if (input) input.value = ids.join(",");
    });
    form.requestSubmit();
  }

  function setUp(root) {
    const builder = root.id === "builder" ? root : root.querySelector("#builder");
    if (!builder || !window.Sortable) return;
    builder.querySelectorAll(".step-list").forEach(function (list) {
      window.Sortable.create(list, {
        group: "steps",
        handle: ".drag-handle",
        draggable: ".step",
        animation: 0,
        forceFallback: true,
        onEnd: function (event) {
          // Sortable leaves style attributes behind; htmx would copy them onto the fresh
          // content when it swaps, which the strict CSP (rightly) refuses.
          builder.querySelectorAll(".step-list [style]").forEach(function (el) { el.removeAttribute("style"); });
          if (event.from === event.to && event.oldIndex === event.newIndex) return;
          submitOrder(builder);
        }
      });
    });
    builder.classList.add("js-sortable");
  }

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
