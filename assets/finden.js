// What a search finds, for the search page (suche.js) and for the search benchmark (bench/search/run.py), so that
// the benchmark measures what residents get. Pagefind's results for the words, with two things Pagefind cannot know:
// - a district's name narrows to that district: a name whose German stem is a common word would otherwise find
//   every page with that word (the German stemmer drops a final -e, so such a name meets the label "Wann");
// - a word that finds nothing is searched as the directory's closest word, by edit distance ("Reperatur"). Pagefind
//   answers a word it does not know with a shorter beginning of it ("Spatziergang" finds "später"): such an answer
//   counts as nothing found.

export function finder(form) {
  const base = form.dataset.base;
  const districtChoice = form.querySelector('select[data-filter="Stadtbezirk"]');
  const districts = districtChoice ? [...districtChoice.options].map((o) => o.value).filter(Boolean) : [];
  let pagefind;
  let words;

  async function engine() {
    if (!pagefind) {
      pagefind = await import(`${base}pagefind/pagefind.js`);
      await pagefind.options({ baseUrl: base });
    }
    return pagefind;
  }

  // The words of the directory closest to what was typed: one letter off for short words, two for longer ones.
  async function closeWords(term) {
    if (!words) {
      const response = await fetch(form.dataset.woerter);
      words = response.ok ? await response.json() : [];
    }
    const wanted = term.toLocaleLowerCase("de");
    const limit = wanted.length < 6 ? 1 : 2;
    return words
      .map((word) => [distance(wanted, word, limit), word])
      .filter(([d]) => d <= limit)
      .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1], "de"))
      .slice(0, 3)
      .map(([, word]) => word);
  }

  // { results, district (narrowed to), corrected (the word searched instead), close (words to suggest) }
  async function find(term, filters = {}) {
    const pf = await engine();
    const found = { results: [], district: "", corrected: "", close: [] };
    const named = districts.find((d) => d.toLocaleLowerCase("de") === term.toLocaleLowerCase("de"));
    if (named && !filters.Stadtbezirk) {
      filters = { ...filters, Stadtbezirk: named };
      found.district = named;
    }
    found.results = (await pf.search(term, { filters })).results;
    if (term.includes(" ") || (found.results.length && !(await guessed(term, found.results[0])))) return found;
    found.close = await closeWords(term);
    for (const word of found.close) {
      const results = (await pf.search(word, { filters })).results;
      if (results.length) return { ...found, results, corrected: word };
    }
    return found;
  }

  return { find, closeWords };
}

// Whether Pagefind found the result by a word that does not begin as the term does (see above).
async function guessed(term, result) {
  const marked = [...(await result.data()).excerpt.matchAll(/<mark>([^<]*)<\/mark>/g)].map((m) => fold(m[1]));
  const start = fold(term).slice(0, 5);
  return marked.length > 0 && !marked.some((word) => word.startsWith(start));
}

function fold(word) {
  return word
    .toLocaleLowerCase("de")
    .replace(/ä/g, "ae")
    .replace(/ö/g, "oe")
    .replace(/ü/g, "ue")
    .replace(/ß/g, "ss");
}

function distance(a, b, limit) {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
