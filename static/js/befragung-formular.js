// Survey form: hide a question while its condition (an answer on the same page) is not chosen.
// Only a convenience – the server decides conditions on its own, and the form works without it.
(function () {
  "use strict";
  function init(form) {
    var conditional = form.querySelectorAll("[data-bedingung-name]");
    if (!conditional.length) {
      return;
    }
    function inputsOf(name) {
      return Array.prototype.filter.call(form.elements, function (el) {
        return el.name === name || el.name.indexOf(name + "_") === 0;
      });
    }
    function update() {
      conditional.forEach(function (block) {
        var inputs = inputsOf(block.dataset.bedingungName);
        if (!inputs.length) {
          return; // answered on an earlier step: the server already decided
        }
        var met = inputs.some(function (el) {
          return el.checked && el.value === block.dataset.bedingungWert;
        });
        block.hidden = !met && !block.querySelector("[aria-invalid=true], .kern-error");
      });
    }
    form.addEventListener("change", update);
    update();
  }
  document.querySelectorAll("form.bf-form").forEach(init);
})();
