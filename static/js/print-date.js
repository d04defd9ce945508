/*
 * A printout names the day it was printed: the server writes the day it rendered the page
 * into [data-print-date]; just before printing we put today's date there, in the page's language.
 */
(function () {
  "use strict";

  function stamp() {
    var lang = document.documentElement.lang || undefined;
    var today = new Date();
    var iso = today.getFullYear() + "-" + String(today.getMonth() + 1).padStart(2, "0") + "-" +
      String(today.getDate()).padStart(2, "0");
    document.querySelectorAll("[data-print-date]").forEach(function (element) {
      element.setAttribute("datetime", iso);
      try {
        element.textContent = today.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
      } catch (error) {
        element.textContent = iso;
      }
    });
  }

  window.addEventListener("beforeprint", stamp);
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    if (query.addEventListener) {
      query.addEventListener("change", function (event) {
        if (event.matches) {
          stamp();
        }
      });
    }
  }
})();
