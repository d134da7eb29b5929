// "Heute" on the home page: point the link at today's weekday in the visitor's browser, so it stays right without a
// daily rebuild. Without JavaScript the link leads to the weekday overview.
const today = document.getElementById("heute");
if (today) {
  const slugs = today.dataset.slugs.split(",");
  const names = today.dataset.names.split(",");
  const index = (new Date().getDay() + 6) % 7; // getDay() counts from Sunday, the config from Monday
  today.href = `${today.getAttribute("href")}${slugs[index]}/`;
  today.textContent = `Heute ist ${names[index]}: alle Angebote von heute`;
}
