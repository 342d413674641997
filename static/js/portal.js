// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("DOMContentLoaded", function () {
    // Phone menu: the button opens the sections and the account links (portal.css hides them
    // on small screens only when this script runs); Escape closes it and returns to the button.
    var toggle = document.querySelector(".portal-nav-toggle");
    var header = toggle && toggle.closest(".portal-header");
    if (header) {
      var setOpen = function (open) {
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        header.classList.toggle("portal-header--open", open);
      };
      toggle.hidden = false;
      toggle.addEventListener("click", function () {
        setOpen(toggle.getAttribute("aria-expanded") !== "true");
      });
      header.addEventListener("keydown", function (event) {
        var open = toggle.getAttribute("aria-expanded") === "true";
        if (event.key === "Escape" && open && toggle.offsetParent !== null) {
          setOpen(false);
          toggle.focus();
        }
      });
    }
    document.querySelectorAll("[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) {
          event.preventDefault();
        }
      });
    });
  });
})();
