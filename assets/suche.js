// Search over Pagefind's index (through finden.js) with a small interface of our own: labelled fields, results
// announced to screen readers, the query kept in the address so it can be bookmarked and shared.
import { finder } from "./finden.js";

const form = document.getElementById("suche");
const input = document.getElementById("q");
const status = document.getElementById("suchstatus");
const list = document.getElementById("treffer");
const more = document.getElementById("mehr");
const help = document.getElementById("suchhilfe");
const suggestions = document.getElementById("vorschlaege");
const toList = document.getElementById("zur-liste");
const narrowing = document.getElementById("eingrenzen-suche");
const selects = [...form.querySelectorAll("select[data-filter]")];
const base = form.dataset.base;
const PAGE_SIZE = 10;

const { find } = finder(form);
let results = [];
let shown = 0;
let latest = 0;

function chosenFilters() {
  const filters = {};
  for (const select of selects) {
    if (select.value) filters[select.dataset.filter] = select.value;
  }
  return filters;
}

function keepInAddress() {
  const params = new URLSearchParams();
  if (input.value.trim()) params.set("q", input.value.trim());
  for (const select of selects) if (select.value) params.set(select.name, select.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
}

function restoreFromAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const select of selects) {
    const wanted = params.get(select.name);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
  if (Object.keys(chosenFilters()).length) narrowing.open = true;
}

// Without a word, the static listing narrowed to the same choice shows the offers: a search for nothing would load
// every part of the index (megabytes on a big site).
function listAddress() {
  const params = new URLSearchParams();
  for (const select of selects) {
    if (select.value) params.set(select.dataset.param, select.selectedOptions[0].dataset.slug);
  }
  return `${base}angebote/?${params}`;
}

function resultItem(data) {
  const item = document.createElement("li");
  item.className = "card";
  const heading = document.createElement("h2");
  heading.className = "card-title";
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title || data.url;
  heading.append(link);
  const summary = document.createElement("p");
  summary.textContent = data.meta.summary || "";
  const facts = document.createElement("dl");
  facts.className = "facts facts-short";
  const place = [data.meta.stadtteil, data.meta.district && `Stadtbezirk ${data.meta.district}`].filter(Boolean);
  for (const [label, value] of [
    ["Wann", data.meta.wann],
    ["Wo", place.join(", ")],
    ["Kosten", data.meta.kosten],
    ["Anmeldung", data.meta.anmeldung],
  ]) {
    if (!value) continue;
    const term = document.createElement("dt");
    term.textContent = label;
    const detail = document.createElement("dd");
    detail.textContent = value;
    facts.append(term, detail);
  }
  item.append(heading, summary, facts);
  return item;
}

// "Meinten Sie …": the directory's words closest to what was typed
function offerHelp(close) {
  const place = suggestions.querySelector("span");
  place.replaceChildren();
  close.forEach((word, index) => {
    const link = document.createElement("a");
    link.href = `?q=${encodeURIComponent(word)}`;
    link.textContent = word;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      input.value = word;
      search();
    });
    place.append(...(index ? [" oder ", link] : [link]));
  });
  suggestions.hidden = close.length === 0;
  help.hidden = false;
}

let timer;
function searchSoon() {
  clearTimeout(timer);
  timer = setTimeout(search, 300);
}

async function nextItems(from) {
  const data = await Promise.all(results.slice(from, from + PAGE_SIZE).map((r) => r.data()));
  return data.map(resultItem);
}

async function showMore() {
  const items = await nextItems(shown);
  list.append(...items);
  shown += items.length;
  more.hidden = shown >= results.length;
}

async function search() {
  clearTimeout(timer); // a search started now makes the one pending from typing superfluous
  const run = ++latest;
  const term = input.value.trim();
  const filters = chosenFilters();
  keepInAddress();
  help.hidden = true;
  toList.hidden = true;
  if (!term) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    if (Object.keys(filters).length) {
      toList.querySelector("a").href = listAddress();
      toList.hidden = false;
    }
    return;
  }
  status.textContent = "Suche läuft …";
  const found = await find(term, filters);
  if (run !== latest) return;
  results = found.results;
  const items = await nextItems(0);
  if (run !== latest) return;
  // swap the whole list at once, so it is never seen empty or half-filled between two searches
  list.replaceChildren(...items);
  shown = items.length;
  more.hidden = shown >= results.length;
  const count = `${results.length} ${results.length === 1 ? "Angebot" : "Angebote"}`;
  if (results.length === 0) {
    status.textContent = `Keine Angebote gefunden für „${term}“. Versuchen Sie ein anderes Wort${Object.keys(filters).length ? " oder weniger Einschränkungen" : ""}.`;
    offerHelp(found.close);
  } else if (found.corrected) {
    status.textContent = `Für „${term}“ gibt es keine Treffer. ${count} gefunden für „${found.corrected}“.`;
  } else if (found.district) {
    status.textContent = `${count} im Stadtbezirk ${found.district} gefunden.`;
  } else {
    status.textContent = `${count} gefunden.`;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  if (!input.value.trim() && Object.keys(chosenFilters()).length) {
    location.assign(listAddress()); // asked for by the button or Enter, so the page may change
    return;
  }
  search();
});
input.addEventListener("input", searchSoon);
for (const select of selects) select.addEventListener("change", search);
more.addEventListener("click", showMore);

restoreFromAddress();
if (location.search) search();
