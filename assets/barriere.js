// The form "Barriere melden" on /barrierefreiheit/: fills in the page the visitor came from and writes the e-mail
// itself, with the page address and the description as plain sentences. Without this script the browser hands the
// form to the e-mail program as "Seite=…" lines (Chromium then garbles umlauts); either way this site sends nothing.
const form = document.getElementById("barriere-melden");
const page = form.elements.Seite;
const description = form.elements.Beschreibung;

const cameFrom = document.referrer && new URL(document.referrer).origin === location.origin ? document.referrer : "";
if (!page.value && cameFrom !== location.href) page.value = cameFrom;

function mailto() {
  const body = `Seite: ${page.value.trim() || "(keine Angabe)"}\n\nBarriere:\n${description.value.trim()}\n`;
  const query = `subject=${encodeURIComponent(form.dataset.subject)}&body=${encodeURIComponent(body)}`;
  return `mailto:${form.dataset.address}?${query}`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const link = document.getElementById("barriere-link");
  link.href = mailto();
  document.getElementById("barriere-status").hidden = false;
  location.href = link.href;
});
