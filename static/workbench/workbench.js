/* The editor's workbench in the article form (articles/admin/workbench.py).
 * Live preview, problems with their lines and readability as the editor types (debounced),
 * the citation picker, server-side autosave, language tabs named by their language.
 * Everything here also has a way without JavaScript, except autosave and restore. */
(function () {
  "use strict";

  var PREVIEW_DELAY = 600;
  var SEARCH_DELAY = 300;
  var AUTOSAVE_EVERY = 4000;

  // Django's admin loads its JavaScript catalogue (admin:jsi18n) on the change form.
  var gettext = window.gettext || function (text) { return text; };
  var interpolate = window.interpolate || function (fmt, obj) {
    return fmt.replace(/%\((\w+)\)s/g, function (match, name) { return String(obj[name]); });
  };

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  function debounce(fn, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(fn, wait);
    };
  }

  ready(function () {
    var configNode = document.getElementById("workbench-config");
    if (!configNode) return;
    var config = JSON.parse(configNode.textContent);
    var form = document.getElementById("article_form");
    if (!form) return;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");

    function textFields() {
      return config.textFields
        .map(function (name) { return form.elements[name]; })
        .filter(function (el) { return el && !el.disabled && !el.readOnly; });
    }

    function payload(extra) {
      var data = new FormData();
      if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
      data.append("_workbench_article", config.articleId || "");
      textFields().forEach(function (el) { data.append(el.name, el.value); });
      Object.keys(extra || {}).forEach(function (key) { data.append(key, extra[key]); });
      return data;
    }

    relabelLanguageTabs(config.languageLabels);
    if (!config.mayWrite) return;

    // --- live preview, problems, readability ------------------------------------------
    var preview = document.getElementById("workbench-preview");
    var problems = document.getElementById("workbench-problems");
    var readability = document.getElementById("workbench-readability");
    var status = document.getElementById("workbench-status");
    var langSelect = document.getElementById("workbench-lang");
    var personaSelect = document.getElementById("workbench-persona");
    var previewRequest = 0;

    function clearInlineProblems() {
      form.querySelectorAll(".workbench-inline-problems").forEach(function (el) { el.remove(); });
    }

    function showProblems(list) {
      problems.textContent = "";
      clearInlineProblems();
      if (!list.length) return;
      var heading = document.createElement("h3");
      heading.textContent = gettext("Problems in the text");
      var ul = document.createElement("ul");
      var byField = {};
      list.forEach(function (problem) {
        var text = interpolate(gettext("%(label)s, line %(line)s: %(message)s"), problem, true);
        var li = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#id_" + problem.field;
        link.textContent = text;
        link.addEventListener("click", function (event) {
          event.preventDefault();
          goToLine(form.elements[problem.field], problem.line);
        });
        li.appendChild(link);
        ul.appendChild(li);
        (byField[problem.field] = byField[problem.field] || []).push(problem);
      });
      problems.appendChild(heading);
      problems.appendChild(ul);
      // The same problems right under the field they are in, with their line.
      Object.keys(byField).forEach(function (name) {
        var field = form.elements[name];
        if (!field) return;
        var inline = document.createElement("ul");
        inline.className = "errorlist workbench-inline-problems";
        inline.setAttribute("aria-live", "polite");
        byField[name].forEach(function (problem) {
          var li = document.createElement("li");
          li.textContent = interpolate(gettext("Line %(line)s: %(message)s"), problem, true);
          inline.appendChild(li);
        });
        field.insertAdjacentElement("afterend", inline);
      });
    }

    function showReadability(lines) {
      readability.textContent = "";
      var heading = document.createElement("h3");
      heading.textContent = gettext("Readability for lay readers");
      var ul = document.createElement("ul");
      Object.keys(lines).forEach(function (lang) {
        var li = document.createElement("li");
        li.textContent = lines[lang];
        ul.appendChild(li);
      });
      readability.appendChild(heading);
      readability.appendChild(ul);
    }

    function refreshPreview() {
      var mine = ++previewRequest;
      status.textContent = gettext("Updating the preview…");
      fetch(config.previewUrl, {
        method: "POST",
        body: payload({ _preview_lang: langSelect.value, _preview_persona: personaSelect.value }),
        credentials: "same-origin",
        headers: { "Accept": "application/json" },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          if (mine !== previewRequest) return; // an older answer arriving late
          preview.innerHTML = data.html; // rendered and sanitised on the server
          showProblems(data.problems);
          showReadability(data.readability);
          status.textContent = gettext("Preview of the text in the form; it is not saved yet.");
        })
        .catch(function () {
          if (mine === previewRequest) status.textContent = gettext("The preview could not be updated.");
        });
    }

    var schedulePreview = debounce(refreshPreview, PREVIEW_DELAY);
    textFields().forEach(function (el) { el.addEventListener("input", schedulePreview); });
    langSelect.addEventListener("change", refreshPreview);
    personaSelect.addEventListener("change", refreshPreview);
    refreshPreview();

    // --- citation picker ---------------------------------------------------------------
    var lastText = null;
    form.addEventListener("focusin", function (event) {
      if (event.target.tagName === "TEXTAREA" && config.textFields.indexOf(event.target.name) !== -1) {
        lastText = event.target;
      }
    });
    var search = document.getElementById("workbench-search");
    var results = document.getElementById("workbench-results");

    function insertCitation(key) {
      var target = lastText || form.elements[config.textFields.filter(function (n) { return n.indexOf("body_") === 0; })[0]];
      if (!target) return;
      var start = target.selectionStart, end = target.selectionEnd;
      var text = "[@" + key + "]";
      target.setRangeText(text, start, end, "end");
      target.focus();
      target.dispatchEvent(new Event("input", { bubbles: true }));
      status.textContent = interpolate(gettext("Inserted %(citation)s."), { citation: text }, true);
    }

    function showResults(list) {
      results.textContent = "";
      if (!list.length && search.value.trim()) {
        var none = document.createElement("li");
        none.textContent = gettext("No source found.");
        results.appendChild(none);
      }
      list.forEach(function (ref) {
        var li = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "workbench-result";
        button.dataset.key = ref.key;
        var parts = [ref.authors, ref.year, ref.title].filter(Boolean).join(". ");
        button.textContent = "[@" + ref.key + "] " + parts + (ref.retracted ? " — " + gettext("retracted") : "");
        // Keep the caret where it was in the text: do not take focus on mouse down.
        button.addEventListener("mousedown", function (event) { event.preventDefault(); });
        button.addEventListener("click", function () { insertCitation(ref.key); });
        li.appendChild(button);
        results.appendChild(li);
      });
    }

    search.addEventListener("keydown", function (event) {
      if (event.key === "Enter") event.preventDefault(); // never submits the article form
    });
    search.addEventListener("input", debounce(function () {
      var query = search.value.trim();
      if (!query) { showResults([]); return; }
      fetch(config.searchUrl + "?q=" + encodeURIComponent(query), { credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (data) { if (search.value.trim() === query) showResults(data.results); });
    }, SEARCH_DELAY));

    // --- a new source from its DOI or PMID -----------------------------------------------
    var newReference = document.getElementById("workbench-new-reference");
    if (newReference && config.newReferenceUrl) {
      newReference.hidden = false;
      var identifier = document.getElementById("workbench-identifier");
      var lookupButton = document.getElementById("workbench-lookup");
      var newResult = document.getElementById("workbench-new-result");

      var say = function (text, isError) {
        newResult.textContent = "";
        var p = document.createElement("p");
        if (isError) p.className = "errornote";
        p.textContent = text;
        newResult.appendChild(p);
        return p;
      };
      var keepCaret = function (button) {
        // Keep the caret where it was in the text: do not take focus on mouse down.
        button.addEventListener("mousedown", function (event) { event.preventDefault(); });
      };
      var askServer = function (extra) {
        var data = new FormData();
        if (csrf) data.append("csrfmiddlewaretoken", csrf.value);
        data.append("identifier", identifier.value.trim());
        Object.keys(extra || {}).forEach(function (key) { data.append(key, extra[key]); });
        return fetch(config.newReferenceUrl, {
          method: "POST", body: data, credentials: "same-origin", headers: { "Accept": "application/json" },
        }).then(function (response) {
          return response.json().catch(function () { return {}; }).then(function (answer) {
            if (!response.ok && !answer.error) {
              answer.error = interpolate(gettext("The server refused (%(status)s)."), { status: response.status }, true);
            }
            return answer;
          });
        });
      };
      var citeButton = function (reference) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "button";
        button.textContent = interpolate(gettext("Cite %(citation)s"), { citation: "[@" + reference.key + "]" }, true);
        keepCaret(button);
        button.addEventListener("click", function () { insertCitation(reference.key); });
        return button;
      };
      var showKnown = function (answer) {
        say(answer.message).appendChild(document.createTextNode(" "));
        newResult.firstChild.appendChild(citeButton(answer.reference));
      };
      var confirmAdd = function () {
        newResult.setAttribute("aria-busy", "true");
        askServer({ _confirm: "1" }).then(function (answer) {
          newResult.removeAttribute("aria-busy");
          if (answer.error) { say(answer.error, true); return; }
          if (answer.created) {
            insertCitation(answer.reference.key);
            say(answer.message);
            identifier.value = "";
          } else {
            showKnown(answer);
          }
        }).catch(function () {
          newResult.removeAttribute("aria-busy");
          say(gettext("The server could not be reached: nothing was added."), true);
        });
      };
      var lookUp = function () {
        if (!identifier.value.trim()) { say(gettext("Type a DOI or a PubMed ID."), true); return; }
        say(gettext("Looking it up…"));
        askServer({}).then(function (answer) {
          if (answer.error) { say(answer.error, true); return; }
          if (answer.reference) { showKnown(answer); return; }
          newResult.textContent = "";
          var found = document.createElement("div");
          found.className = "workbench-found";
          var question = document.createElement("p");
          question.textContent = answer.message;
          var citation = document.createElement("p");
          citation.innerHTML = answer.found.citation_html; // formatted and escaped on the server
          found.appendChild(question);
          found.appendChild(citation);
          var actions = document.createElement("p");
          var add = document.createElement("button");
          add.type = "button";
          add.className = "button default";
          add.id = "workbench-add-reference";
          add.textContent = gettext("Add and cite");
          keepCaret(add);
          add.addEventListener("click", confirmAdd);
          var cancel = document.createElement("button");
          cancel.type = "button";
          cancel.className = "button";
          cancel.textContent = gettext("Cancel");
          cancel.addEventListener("click", function () { newResult.textContent = ""; });
          actions.appendChild(add);
          actions.appendChild(document.createTextNode(" "));
          actions.appendChild(cancel);
          found.appendChild(actions);
          newResult.appendChild(found);
        }).catch(function () {
          say(gettext("The server could not be reached: nothing was added."), true);
        });
      };
      keepCaret(lookupButton);
      lookupButton.addEventListener("click", lookUp);
      identifier.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); lookUp(); } // never submits the article form
      });
    }

    // --- autosave -----------------------------------------------------------------------
    var dirty = false;
    var submitting = false;
    textFields().forEach(function (el) { el.addEventListener("input", function () { dirty = true; }); });
    form.addEventListener("submit", function () { submitting = true; });

    function activeLanguage() {
      var active = form.querySelector(".ui-tabs-active[aria-controls^='tab_id_']");
      var match = active && active.getAttribute("aria-controls").match(/_(en|zh_hans)$/);
      return match ? match[1] : "";
    }

    // The revision the form's text was typed on (its lock token), kept with the autosave.
    function baseRevision() {
      var field = form.elements["base_revision"];
      return field ? field.value : "";
    }

    function autosave() {
      if (!dirty || submitting) return;
      dirty = false;
      fetch(config.autosaveUrl, {
        method: "POST",
        body: payload({ _language: activeLanguage(), base_revision: baseRevision() }),
        credentials: "same-origin",
      }).catch(function () { dirty = true; });
    }
    setInterval(autosave, AUTOSAVE_EVERY);
    window.addEventListener("pagehide", function () {
      if (dirty && !submitting && navigator.sendBeacon) {
        navigator.sendBeacon(config.autosaveUrl, payload({ _language: activeLanguage(), base_revision: baseRevision() }));
      }
    });

    var restore = document.getElementById("workbench-restore");
    if (restore && config.autosave) {
      restore.hidden = false;
      restore.addEventListener("click", function () {
        var values = config.autosave.values;
        Object.keys(values).forEach(function (name) {
          var el = form.elements[name];
          if (el && !el.readOnly && !el.disabled) el.value = values[name];
        });
        // Saving then meets what others saved since that revision (merged, or shown as a conflict).
        var base = form.elements["base_revision"];
        if (base && config.autosave.baseRevision) base.value = config.autosave.baseRevision;
        var offer = document.getElementById("workbench-autosave");
        offer.textContent = gettext("Your unsaved text is back in the form. Save to keep it.");
        dirty = true;
        refreshPreview();
      });
    }
    var discard = document.getElementById("workbench-discard");
    if (discard) {
      discard.addEventListener("click", function (event) {
        event.preventDefault();
        fetch(config.autosaveUrl, {
          method: "POST",
          body: payload({ _discard: "1" }),
          credentials: "same-origin",
          headers: { "Accept": "application/json" },
        }).then(function () {
          document.getElementById("workbench-autosave").remove();
        });
      });
    }
  });

  // --- language tabs named by their language ------------------------------------------
  function goToLine(field, line) {
    if (!field) return;
    var tabPanel = field.closest("[id^='tab_']");
    if (tabPanel) {
      var tab = document.querySelector("li[aria-controls='" + tabPanel.id + "'] a");
      if (tab) tab.click();
    }
    var lines = field.value.split("\n");
    var start = lines.slice(0, line - 1).join("\n").length + (line > 1 ? 1 : 0);
    var end = start + (lines[line - 1] || "").length;
    field.focus();
    field.setSelectionRange(start, end);
  }

  function relabelLanguageTabs(labels) {
    // modeltranslation's tabbed_translation_fields.js builds its tabs on jQuery's ready,
    // labelled with the code ("zh-hans"); name them by the language once they exist.
    // jQuery UI makes each <li> the tab (role="tab", focusable) around a link: the link's
    // href is dropped so the tab holds no second focusable control (axe: nested-interactive);
    // jQuery UI finds the panel through the tab's aria-controls.
    function relabel() {
      document.querySelectorAll("li[aria-controls^='tab_id_']").forEach(function (tab) {
        var panel = tab.getAttribute("aria-controls");
        var link = tab.querySelector("a");
        var suffix = Object.keys(labels).filter(function (code) {
          return panel.slice(-(code.length + 1)) === "_" + code;
        })[0];
        if (!link || !suffix) return;
        if (link.textContent !== labels[suffix]) {
          link.textContent = labels[suffix];
          link.setAttribute("lang", suffix.replace("_", "-"));
        }
        if (link.hasAttribute("href")) link.removeAttribute("href");
      });
      var mainSwitch = document.getElementById("modeltranslation-main-switch");
      if (mainSwitch) {
        if (!mainSwitch.hasAttribute("aria-label")) {
          mainSwitch.setAttribute("aria-label", gettext("Language of all fields"));
        }
        Array.prototype.forEach.call(mainSwitch.options, function (option) {
          var code = option.textContent.replace("-", "_");
          if (labels[code] && option.textContent !== labels[code]) option.textContent = labels[code];
        });
      }
      // The filter_horizontal widget's search icon is a <span> with an aria-label: name it an image.
      document.querySelectorAll(".help-tooltip[aria-label]:not([role]), .help-tooltip[title]:not([role])")
        .forEach(function (icon) { icon.setAttribute("role", "img"); });
    }
    // jQuery UI asks a tab's link whether its panel is on this page (else it would load it
    // by Ajax): a link without href is, its panel is found through aria-controls.
    [window.jQuery, window.django && window.django.jQuery].forEach(function ($) {
      var tabs = $ && $.ui && $.ui.tabs;
      if (!tabs || tabs.prototype._workbenchPatched) return;
      var isLocal = tabs.prototype._isLocal;
      tabs.prototype._isLocal = function (anchor) {
        return !anchor || !anchor.hasAttribute("href") || isLocal.call(this, anchor);
      };
      tabs.prototype._workbenchPatched = true;
    });
    // Their ready handler may run after the load event: relabel whenever tabs appear.
    relabel();
    var pending = null;
    new MutationObserver(function () {
      clearTimeout(pending);
      pending = setTimeout(relabel, 0);
    }).observe(document.body, { childList: true, subtree: true });
  }
})();
