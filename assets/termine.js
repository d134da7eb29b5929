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
  for (const jump of document.querySelectorAll(".day-jumps li")) {
    jump.hidden = jump.dataset.datum < first || jump.dataset.datum > last;
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

// An empty day links to the next day with offers (#tag-2026-12-07); that day may lie beyond the fourteen shown, so a
// link to a hidden day shows it instead of doing nothing.
function reveal() {
  const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
  if (target && target.matches("section.day") && target.hidden) {
    target.hidden = false;
    target.scrollIntoView();
  }
}

if (location.hash) reveal();
window.addEventListener("hashchange", reveal);
