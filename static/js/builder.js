// The plan builder. Everything is a plain form that htmx enhances; without JavaScript the
// forms post and reload, and each step's <details> opens its edit form. With it:
// - drag-and-drop ordering of steps (SortableJS);
// - an "Edit" button per step that opens its form in place (the <details> underneath);
// - what was open (a step's form, a section's add form, the share menu) stays open, and
//   the focus stays where it was (the moved step's ↑/↓ button, the field being edited),
//   when htmx swaps in the fresh builder after a change;
// - "From the library" under a section chooses that section in the panel and jumps to
//   its search; Enter in a cue saves it.
(function () {
  "use strict";

  document.documentElement.classList.add("js-builder");

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
    const builder = root.id === "builder" ? root : root.querySelector && root.querySelector("#builder");
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

  // --- "Edit": a step's form opens in place ---------------------------------------------

  function toggleFor(details) {
    return details && details.classList.contains("step-edit")
      ? document.querySelector('[aria-controls="' + details.id + '"]') : null;
  }

  document.addEventListener("click", function (event) {
    const button = event.target.closest(".step-edit-toggle");
    if (!button) return;
    const details = document.getElementById(button.getAttribute("aria-controls"));
    if (!details) return;
    details.open = !details.open;
    // The focus stays on "Edit" (a disclosure); Tab goes on into the form, just below.
    if (details.open) details.scrollIntoView({ block: "nearest" });
  });

  // Keep each "Edit" button's aria-expanded in step with its form, however it was opened.
  document.addEventListener("toggle", function (event) {
    const button = toggleFor(event.target);
    if (button) button.setAttribute("aria-expanded", event.target.open ? "true" : "false");
  }, true);

  // Escape closes the open share menu and gives the focus back to its button.
  document.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && event.target.matches("textarea[data-enter-saves]")) {
      event.preventDefault();
      event.target.form.requestSubmit();
      return;
    }
    if (event.key !== "Escape") return;
    const share = document.querySelector("#builder-share[open]");
    if (share && share.contains(event.target)) {
      share.open = false;
      share.querySelector("summary").focus();
    }
  });

  // --- Choosing where "Add" goes -------------------------------------------------------

  document.addEventListener("click", function (event) {
    const link = event.target.closest("[data-add-from-library]");
    if (!link) return;
    const select = document.getElementById("panel-section");
    const search = document.getElementById("panel-q");
    if (!search) return;
    event.preventDefault();
    if (select && link.dataset.addFromLibrary) select.value = link.dataset.addFromLibrary;
    search.focus({ preventScroll: true });
    search.scrollIntoView({ block: "start" });
  });

  // --- What survives htmx's swap of the builder --------------------------------------------

  let kept = null;

  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (!target || target.id !== "builder") return;
    const section = document.getElementById("panel-section");
    const path = (event.detail.requestConfig && event.detail.requestConfig.path) || "";
    const active = document.activeElement;
    kept = {
      open: Array.from(document.querySelectorAll("#builder details[open][id], #builder-bar details[open][id]"))
        .map(function (d) { return d.id; }),
      focus: active && active.id ? active.id : "",
      step: active && active.closest ? (active.closest(".step") || {}).id || "" : "",
      selection: active && typeof active.selectionStart === "number"
        ? [active.selectionStart, active.selectionEnd] : null,
      // The section chosen in the panel stays chosen, unless a step was just added:
      // then the server's choice (the section added to) is the one to keep.
      section: section ? section.value : "",
      added: /\/steps\/add(-other)?\/$/.test(path)
    };
  });

  document.addEventListener("htmx:afterSettle", function () {
    if (!kept || !document.getElementById("builder")) return;
    const was = kept;
    kept = null;
    was.open.forEach(function (id) {
      const details = document.getElementById(id);
      // A form that was just used to add a step comes back empty: keep it open for the next.
      if (details && !details.open) details.open = true;
    });
    const section = document.getElementById("panel-section");
    if (section && was.section && !was.added && section.querySelector('option[value="' + was.section + '"]')) {
      section.value = was.section;
    }
    let focus = was.focus ? document.getElementById(was.focus) : null;
    if (!focus && was.step) {  // a removed step: its "Undo"; else the step's own "Edit"
      focus = document.getElementById("undo-remove") || document.querySelector("#" + was.step + " .step-edit-toggle");
    }
    if (!focus || document.activeElement === focus) return;
    // The person has moved on (Tab, a click) since the request left: leave the focus be.
    const now = document.activeElement;
    if (now && now !== document.body && document.contains(now)) return;
    const details = focus.closest("details");
    if (details && !details.open) details.open = true;
    focus.focus({ preventScroll: true });
    if (was.selection && typeof focus.setSelectionRange === "function") {
      try { focus.setSelectionRange(was.selection[0], was.selection[1]); } catch (error) { /* not a text field */ }
    }
    focus.scrollIntoView({ block: "nearest" });
  });

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
