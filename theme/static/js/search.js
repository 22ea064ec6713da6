// Search page: runs the query in the browser with Pagefind (one index per language, chosen by
// <html lang>). Loaded as a module: deferred, never blocks rendering. Without JavaScript the
// page says so and links the archives.
const form = document.querySelector("[data-search]");
const input = form.querySelector("input[name=q]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const MAX_RESULTS = 25;

// Twin of plugins/search/fold.py: "Đại hội đường" -> "Dai hoi duong". Each story carries its
// words with đ folded the same way, so a query typed without diacritics finds them.
const fold = (text) =>
  text.replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFD").replace(/\p{M}/gu, "");

const message = (name, values) =>
  form.dataset[name].replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");

let pagefind;
const loadPagefind = async () => {
  if (!pagefind) {
    pagefind = await import(`${form.dataset.bundle}pagefind.js`);
    // result URLs under the site's own path (a site published in a sub-folder)
    await pagefind.options({ baseUrl: new URL(form.dataset.site, location.href).pathname });
  }
  return pagefind;
};

const resultItem = (data) => {
  const item = document.createElement("li");
  item.className = "search-result";
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = data.url;
  link.textContent = data.meta.title;
  title.append(link);
  item.append(title);
  for (const [key, cls] of [["date", "search-date"], ["summary", "search-summary"]]) {
    if (data.meta[key]) {
      const p = document.createElement("p");
      p.className = cls;
      p.textContent = data.meta[key];
      item.append(p);
    }
  }
  return item;
};

let latest = 0;
const run = async (query) => {
  const mine = ++latest;
  const url = new URL(location.href);
  if (query) url.searchParams.set("q", query);
  else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!query) {
    status.textContent = "";
    list.replaceChildren();
    return;
  }
  status.textContent = form.dataset.msgSearching;
  try {
    const pf = await loadPagefind();
    const search = await pf.search(fold(query));
    const found = await Promise.all(search.results.slice(0, MAX_RESULTS).map((r) => r.data()));
    if (mine !== latest) return; // a newer query was typed meanwhile
    const count = search.results.length;
    const key = count === 0 ? "msgNone" : count === 1 ? "msgOne" : "msgMany";
    status.textContent = message(key, { count, query });
    list.replaceChildren(...found.map(resultItem));
  } catch (error) {
    status.textContent = form.dataset.msgError;
    console.error(error);
  }
};

let timer;
input.addEventListener("input", () => {
  clearTimeout(timer);
  timer = setTimeout(() => run(input.value.trim()), 300);
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(timer);
  run(input.value.trim());
});

const initial = new URLSearchParams(location.search).get("q");
if (initial) {
  input.value = initial;
  run(initial.trim());
}
