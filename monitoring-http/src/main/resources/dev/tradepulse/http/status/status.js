// TradePulse status page. Renders /status and follows /events (Server-Sent Events read with
// fetch, so the bearer token can travel in a header). Every value is set with textContent:
// nothing from the server is ever parsed as HTML.
(function () {
  "use strict";

  var ICONS = { ok: "\u2714", warn: "\u25B2", critical: "\u2716", neutral: "\u2022" };
  var OVERALL = { healthy: "ok", degraded: "warn", unhealthy: "critical" };
  var WORDS = { critical: "critical", warn: "warning", ok: "ok", neutral: "info" };
  var TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;
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

  // Text with a break opportunity after ':', '/', '_', '@' and a '.' that ends a word (not a
  // decimal point), so long identifiers such as "risk.daily-loss.halt:mean-reversion" wrap
  // between their parts, never inside a word or a number.
  function breakable(node, text) {
    var parts = String(text).split(/([:\/_@]|\.(?!\d))/);
    for (var i = 0; i < parts.length; i++) {
      if (!parts[i]) { continue; }
      node.appendChild(document.createTextNode(parts[i]));
      if (i % 2 === 1 && i < parts.length - 1) { node.appendChild(document.createElement("wbr")); }
    }
    return node;
  }

  function badge(tone, state) {
    var b = el("span", { "class": "badge", "data-tone": tone });
    b.appendChild(el("span", { "aria-hidden": "true" }, ICONS[tone] || ICONS.neutral));
    b.appendChild(el("span", null, state));
    return b;
  }

  // The equity curve: a line between dashed guides at its high and low, labelled with the
  // high, the low and the last value, so the chart reads without hovering.
  function sparkline(series, title) {
    var points = [];
    var values = series.filter(function (v) { return typeof v === "number"; });
    if (values.length < 2) { return null; }
    var min = Math.min.apply(null, values), max = Math.max.apply(null, values);
    var last = values[values.length - 1];
    var span = max - min || 1;
    series.forEach(function (v, i) {
      if (typeof v !== "number") { return; }
      var x = (i / (series.length - 1)) * 100;
      var y = 28 - ((v - min) / span) * 26;
      points.push(x.toFixed(2) + "," + y.toFixed(2));
    });
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "spark-line");
    svg.setAttribute("viewBox", "0 0 100 30");
    svg.setAttribute("preserveAspectRatio", "none");
    svg.setAttribute("aria-hidden", "true");
    [2, 28].forEach(function (y) {
      var guide = document.createElementNS(ns, "line");
      guide.setAttribute("class", "guide");
      guide.setAttribute("x1", "0"); guide.setAttribute("x2", "100");
      guide.setAttribute("y1", String(y)); guide.setAttribute("y2", String(y));
      svg.appendChild(guide);
    });
    var line = document.createElementNS(ns, "polyline");
    line.setAttribute("points", points.join(" "));
    svg.appendChild(line);
    var figure = el("figure", { "class": "spark", role: "img", "aria-label": title + ": " + values.length
        + " points from " + fmt(values[0]) + " to " + fmt(last) + ", low " + fmt(min) + ", high " + fmt(max) });
    var axis = el("div", { "class": "spark-axis", "aria-hidden": "true" });
    axis.appendChild(el("span", { "data-spark": "max", title: "high" }, fmt(max)));
    axis.appendChild(el("span", { "data-spark": "min", title: "low" }, fmt(min)));
    figure.appendChild(axis);
    figure.appendChild(svg);
    var caption = el("figcaption", { "aria-hidden": "true" });
    caption.appendChild(el("span", { "class": "spark-key" }, "last"));
    caption.appendChild(el("span", { "data-spark": "last" }, fmt(last)));
    caption.appendChild(el("span", { "class": "spark-key" }, "\u00B7 " + values.length + " points"));
    figure.appendChild(caption);
    return figure;
  }

  function fmt(v) {
    return v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function renderCards(section, body) {
    // Cards with a chart or many fields (strategies) get room for their values on one line.
    var wide = section.cards.some(function (card) {
      return card.series || Object.keys(card.fields || {}).length > 4;
    });
    var grid = el("div", { "class": wide ? "cards wide" : "cards" });
    section.cards.forEach(function (card) {
      var c = el("article", { "class": "card", "data-tone": card.tone, "data-title": card.title });
      c.appendChild(breakable(el("h3"), card.title));
      c.appendChild(badge(card.tone, card.state));
      var keys = Object.keys(card.fields || {});
      if (keys.length) {
        var dl = el("dl");
        keys.forEach(function (k) {
          dl.appendChild(el("dt", null, k));
          dl.appendChild(breakable(el("dd", { "data-field": k }), card.fields[k]));
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
      first.setAttribute("data-label", "Status");
      first.appendChild(badge(row.tone, WORDS[row.tone] || WORDS.neutral));
      tr.appendChild(first);
      // On a phone the rows become stacked blocks; each cell then shows its column's name.
      row.cells.forEach(function (cell, i) {
        var td = el("td", { "data-label": section.columns[i] || "" });
        var time = TIME.test(cell);
        // a timestamp stays on one line; other cells may wrap between the parts of an identifier
        td.appendChild(time ? el("span", null, cell) : breakable(el("span"), cell));
        if (!cell) { td.classList.add("empty"); }
        if (time) { td.classList.add("time"); }
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    wrap.appendChild(table);
    body.appendChild(wrap);
  }

  function render(snapshot) {
    document.getElementById("title").textContent = snapshot.title;
    // The headline: health and every section that shows current state (a halted strategy, a
    // critical alert), computed by the server; older servers send only the health status.
    var headline = snapshot.overall || { state: snapshot.status, tone: OVERALL[snapshot.status], reasons: [] };
    var tone = ICONS[headline.tone] ? headline.tone : "neutral";
    document.title = snapshot.title + " status: " + headline.state;
    var overall = document.getElementById("overall");
    overall.setAttribute("data-tone", tone);
    overall.querySelector(".icon").textContent = ICONS[tone];
    document.getElementById("overall-state").textContent = headline.state;
    var reasons = document.getElementById("reasons");
    reasons.replaceChildren.apply(reasons, (headline.reasons || []).map(function (r) { return el("li", null, r); }));
    reasons.hidden = !reasons.children.length;
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
