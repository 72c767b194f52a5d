/* Brugwijzer: small progressive enhancements; every page works without them. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("kopiëren lukte niet")); }
    });
  }

  function setUpCopyButtons() {
    document.querySelectorAll("button.bw-copy[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source) { return; }
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        var text = source.innerText.replace(/\s+/g, " ").trim();
        copyText(text).then(function () {
          button.textContent = "Gekopieerd";
          button.setAttribute("data-copied", text);
        }, function () {
          button.textContent = "Kopiëren lukte niet; selecteer de tekst zelf";
        });
        window.setTimeout(function () { button.textContent = label; }, 4000);
      });
    });
  }

  window.Brugwijzer = window.Brugwijzer || {};
  window.Brugwijzer.copyText = copyText;

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpCopyButtons);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUpCopyButtons);
  } else {
    setUpCopyButtons();
  }
})();
