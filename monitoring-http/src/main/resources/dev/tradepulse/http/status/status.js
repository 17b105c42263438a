// TradePulse status page. Renders /status and follows /events (Server-Sent Events read with
// fetch, so the bearer token can travel in a header). Every value is set with textContent:
// nothing from the server is ever parsed as HTML.
(function () {
  "use strict";

  var ICONS = { ok: "\u2714", warn: "\u25B2", critical: "\u2716", neutral: "\u2022" };
  var OVERALL = { healthy: "ok", degraded: "warn", unhealthy: "critical" };
  var STALL_MS = 40000;
  var retryMs = 1000;
  var token = takeToken();

  function takeToken() {
    var m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
    if (m) {
      try { sessionStorage.setItem("tradepulse.token", decodeURIComponent(m[1])); } catch (e) { /* private mode */ }
      history.replaceState(null, "", window.location.pathname + window.location.search);
    }
    try { return sessionStorage.getItem("tradepulse.token"); } catch (e) { return null; }
  }

  function headers(accept) {
    var h = { "Accept": accept };
    if (token) { h.Authorization = "Bearer " + token; }
    return h;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function badge(tone, state) {
    var b = el("span", { "class": "badge", "data-tone": tone });
    b.appendChild(el("span", { "aria-hidden": "true" }, ICONS[tone] || ICONS.neutral));
    b.appendChild(el("span", null, state));
    return b;
  }

  function sparkline(series, title) {
    var points = [];
    var values = series.filter(function (v) { return typeof v === "number"; });
    if (values.length < 2) { return null; }
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    var span = max - min || 1;
    series.forEach(function (v, i) {
      if (typeof v !== "number") { return; }
      var x = (i / (series.length - 1)) * 100;
      var y = 28 - ((v - min) / span) * 26;
      points.push(x.toFixed(2) + "," + y.toFixed(2));
    });
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "spark");
    svg.setAttribute("viewBox", "0 0 100 30");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", title + ": " + values.length + " points from " + fmt(values[0]) + " to "
        + fmt(values[values.length - 1]) + ", low " + fmt(min) + ", high " + fmt(max));
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
    return svg;
  }

  function fmt(v) {
    return Math.abs(v) >= 1000 ? v.toFixed(0) : v.toFixed(2);
  }

  function renderCards(section, body) {
    var grid = el("div", { "class": "cards" });
    section.cards.forEach(function (card) {
      var c = el("article", { "class": "card", "data-tone": card.tone, "data-title": card.title });
      var h = el("h3", null, card.title);
      c.appendChild(h);
      c.appendChild(badge(card.tone, card.state));
      var keys = Object.keys(card.fields || {});
      if (keys.length) {
        var dl = el("dl");
        keys.forEach(function (k) {
          dl.appendChild(el("dt", null, k));
          dl.appendChild(el("dd", { "data-field": k }, card.fields[k]));
        });
        c.appendChild(dl);
      }
      if (card.series) {
        var chart = sparkline(card.series, card.title + " equity");
        if (chart) { c.appendChild(chart); }
      }
      grid.appendChild(c);
    });
    body.appendChild(grid);
  }

  function renderTable(section, body) {
    if (!section.rows.length) {
      body.appendChild(el("p", { "class": "note" }, "None."));
      return;
    }
    var wrap = el("div", { "class": "table-wrap" });
    var table = el("table");
    table.appendChild(el("caption", { "class": "visually-hidden" }, section.title));
    var head = el("tr");
    head.appendChild(el("th", { scope: "col" }, "Status"));
    section.columns.forEach(function (c) { head.appendChild(el("th", { scope: "col" }, c)); });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    section.rows.forEach(function (row) {
      var tr = el("tr", { "data-tone": row.tone });
      var first = el("td");
      first.appendChild(badge(row.tone, row.tone === "critical" ? "critical" : row.tone === "warn" ? "warning"
          : row.tone === "ok" ? "ok" : "info"));
      tr.appendChild(first);
      row.cells.forEach(function (cell) { tr.appendChild(el("td", null, cell)); });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    body.appendChild(wrap);
  }

  function render(snapshot) {
    document.getElementById("title").textContent = snapshot.title;
    document.title = snapshot.title + " status: " + snapshot.status;
    var overall = document.getElementById("overall");
    var tone = OVERALL[snapshot.status] || "neutral";
    overall.setAttribute("data-tone", tone);
    overall.querySelector(".icon").textContent = ICONS[tone];
    document.getElementById("overall-state").textContent = snapshot.status;
    var when = new Date(snapshot.timestamp);
    var updated = document.getElementById("updated");
    updated.textContent = when.toLocaleTimeString();
    updated.setAttribute("datetime", snapshot.timestamp);
    document.getElementById("details-note").hidden = snapshot.details;

    var main = document.getElementById("sections");
    var nav = document.getElementById("jump");
    var fragment = document.createDocumentFragment();
    var links = document.createDocumentFragment();
    snapshot.sections.forEach(function (section) {
      var block = el("section", { "class": "block", id: "s-" + section.id, "data-section": section.id,
        "aria-labelledby": "h-" + section.id });
      block.appendChild(el("h2", { id: "h-" + section.id }, section.title));
      if (section.kind === "cards") { renderCards(section, block); }
      else if (section.kind === "table") { renderTable(section, block); }
      else { block.appendChild(el("p", { "class": "note" }, section.text)); }
      fragment.appendChild(block);
      links.appendChild(el("a", { href: "#s-" + section.id }, section.title));
    });
    main.replaceChildren(fragment);
    nav.replaceChildren(links);
  }

  function setConnection(state, text) {
    var c = document.getElementById("connection");
    c.setAttribute("data-state", state);
    c.textContent = text;
    document.body.classList.toggle("disconnected", state === "disconnected");
  }

  function disconnected() {
    var seconds = Math.round(retryMs / 1000);
    setConnection("disconnected", "Disconnected from the bot \u2014 retrying in " + seconds + " s");
    setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 10000);
  }

  function connect() {
    var controller = new AbortController();
    var stall = null;
    function armStall() {
      clearTimeout(stall);
      stall = setTimeout(function () { controller.abort(); }, STALL_MS);
    }
    fetch("/events", { headers: headers("text/event-stream"), cache: "no-store", signal: controller.signal })
      .then(function (response) {
        if (!response.ok || !response.body) { throw new Error("HTTP " + response.status); }
        retryMs = 1000;
        setConnection("live", "Live");
        armStall();
        var reader = response.body.getReader();
        var decoder = new TextDecoder();
        var buffer = "";
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) { throw new Error("stream ended"); }
            armStall();
            buffer += decoder.decode(chunk.value, { stream: true });
            var end;
            while ((end = buffer.indexOf("\n\n")) >= 0) {
              dispatch(buffer.slice(0, end));
              buffer = buffer.slice(end + 2);
            }
            return pump();
          });
        }
        return pump();
      })
      .catch(function () {
        clearTimeout(stall);
        disconnected();
      });
  }

  function dispatch(message) {
    var event = "message", data = [];
    message.split("\n").forEach(function (line) {
      if (line.indexOf("event:") === 0) { event = line.slice(6).trim(); }
      else if (line.indexOf("data:") === 0) { data.push(line.slice(5).replace(/^ /, "")); }
    });
    if (event === "status" && data.length) {
      try { render(JSON.parse(data.join("\n"))); } catch (e) { /* a bad frame: keep the last good view */ }
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    fetch("/status", { headers: headers("application/json"), cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(render)
      .catch(function () { /* the stream below reports the connection state */ });
    connect();
  });
})();
