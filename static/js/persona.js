/*
 * Persona picker, enhanced: switch without a full page load.
 * Without JavaScript the picker is a list of ordinary links (?persona=<code>) and the
 * server remembers the choice in a cookie. With it, we fetch that same URL, let the
 * response set the cookie, swap the page's <main> content and the language links, and
 * replace the address so a reload or a shared link shows the same thing.
 */
(function () {
  "use strict";

  if (!window.fetch || !window.DOMParser || !window.history || !history.replaceState) {
    return;
  }

  var busy = false;

  function swap(selector, fromDoc) {
    var fresh = fromDoc.querySelector(selector);
    var current = document.querySelector(selector);
    if (fresh && current) {
      current.replaceWith(fresh);
    }
  }

  function choose(link) {
    if (busy) {
      return;
    }
    busy = true;
    var url = link.href;
    var code = link.getAttribute("data-persona");
    var root = document.querySelector("[data-persona-root]") || document.getElementById("content");
    if (root) {
      root.setAttribute("aria-busy", "true");
    }
    fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var freshMain = doc.getElementById("content");
        var main = document.getElementById("content");
        if (!freshMain || !main) {
          throw new Error("no main content");
        }
        main.innerHTML = freshMain.innerHTML;
        swap("[data-swap='lang-switcher']", doc);
        if (doc.title) {
          document.title = doc.title;
        }
        history.replaceState({ persona: code }, "", url);
        var chosen = document.querySelector("[data-persona='" + code + "']");
        var status = document.querySelector("[data-persona-status]");
        if (status && chosen) {
          status.textContent = chosen.textContent.trim();
        }
        if (chosen) {
          chosen.focus();
        }
      })
      .catch(function () {
        // Anything unexpected: do what the link does without JavaScript.
        window.location.assign(url);
      })
      .then(function () {
        busy = false;
        var root2 = document.querySelector("[data-persona-root]");
        if (root2) {
          root2.removeAttribute("aria-busy");
        }
      });
  }

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target.closest && event.target.closest("a[data-persona]");
    if (!link || !link.closest("[data-persona-picker]")) {
      return;
    }
    event.preventDefault();
    if (link.getAttribute("aria-current") === "true") {
      return;
    }
    choose(link);
  });
})();
