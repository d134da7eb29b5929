// Search over Pagefind's index with a small interface of our own: labelled fields, results announced
// to screen readers, the query kept in the address so it can be bookmarked and shared.
const form = document.getElementById("suche");
const input = document.getElementById("q");
const status = document.getElementById("suchstatus");
const list = document.getElementById("treffer");
const more = document.getElementById("mehr");
const selects = [...form.querySelectorAll("select[data-filter]")];
const base = form.dataset.base;
const PAGE_SIZE = 10;

let pagefind;
let results = [];
let shown = 0;
let latest = 0;

async function engine() {
  if (!pagefind) {
    pagefind = await import(`${base}pagefind/pagefind.js`);
    await pagefind.options({ baseUrl: base });
  }
  return pagefind;
}

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
  const where = document.createElement("p");
  where.className = "detail";
  where.textContent = data.meta.district ? `Stadtbezirk ${data.meta.district}` : "";
  item.append(heading, summary, where);
  return item;
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
  if (!term && Object.keys(filters).length === 0) {
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
    return;
  }
  status.textContent = "Suche läuft …";
  const pf = await engine();
  const response = await pf.search(term || null, { filters });
  if (run !== latest) return;
  results = response.results;
  const items = await nextItems(0);
  if (run !== latest) return;
  // swap the whole list at once, so it is never seen empty or half-filled between two searches
  list.replaceChildren(...items);
  shown = items.length;
  more.hidden = shown >= results.length;
  status.textContent =
    results.length === 0
      ? "Keine Angebote gefunden. Versuchen Sie ein anderes Wort oder weniger Einschränkungen."
      : `${results.length} ${results.length === 1 ? "Angebot" : "Angebote"} gefunden.`;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  search();
});
input.addEventListener("input", searchSoon);
for (const select of selects) select.addEventListener("change", search);
more.addEventListener("click", showMore);

restoreFromAddress();
if (location.search) search();
