// "Angaben ändern": names the offer of ?angebot=<slug> (its page's heading) and points both ways at it.
const box = document.getElementById("angebot");
const slug = new URLSearchParams(location.search).get("angebot") || "";

async function nameOffer() {
  const path = `${box.dataset.base}angebote/${slug}/`;
  const response = await fetch(path);
  if (!response.ok) return;
  const page = new DOMParser().parseFromString(await response.text(), "text/html");
  const title = page.querySelector("h1")?.textContent.trim();
  if (!title) return;
  const link = document.getElementById("angebot-link");
  link.href = path;
  link.textContent = title;
  box.hidden = false;
  const subject = `Fehler im Angebot „${title}“`;
  const body = `Angebot: ${title}\nAdresse: ${box.dataset.site}angebote/${slug}/\n\nWas stimmt nicht, und wie ist es richtig?\n`;
  const query = `subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
  document.getElementById("melden").href = `mailto:${box.dataset.email}?${query}`;
  const edit = document.getElementById("bearbeiten");
  if (edit) edit.href = `${box.dataset.editBase}${slug}.md`;
}

if (/^[a-z0-9-]{1,120}$/.test(slug)) nameOffer().catch(() => {});
