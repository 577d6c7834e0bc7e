// The only script of the public site: the small-screen menu button.
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
