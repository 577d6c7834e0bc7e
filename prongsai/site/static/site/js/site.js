// The only script of the public site: the small-screen menu button and video frames.
(function () {
  document.documentElement.classList.add("js");
  var button = document.querySelector(".menu-toggle");
  var nav = document.getElementById("main-menu");
  if (!button || !nav) return;
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") === "true";
    button.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("is-open", !open);
  });
})();

// Responsive videos keep their shape: the ratio comes in a data attribute, since the public
// site's Content-Security-Policy allows no inline style (wagtailembeds/embed_frontend.html).
(function () {
  document.querySelectorAll(".responsive-object[data-ratio]").forEach(function (box) {
    box.style.paddingBottom = box.dataset.ratio;
  });
})();
