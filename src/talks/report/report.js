"use strict";
// Clicking a chart mark or an evidence link shows that evidence in a panel (the
// page works without this script: links then jump to the evidence block).
(function () {
  var panel = document.getElementById("panel");
  var body = document.getElementById("panel-body");
  var selected = [];
  function show(id) {
    var block = document.getElementById(id);
    if (!block) { return false; }
    selected.forEach(function (el) { el.classList.remove("selected"); });
    selected = Array.prototype.slice.call(
      document.querySelectorAll('[data-evidence="' + id + '"]'));
    selected.forEach(function (el) { el.classList.add("selected"); });
    body.replaceChildren(block.cloneNode(true));
    body.firstChild.removeAttribute("id");
    panel.hidden = false;
    panel.setAttribute("data-showing", id);
    return true;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("[data-evidence]") : null;
    if (link && show(link.getAttribute("data-evidence"))) {
      event.preventDefault();
      history.replaceState(null, "", "#" + link.getAttribute("data-evidence"));
    }
  });
  document.getElementById("panel-close").addEventListener("click", function () {
    panel.hidden = true;
    panel.removeAttribute("data-showing");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { panel.hidden = true; }
  });
})();
