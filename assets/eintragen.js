// The form "Angebot eintragen": checks the answers with the same rules and words as `build.py check` and writes
// the offer file. Everything stays in the browser; nothing is sent anywhere.
const form = document.getElementById("eintragen");
const summary = document.getElementById("fehlerliste");
const result = document.getElementById("ergebnis");
const quarters = new Map(JSON.parse(form.dataset.quarters));

form.hidden = false;
document.getElementById("ohne-js").hidden = true;

const value = (name) => (form.elements[name]?.value ?? "").trim();
const checked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
const quote = (text) => JSON.stringify(text); // a JSON string is a valid double-quoted YAML string

function slugFor(text) {
  const plain = text.toLowerCase().replace(/ä/g, "ae").replace(/ö/g, "oe").replace(/ü/g, "ue").replace(/ß/g, "ss");
  const words = plain.match(/[a-z0-9]+/g) || [];
  return words.join("-").slice(0, 70).replace(/-+$/, "") || "mein-angebot";
}

function timeOf(text) {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(?:\s*uhr)?$/i.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2] || 0) : null;
}

function fieldOf(name) {
  return form.querySelector(`[data-name="${name}"]`);
}

// -- checks: each returns [field name, German message] pairs ------------------------------------------------------

function problems() {
  const found = [];
  const need = (name, message) => found.push([name, message]);
  for (const element of form.querySelectorAll("[data-name]")) {
    const name = element.dataset.name;
    const input = form.elements[name];
    const label = element.querySelector("label, legend")?.firstChild.textContent.trim();
    const required = element.querySelector(".required") && !name.startsWith("ort.");
    const empty = input instanceof RadioNodeList || element.tagName === "FIELDSET" ? !checked(name).length : !value(name);
    if (required && empty && !name.endsWith(".art")) need(name, `Bitte geben Sie „${label}“ an.`);
    const limit = Number(input?.maxLength || 0);
    if (limit > 0 && value(name).length > limit) need(name, `Höchstens ${limit} Zeichen, bitte kürzen.`);
    const pattern = input?.dataset?.pattern; // the validator's own pattern, from reference.PATTERNS
    if (pattern && value(name) && !new RegExp(pattern, "i").test(value(name))) need(name, input.dataset.patternMessage);
  }
  const district = value("bezirk");
  const quarter = value("stadtteil");
  const home = [...quarters].find(([, names]) => names.includes(quarter))?.[0];
  if (district && quarter && home !== district) {
    need("stadtteil", `${quarter} liegt im Stadtbezirk ${home}, nicht in ${district}. Wählen Sie den Stadtbezirk ${home}.`);
  }
  if (!checked("online").length) {
    if (!value("ort.strasse")) need("ort.strasse", "Bitte geben Sie die Straße an – oder kreuzen Sie „Online“ an.");
    if (!value("ort.plz")) need("ort.plz", "Bitte geben Sie die Postleitzahl an.");
  }

  for (const prefix of appointmentPrefixes()) appointmentProblems(prefix, need);

  const phone = value("kontakt.telefon");
  const email = value("kontakt.email");
  const web = value("kontakt.web");
  if (!phone && !email && !web) need("kontakt.telefon", "Bitte geben Sie Telefon, E-Mail oder Internetseite an.");
  const sample = form.querySelector("[name='kontakt.telefon']").dataset.beispiel; // the town's, from config.toml
  if (phone && !/^[+0]/.test(phone)) need("kontakt.telefon", `Bitte mit Vorwahl, zum Beispiel ${sample}.`);
  const confirmed = value("geprueft_am");
  // Later than today is an error for `check`; "today" is the build day or, if later, the visitor's day.
  const built = form.querySelector("[name=geprueft_am]").defaultValue;
  const today = new Date().toISOString().slice(0, 10);
  if (confirmed && confirmed > (today > built ? today : built)) {
    need("geprueft_am", "Das Datum liegt in der Zukunft.");
  }
  // In the order of the form, so the list at the top reads like the page.
  const before = (a, b) => a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING;
  return found.sort(([a], [b]) => (a === b ? 0 : before(fieldOf(a), fieldOf(b)) ? -1 : 1));
}

