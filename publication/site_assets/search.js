/* Client-side search of the public precedent database: MiniSearch (MIT) over search-index.json.
   No request leaves the site; the query stays in the address bar (?q=) so a search can be shared. */
(function () {
  "use strict";
  var config = document.getElementById("search-config");
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!config || !input || !window.MiniSearch) { return; }
  var index = null;
  var documents = {};

  function show(text) { status.textContent = text; }

  function render(results, query) {
    list.textContent = "";
    if (!query) { show(""); return; }
    if (!results.length) { show(config.dataset.none); return; }
    show(results.length === 1 ? config.dataset.foundOne
      : config.dataset.foundMany.replace("%(count)s", String(results.length)));
    results.slice(0, 50).forEach(function (result) {
      var doc = documents[result.id];
      var item = document.createElement("li");
      item.className = "card";
      var title = document.createElement("h3");
      title.className = "card-title";
      var link = document.createElement("a");
      link.href = doc.url;
      link.textContent = doc.title;
      link.lang = doc.lang;
      title.appendChild(link);
      var meta = document.createElement("p");
      meta.className = "card-region";
      meta.textContent = [doc.theme, doc.region, doc.symbol].filter(Boolean).join(" · ");
      var summary = document.createElement("p");
      summary.className = "card-summary";
      summary.lang = doc.lang;
      summary.textContent = doc.summary.length > 280 ? doc.summary.slice(0, 277) + "…" : doc.summary;
      item.appendChild(title);
      item.appendChild(meta);
      item.appendChild(summary);
      list.appendChild(item);
    });
  }

  function search() {
    var query = input.value.trim();
    if (!index) { return; }
    render(query ? index.search(query, { prefix: true, fuzzy: 0.2, combineWith: "AND" }) : [], query);
  }

  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  show(input.value ? config.dataset.searching : "");

  fetch(config.dataset.index).then(function (response) {
    if (!response.ok) { throw new Error(String(response.status)); }
    return response.json();
  }).then(function (data) {
    index = new window.MiniSearch({
      fields: ["title", "summary", "articles", "theme", "region", "symbol", "documents"],
      storeFields: [],
      searchOptions: { boost: { title: 3, articles: 2, theme: 2 } }
    });
    data.forEach(function (doc) { documents[doc.id] = doc; });
    index.addAll(data);
    search();
  }).catch(function () { show(config.dataset.failed); });

  document.getElementById("search-form").addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value.trim());
    window.history.replaceState(null, "", url.toString());
    search();
  });
  input.addEventListener("input", search);
})();
