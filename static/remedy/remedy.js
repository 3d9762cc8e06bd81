// Remedy's one script of its own (the CSP allows only files from this site, no inline code).
// A table that scrolls sideways on a phone must be reachable with the keyboard (WCAG 2.1.1):
// every .table-responsive wrapper becomes a focusable, named region.
document.querySelectorAll(".table-responsive").forEach(function (wrapper) {
  if (!wrapper.hasAttribute("tabindex")) wrapper.setAttribute("tabindex", "0");
  if (!wrapper.hasAttribute("role")) wrapper.setAttribute("role", "region");
  if (!wrapper.hasAttribute("aria-label")) {
    var table = wrapper.querySelector("table");
    var caption = table && table.querySelector("caption");
    var heading = wrapper.closest(".card, section, main");
    heading = heading && heading.querySelector("h1, h2, h3, .card-header");
    var name = (caption || heading || {}).textContent || document.title;
    wrapper.setAttribute("aria-label", name.trim().slice(0, 80));
  }
});
