// Narrow a listing by district, age group and weekday in place: cards that do not match are hidden, every choice
// shows how many offers it leaves, and an empty result points to the other districts with the same choice.
// Without JavaScript the form stays hidden and the static listing pages do the same job.
const form = document.getElementById("eingrenzen");
if (form) {
  const cards = [...document.querySelectorAll(".cards > .card")];
  const selects = [...form.querySelectorAll("select")];
  const status = document.getElementById("eingrenzen-status");
  const empty = document.getElementById("eingrenzen-leer");
  const districtLinks = [...empty.querySelectorAll("a[data-bezirk]")];

  const chosen = () => Object.fromEntries(selects.map((s) => [s.name, s.value]));
  const matches = (card, choice) =>
    Object.entries(choice).every(([key, value]) => !value || card.dataset[key].split(" ").includes(value));
  const fitting = (n) =>
    `${n} von ${cards.length} ${cards.length === 1 ? "Angebot" : "Angeboten"} ${n === 1 ? "passt" : "passen"} zu Ihrer Auswahl.`;

  function update() {
    const choice = chosen();
    let shown = 0;
    for (const card of cards) {
      card.hidden = !matches(card, choice);
      if (!card.hidden) shown += 1;
    }
    for (const select of selects) {
      for (const option of select.options) {
        const count = cards.filter((card) => matches(card, { ...choice, [select.name]: option.value })).length;
        option.textContent = `${option.dataset.name} (${count})`;
      }
    }
    const narrowed = Object.values(choice).some(Boolean);
    status.textContent = narrowed ? fitting(shown) : "";
    empty.hidden = shown > 0;
    const kept = Object.entries(choice).filter(([key, value]) => value && key !== "bezirk");
    const query = new URLSearchParams(kept).toString();
    const current = choice.bezirk || form.dataset.bezirk;
    for (const link of districtLinks) {
      link.parentElement.hidden = link.dataset.bezirk === current;
      link.search = query;
    }
    const address = new URLSearchParams(Object.entries(choice).filter(([, value]) => value)).toString();
    history.replaceState(null, "", address ? `?${address}` : location.pathname);
  }

  const wanted = new URLSearchParams(location.search);
  for (const select of selects) {
    const value = wanted.get(select.name);
    if (value && [...select.options].some((o) => o.value === value)) select.value = value;
  }
  for (const select of selects) select.addEventListener("change", update);
  form.hidden = false;
  update();
}
