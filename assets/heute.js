// /heute/: show the visitor's own today. The page carries the build date's list; the lists of the seven days after
// it are small files beside it (heute/2026-12-03.html), so the page stays right for a week without a rebuild.
// Without JavaScript the build date's list stays, and the page says which date it is.
const status = document.getElementById("heute-stand");
const shown = document.getElementById("heute-tag");
const pad = (n) => String(n).padStart(2, "0");
const now = new Date();
const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;

// When the list shown is not the visitor's today, the heading must not say "Heute", and the rule-based list of
// today's weekday is the best the page can offer.
function notToday(message) {
  document.getElementById("heute-titel").textContent = `Angebote am ${shown.dataset.name}`;
  status.textContent = message;
  const weekday = document.getElementById("heute-wochentag");
  const slugs = status.dataset.slugs.split(",");
  weekday.querySelector("a").href = `${status.dataset.wochentage}${slugs[(now.getDay() + 6) % 7]}/`;
  weekday.hidden = false;
}

function showing(list) {
  document.getElementById("heute-name").textContent = list.dataset.name;
  status.textContent = `Heute ist ${list.dataset.name}.`;
}

if (status && shown) {
  if (today === shown.dataset.datum) {
    showing(shown);
  } else if (today > status.dataset.erster && today <= status.dataset.letzter) {
    fetch(`${status.dataset.tage}${today}.html`)
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.statusText))))
      .then((html) => {
        const list = new DOMParser().parseFromString(html, "text/html").getElementById("heute-tag");
        if (!list || list.dataset.datum !== today) throw new Error("Liste fehlt");
        const fresh = document.importNode(list, true);
        shown.replaceWith(fresh);
        showing(fresh);
      })
      .catch(() => {
        notToday(`Die Liste für heute konnte nicht geladen werden. Sie sehen die Liste für ${shown.dataset.name}.`);
      });
  } else {
    notToday(
      `Für heute liegt hier noch keine Liste vor. Sie sehen die Liste für ${shown.dataset.name}, den Tag, an dem die Seite zuletzt erstellt wurde. Fragen Sie im Zweifel beim Träger nach.`,
    );
  }
}