// The checks of one appointment; `prefix` is "termine" for the first, "termine2" … for further ones.
function appointmentProblems(prefix, need) {
  const kind = value(`${prefix}.art`);
  const recurring = ["woechentlich", "14-taeglich", "monatlich"].includes(kind);
  if (recurring && !checked(`${prefix}.tage`).length) need(`${prefix}.tage`, "Bitte wählen Sie mindestens einen Wochentag.");
  if (kind === "monatlich" && !checked(`${prefix}.woche`).length) {
    need(`${prefix}.woche`, "Bitte wählen Sie, in welcher Woche des Monats.");
  }
  if (kind === "14-taeglich" && !value(`${prefix}.ab`)) {
    need(`${prefix}.ab`, "Bitte geben Sie den ersten Termin an; von ihm an wird alle 14 Tage gezählt.");
  }
  if (kind === "datum" && !value(`${prefix}.datum`)) need(`${prefix}.datum`, "Bitte geben Sie das Datum an.");
  if (kind !== "nach_vereinbarung") {
    const start = timeOf(value(`${prefix}.von`));
    const end = timeOf(value(`${prefix}.bis`));
    if (start === null) need(`${prefix}.von`, "Bitte geben Sie die Uhrzeit an, zu der es beginnt, zum Beispiel 15:00.");
    if (start !== null && end !== null && end <= start) need(`${prefix}.bis`, "Das Ende liegt nicht nach dem Beginn.");
  }
  if (value(`${prefix}.ab`) && value(`${prefix}.bis_datum`) && value(`${prefix}.bis_datum`) < value(`${prefix}.ab`)) {
    need(`${prefix}.bis_datum`, "Der letzte Termin liegt vor dem ersten.");
  }

}

function showProblems(found) {
  for (const error of form.querySelectorAll(".field-error")) error.hidden = true;
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const list = summary.querySelector("ul");
  list.replaceChildren();
  for (const [name, message] of found) {
    const field = fieldOf(name);
    const error = field.querySelector(".field-error");
    if (error.hidden) {
      error.textContent = message;
      error.hidden = false;
    }
    const input = field.querySelector("input, select, textarea");
    input.setAttribute("aria-invalid", "true");
    const link = document.createElement("a");
    link.href = `#${input.id || field.id}`;
    link.textContent = message;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      input.focus();
    });
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  summary.hidden = !found.length;
  if (found.length) summary.focus();
}

// -- the file -------------------------------------------------------------------------------------------------------

function listLine(key, items, indent = "") {
  return items.length ? [`${indent}${key}: [${items.join(", ")}]`] : [];
}

function textLine(key, text, indent = "") {
  return text ? [`${indent}${key}: ${quote(text)}`] : [];
}

function appointment(prefix) {
  const kind = value(`${prefix}.art`);
  const lines = [];
  if (kind === "nach_vereinbarung") lines.push("nach_vereinbarung: true");
  else if (kind === "datum") lines.push(`datum: ${value(`${prefix}.datum`)}`);
  else {
    lines.push(...listLine("tage", checked(`${prefix}.tage`)));
    if (kind !== "woechentlich") lines.push(`rhythmus: ${kind}`);
    if (kind === "monatlich") lines.push(...listLine("woche", checked(`${prefix}.woche`)));
  }
  if (kind !== "nach_vereinbarung") {
    lines.push(...textLine("von", value(`${prefix}.von`)), ...textLine("bis", value(`${prefix}.bis`)));
    if (kind !== "datum") {
      if (value(`${prefix}.ab`)) lines.push(`ab: ${value(`${prefix}.ab`)}`);
      if (value(`${prefix}.bis_datum`)) lines.push(`bis_datum: ${value(`${prefix}.bis_datum`)}`);
    }
  }
  lines.push(...textLine("hinweis", value(`${prefix}.hinweis`)));
  return lines.map((line, index) => (index ? "    " : "  - ") + line);
}

function group(key, names) {
  const lines = [];
  for (const name of names) {
    const picked = form.querySelector(`input[type=radio][name="${key}.${name}"]:checked`);
    if (picked) {
      if (picked.value) lines.push(`  ${name}: ${picked.value}`);
    } else lines.push(...textLine(name, value(`${key}.${name}`), "  "));
  }
  return lines.length ? [`${key}:`, ...lines] : [];
}

