// /termine/: the next fourteen days from the visitor's own today. The page carries three weeks from the build date,
// so it stays right for a week without a rebuild; without JavaScript it shows fourteen days from the build date.
const status = document.getElementById("termine-stand");
const pad = (n) => String(n).padStart(2, "0");
const iso = (date) => `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;

if (status) {
  const days = Number(status.dataset.tage);
  const now = new Date();
  const first = iso(now);
  const last = iso(new Date(now.getFullYear(), now.getMonth(), now.getDate() + days - 1));
  const sections = [...document.querySelectorAll("section.day")];
  let visible = 0;
  for (const section of sections) {
    section.hidden = section.dataset.datum < first || section.dataset.datum > last;
    if (!section.hidden) visible += 1;
  }
  const firstShown = sections.find((section) => !section.hidden);
  if (!firstShown) {
    status.textContent = "Für die kommenden Tage liegt hier noch keine Liste vor. Schauen Sie gern in die Liste aller Angebote.";
  } else {
    const name = firstShown.querySelector("h2").firstChild.textContent.trim();
    status.textContent =
      visible < days
        ? `Ab heute, ${name}. Für die Tage danach liegt hier noch keine Liste vor.`
        : `Ab heute, ${name}.`;
  }
}