// How each kind of field is written to the file (the kinds of mittendrin/content/schema.py), by its key and, for a
// group, the keys the form asks within it. The fields and their order come from the page (data-file-order).
const plainText = (key) => textLine(key, value(key));
const choices = (key) => listLine(key, checked(key));
const WRITERS = {
  text: plainText,
  registration: plainText,
  district: plainText,
  quarter: plainText,
  age_groups: choices,
  categories: choices,
  languages: choices,
  schedule: (key) => [`${key}:`, ...appointmentPrefixes().flatMap(appointment)],
  place: (key, names) => (value(`${key}.strasse`) ? group(key, names) : []),
  bool: (key) => (checked(key).length ? [`${key}: true`] : []),
  accessibility: group,
  contact: group,
  date: (key) => (value(key) ? [`${key}: ${value(key)}`] : []),
};

function offerFile() {
  const lines = ["---", form.dataset.modeline];
  for (const [key, kind, names] of JSON.parse(form.dataset.fileOrder)) lines.push(...WRITERS[kind](key, names));
  const body = value("text").replace(/\r\n?/g, "\n") || value("kurzbeschreibung");
  return `${lines.join("\n")}\n---\n${body}\n`;
}

function showFile() {
  const text = offerFile();
  const name = `${slugFor(`${value("titel")} ${value("stadtteil")}`)}.md`;
  document.getElementById("dateiname").textContent = name;
  document.getElementById("dateiinhalt").value = text;
  const download = document.getElementById("herunterladen");
  URL.revokeObjectURL(download.href);
  download.href = URL.createObjectURL(new Blob([text], { type: "text/markdown;charset=utf-8" }));
  download.download = name;
  const github = document.getElementById("github");
  if (form.dataset.newFileUrl) {
    const query = new URLSearchParams({ filename: name, value: text });
    github.href = `${form.dataset.newFileUrl}?${query}`;
    github.hidden = false;
  }
  result.hidden = false;
  document.getElementById("ergebnis-titel").focus();
}

function showAppointmentFields(prefix) {
  const kind = value(`${prefix}.art`);
  const shown = {
    tage: ["woechentlich", "14-taeglich", "monatlich"],
    woche: ["monatlich"],
    datum: ["datum"],
    ab: ["woechentlich", "14-taeglich", "monatlich"],
    bis_datum: ["woechentlich", "14-taeglich", "monatlich"],
    von: ["woechentlich", "14-taeglich", "monatlich", "datum"],
    bis: ["woechentlich", "14-taeglich", "monatlich", "datum"],
  };
  for (const [key, kinds] of Object.entries(shown)) fieldOf(`${prefix}.${key}`).hidden = !kinds.includes(kind);
}

function appointmentPrefixes() {
  return [...form.querySelectorAll("[data-termin]")].map((section) => section.dataset.termin);
}

function watchAppointment(prefix) {
  form.elements[`${prefix}.art`].addEventListener("change", () => showAppointmentFields(prefix));
  showAppointmentFields(prefix);
}

// A further appointment is a copy of the first section with its own names ("termine2.tage" …), empty again.
document.getElementById("weiterer-termin").addEventListener("click", () => {
  const sections = form.querySelectorAll("[data-termin]");
  const prefix = `termine${sections.length + 1}`;
  const html = sections[0].outerHTML
    .replaceAll('"termine.', `"${prefix}.`)
    .replaceAll("feld-termine-", `feld-${prefix}-`)
    .replace('data-termin="termine"', `data-termin="${prefix}"`)
    .replace(/<legend>[^<]*<\/legend>/, `<legend>${sections.length + 1}. Termin</legend>`);
  sections[sections.length - 1].insertAdjacentHTML("afterend", html);
  const added = form.querySelector(`[data-termin="${prefix}"]`);
  for (const error of added.querySelectorAll(".field-error")) error.hidden = true;
  for (const input of added.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  watchAppointment(prefix);
  form.elements[`${prefix}.art`].focus();
});

watchAppointment("termine");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const found = problems();
  showProblems(found);
  if (found.length) {
    result.hidden = true;
    return;
  }
  showFile();
});

document.getElementById("kopieren").addEventListener("click", async () => {
  const status = document.getElementById("kopiert");
  const area = document.getElementById("dateiinhalt");
  try {
    await navigator.clipboard.writeText(area.value);
    status.textContent = "Der Text ist kopiert.";
  } catch {
    area.select();
    status.textContent = "Der Text ist markiert – kopieren Sie ihn mit Strg+C.";
  }
});
