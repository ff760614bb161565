// Accord dashboard: one page over the /v1 API. No build step, no network beyond this server.
"use strict";

const QUADS = {
  1: { name: "Verbal cooperation", color: "#4caf72" },
  2: { name: "Material cooperation", color: "#2a8f9a" },
  3: { name: "Verbal conflict", color: "#f0a03c" },
  4: { name: "Material conflict", color: "#d2452f" },
};
const state = { stats: null, names: {}, typeQuad: {}, sort: "-date", offset: 0, limit: 25, total: 0, chart: null, cy: null, world: null };
const $ = (sel) => document.querySelector(sel);

function esc(s) {
  return String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

async function api(path, options) {
  const res = await fetch(path, options);
  let body;
  try { body = await res.json(); } catch (e) { body = { ok: false, error: { code: "", message: `The server answered ${res.status}.` } }; }
  if (!res.ok || body.ok === false) {
    const err = body.error || {};
    const detail = Array.isArray(err.detail) ? err.detail.map((d) => d.parameter ? `${d.parameter}: ${d.problem}` : (d.message || JSON.stringify(d))).join("; ")
      : (err.detail ? String(err.detail) : "");
    throw new Error(`${err.message || "Request failed."}${detail ? " " + detail : ""}${err.code ? " [" + err.code + "]" : ""}`);
  }
  return body;
}

function showError(err) {
  const b = $("#banner");
  b.textContent = err.message || String(err);
  b.hidden = false;
}
function clearError() { $("#banner").hidden = true; }

// ---- filters ---------------------------------------------------------------------------------------
function countryCode(value) {
  const v = (value || "").trim();
  if (!v) return "";
  const upper = v.toUpperCase();
  if (state.names[upper]) return upper;
  const byName = Object.entries(state.names).find(([, n]) => n.toLowerCase() === v.toLowerCase());
  return byName ? byName[0] : upper;
}

function filterParams() {
  const p = new URLSearchParams();
  const start = $("#f-start").value, end = $("#f-end").value, q = $("#f-q").value.trim();
  const country = countryCode($("#f-country").value);
  if (start) p.set("start", start);
  if (end) p.set("end", end);
  if (country) p.set("country", country);
  if (q) p.set("q", q);
  document.querySelectorAll("#f-types-list input:checked").forEach((i) => p.append("type", i.value));
  p.set("factual", $("#f-all").checked ? "false" : "true");
  return p;
}

function updateTypesLabel() {
  const checked = [...document.querySelectorAll("#f-types-list input:checked")].map((i) => i.value);
  $("#f-types-label").textContent = checked.length === 0 ? "All event types" : checked.length <= 2 ? checked.join(", ") : `${checked.length} event types`;
}

function buildFilterBar(stats) {
  const list = $("#f-types-list");
  list.innerHTML = "";
  for (const t of stats.types) {
    state.typeQuad[t.event] = t.quad_class;
    const q = QUADS[t.quad_class] || { color: "#999" };
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${esc(t.event)}"><span class="q" style="background:${q.color}"></span>${esc(t.event.toLowerCase())} <span class="count">${t.events}</span>`;
    list.appendChild(label);
  }
  list.addEventListener("change", updateTypesLabel);
  const dl = $("#country-list");
  dl.innerHTML = "";
  for (const c of stats.countries) {
    state.names[c.country] = c.name;
    const o = document.createElement("option");
    o.value = c.country;
    o.label = `${c.name} (${c.events})`;
    dl.appendChild(o);
  }
}

// ---- summary ---------------------------------------------------------------------------------------
function showSummary(stats) {
  const c = stats.counts;
  const span = stats.first_day ? ` from ${stats.first_day} to ${stats.last_day}` : "";
  $("#summary").textContent = `${c.documents.toLocaleString()} documents · ${c.events.toLocaleString()} event mentions · ${c.clusters.toLocaleString()} distinct events${span}`;
}

// ---- dyad series -----------------------------------------------------------------------------------
async function loadSeries() {
  const a = countryCode($("#d-a").value), b = countryCode($("#d-b").value);
  if (!a) return;
  const p = filterParams();
  p.delete("country");
  p.set("a", a);
  if (b) p.set("b", b);
  p.set("by", $("#d-by").value);
  const data = await api(`/v1/series?${p}`);
  const rows = data.series;
  $("#series-empty").hidden = rows.some((r) => r.events > 0);
  const labels = rows.map((r) => (data.by === "month" ? r.period.slice(0, 7) : r.period.slice(0, 10)));
  const datasets = [1, 2, 3, 4].map((q) => ({
    type: "bar", label: QUADS[q].name, data: rows.map((r) => r[`quad${q}`]), backgroundColor: QUADS[q].color, stack: "events", yAxisID: "y",
  }));
  datasets.push({
    type: "line", label: "Average Goldstein", data: rows.map((r) => r.goldstein_mean), borderColor: "#16324f", backgroundColor: "#16324f",
    yAxisID: "g", spanGaps: true, tension: 0.25, pointRadius: 4, order: 0,
    // Dashed across periods without events, so the line does not suggest data that is not there.
    segment: { borderDash: (ctx) => (ctx.p0.skip || ctx.p1.skip ? [5, 5] : undefined) },
  });
  datasets.forEach((d) => { if (d.type === "bar") d.order = 1; });
  const title = `${state.names[a] || a} ↔ ${b ? state.names[b] || b : "everyone"}`;
  if (state.chart) state.chart.destroy();
  state.chart = new Chart($("#series-chart"), {
    data: { labels, datasets },
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, interaction: { mode: "index", intersect: false },
      plugins: { title: { display: true, text: title, font: { size: 14 } }, legend: { position: "bottom" } },
      scales: {
        x: { stacked: true },
        y: { stacked: true, beginAtZero: true, title: { display: true, text: "events" }, ticks: { precision: 0 } },
        g: { position: "right", min: -10, max: 10, grid: { drawOnChartArea: false }, title: { display: true, text: "Goldstein" } },
      },
    },
  });
}

// ---- map -------------------------------------------------------------------------------------------
async function loadWorld() {
  if (!state.world) {
    const topo = await (await fetch("/static/vendor/countries-110m.json")).json();
    state.world = topojson.feature(topo, topo.objects.countries);
  }
  return state.world;
}

async function loadMap() {
  const [world, data] = await Promise.all([loadWorld(), api(`/v1/places?${filterParams()}`)]);
  const box = $("#map");
  const width = box.clientWidth || 600, height = box.clientHeight || 300;
  // Fit the inhabited world (Antarctica, ISO 010, left out) to the box.
  const inhabited = { type: "FeatureCollection", features: world.features.filter((f) => f.id !== "010") };
  const projection = d3.geoNaturalEarth1().fitExtent([[4, 4], [width - 4, height - 4]], inhabited);
  const path = d3.geoPath(projection);
  const byNumeric = {};
  let max = 1;
  for (const c of data.countries) {
    if (c.numeric) byNumeric[c.numeric] = c;
    max = Math.max(max, c.events);
  }
  const shade = (n) => {
    const t = Math.sqrt(n / max);
    const mix = (a, b) => Math.round(a + (b - a) * t);
    return `rgb(${mix(231, 31)},${mix(238, 95)},${mix(246, 168)})`;
  };
  const parts = [`<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="World map of event locations">`,
    `<rect width="${width}" height="${height}" fill="#f7fafd"/>`];
  for (const f of inhabited.features) {
    const hit = byNumeric[f.id];
    const fill = hit ? shade(hit.events) : "#eef0f2";
    const name = (hit && hit.name) || (f.properties && f.properties.name) || "";
    parts.push(`<path class="country" data-iso3="${hit ? esc(hit.country) : ""}" d="${path(f)}" fill="${fill}"><title>${esc(name)}${hit ? `: ${hit.events} events` : ""}</title></path>`);
  }
  const maxPlace = Math.max(1, ...data.places.map((p) => p.events));
  for (const p of data.places) {
    const xy = projection([p.lon, p.lat]);
    if (!xy) continue;
    const r = 2.5 + 9 * Math.sqrt(p.events / maxPlace);
    parts.push(`<circle cx="${xy[0].toFixed(1)}" cy="${xy[1].toFixed(1)}" r="${r.toFixed(1)}"><title>${esc(p.name)} (${esc(p.country)}): ${p.events} events</title></circle>`);
  }
  parts.push("</svg>");
  box.innerHTML = parts.join("");
  box.querySelectorAll("path.country").forEach((el) => el.addEventListener("click", () => {
    if (!el.dataset.iso3) return;
    $("#f-country").value = el.dataset.iso3;
    applyFilters();
  }));
  $("#map-legend").innerHTML = `<span>fewer</span><span class="ramp"></span><span>more events in the country</span> · <span>circles: places named in the reports</span>`;
}

// ---- network ---------------------------------------------------------------------------------------
function goldsteinColor(g) {
  if (g === null || g === undefined) return "#9aa5b1";
  if (g >= 1) return "#3f9d62";
  if (g <= -1) return "#cc4b37";
  return "#9aa5b1";
}

async function loadNetwork() {
  const data = await api(`/v1/network?${filterParams()}`);
  const edges = data.edges.slice(0, 80);
  const keep = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes = data.nodes.filter((n) => keep.has(n.id)).slice(0, 60);
  const ids = new Set(nodes.map((n) => n.id));
  const maxN = Math.max(1, ...nodes.map((n) => n.events)), maxW = Math.max(1, ...edges.map((e) => e.weight));
  const elements = [
    ...nodes.map((n) => ({ data: { id: n.id, label: n.id, name: n.name, size: 24 + 24 * Math.sqrt(n.events / maxN) } })),
    ...edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({
      data: { id: `${e.source}>${e.target}`, source: e.source, target: e.target, width: 1 + 6 * (e.weight / maxW), color: goldsteinColor(e.goldstein_mean) },
    })),
  ];
  if (state.cy) state.cy.destroy();
  state.cy = cytoscape({
    container: $("#network"), elements, wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { label: "data(label)", width: "data(size)", height: "data(size)", "background-color": "#1f5fa8", color: "#fff", "font-size": 11, "text-valign": "center", "text-halign": "center", "font-weight": 600 } },
      { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)", "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.75 } },
    ],
    layout: { name: elements.length ? "cose" : "grid", animate: false, randomize: false, nodeRepulsion: 9000, idealEdgeLength: 90, padding: 12 },
  });
  state.cy.on("tap", "node", (ev) => { $("#f-country").value = ev.target.id(); applyFilters(); });
}

// ---- events table ----------------------------------------------------------------------------------
function parties(list) {
  const label = (a) => (a.country && state.names[a.country] && state.names[a.country] !== a.country ? state.names[a.country] : a.name || a.code);
  return (list || []).map((a) => `<span title="${esc(a.name)} (${esc(a.code)})">${esc(label(a))}${a.sector ? ` <span class="count">${esc(a.sector)}</span>` : ""}</span>`).join(", ") || "<span class=count>—</span>";
}

function eventPill(e) {
  const flags = [e.negated && "denied", e.hypothetical && "hypothetical", e.intent && "intended"].filter(Boolean);
  return `<span class="pill q${e.quad_class}">${esc(e.event.toLowerCase())}${e.mode ? " · " + esc(e.mode) : ""}</span>${flags.map((f) => `<span class="flag">${f}</span>`).join("")}`;
}

function confidenceBar(c) {
  const pct = Math.round((c || 0) * 100);
  return `<span class="conf"><span style="width:${pct}%"></span></span>${pct}%`;
}

async function loadEvents() {
  const p = filterParams();
  p.set("limit", state.limit);
  p.set("offset", state.offset);
  p.set("sort", state.sort);
  const data = await api(`/v1/events?${p}`);
  state.total = data.total;
  $("#events-total").textContent = `${data.total.toLocaleString()} found`;
  const tbody = $("#events tbody");
  tbody.innerHTML = data.events.map((e) => `
    <tr data-id="${esc(e.id)}">
      <td>${esc(e.date || "")}</td><td>${parties(e.actor)}</td><td>${eventPill(e)}</td><td>${parties(e.recipient)}</td>
      <td>${esc(e.event_loc ? e.event_loc.name : "")}</td>
      <td class="sentence">${esc(e.text.length > 160 ? e.text.slice(0, 157) + "…" : e.text)}</td>
      <td>${confidenceBar(e.confidence)}</td>
    </tr>`).join("") || `<tr><td colspan="7" class="empty">No events match these filters.</td></tr>`;
  tbody.querySelectorAll("tr[data-id]").forEach((tr) => tr.addEventListener("click", () => openEvidence(tr.dataset.id)));
  const last = Math.min(data.offset + data.limit, data.total);
  $("#page-info").textContent = data.total ? `${data.offset + 1}–${last} of ${data.total}` : "";
  $("#prev").disabled = data.offset === 0;
  $("#next").disabled = last >= data.total;
  document.querySelectorAll("#events th.sortable").forEach((th) => {
    const key = state.sort.replace(/^-/, "");
    th.classList.toggle("sorted", th.dataset.sort === key);
    th.classList.toggle("desc", th.dataset.sort === key && state.sort.startsWith("-"));
  });
}

// ---- evidence --------------------------------------------------------------------------------------
// The sentence with actor, trigger and recipient marked, from the record's document offsets.
function highlighted(e) {
  const spans = [];
  for (const a of e.actor || []) spans.push([a.start, a.end, "actor", `actor: ${a.name} (${a.code})`]);
  for (const a of e.recipient || []) spans.push([a.start, a.end, "recipient", `recipient: ${a.name} (${a.code})`]);
  if (e.trigger_start !== null && e.trigger_end !== null) spans.push([e.trigger_start, e.trigger_end, "trigger", `trigger of ${e.event}`]);
  const text = e.text || "", off = e.start || 0;
  const inside = spans.map(([s, t, k, title]) => [s - off, t - off, k, title]).filter(([s, t]) => s >= 0 && t <= text.length && s < t).sort((x, y) => x[0] - y[0] || y[1] - x[1]);
  let out = "", pos = 0;
  for (const [s, t, k, title] of inside) {
    if (s < pos) continue;
    out += esc(text.slice(pos, s)) + `<mark class="${k}" title="${esc(title)}">${esc(text.slice(s, t))}</mark>`;
    pos = t;
  }
  return out + esc(text.slice(pos));
}

const KEYS = `<div class="keys"><span><mark class="actor">who</mark> actor</span><span><mark class="trigger">did</mark> trigger</span><span><mark class="recipient">whom</mark> recipient</span></div>`;

function eventFacts(e, evidence) {
  const rule = evidence ? evidence.rule : { id: e.rule };
  const cl = evidence && evidence.cluster;
  const doc = evidence && evidence.document;
  const rows = [
    ["Event", `${eventPill(e)} <span class="count">CAMEO ${esc(e.cameo)} · ${esc((QUADS[e.quad_class] || {}).name || "")} · Goldstein ${e.goldstein ?? "—"}</span>`],
    ["Date", `${esc(e.date || "unknown")}${e.date_precision ? ` <span class="count">(${esc(e.date_precision)})</span>` : ""}`],
    ["Who", parties(e.actor)], ["To whom", parties(e.recipient)],
    ["Where", esc(e.event_loc ? `${e.event_loc.name}${e.event_loc.country ? " (" + e.event_loc.country + ")" : ""}` : "—")],
    ["Rule", `<code>${esc(rule.id || "")}</code>${rule.entry ? ` <span class="count">lexicon line ${rule.lexicon_line}: ${esc(rule.entry.heads.join(", "))}</span>` : ""}`],
    ["Confidence", confidenceBar(e.confidence)],
  ];
  if (e.speaker) rows.push(["Said by", esc(e.speaker.name)]);
  if (cl) rows.push(["Reports of it", `${cl.num_mentions} mention(s) in ${cl.num_documents} document(s) from ${cl.num_sources} source(s)`]);
  if (doc) rows.push(["Document", `<button class="link" data-doc="${esc(doc.id)}" id="ev-doc">${esc(doc.title || doc.id)}</button> <span class="count">${esc(doc.date || "")}</span>${doc.url ? ` · <a href="${esc(doc.url)}" target="_blank" rel="noopener">source</a>` : ""}`]);
  return `<dl class="facts">${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

async function openEvidence(id) {
  try {
    const data = await api(`/v1/events/${encodeURIComponent(id)}`);
    const e = data.event;
    $("#ev-body").innerHTML = `${KEYS}<p class="sentence-big" id="ev-sentence">${highlighted(e)}</p>${eventFacts(e, data.evidence)}`;
    const link = $("#ev-doc");
    if (link) link.addEventListener("click", () => { $("#evidence").close(); openDocument(link.dataset.doc); });
    $("#evidence").showModal();
  } catch (err) { showError(err); }
}

// ---- document view ---------------------------------------------------------------------------------
async function openDocument(id) {
  try {
    const data = await api(`/v1/documents/${encodeURIComponent(id)}`);
    const d = data.document;
    const text = d.text;
    // Mark each event's sentence in the text; a click opens its evidence.
    const spans = data.events.map((e) => [e.start, e.end, e.id]).sort((a, b) => a[0] - b[0]);
    let html = "", pos = 0;
    for (const [s, t, eid] of spans) {
      if (s < pos) continue;
      html += esc(text.slice(pos, s)) + `<mark class="event-sentence" data-id="${esc(eid)}">${esc(text.slice(s, t))}</mark>`;
      pos = t;
    }
    html += esc(text.slice(pos));
    const quotes = data.quotes.map((q) => `<li>“${esc(q.text)}” <span class="count">— ${esc(q.speaker ? q.speaker.name : q.speaker_text || "unknown")}</span></li>`).join("");
    const events = data.events.map((e) => `<li><button class="link" data-id="${esc(e.id)}">${esc(e.event.toLowerCase())}</button> ${parties(e.actor)} → ${parties(e.recipient)} <span class="count">${esc(e.date || "")}</span></li>`).join("");
    $("#doc-title").textContent = d.title || d.id;
    $("#doc-body").innerHTML = `
      <dl class="facts"><dt>Published</dt><dd>${esc(d.date || "unknown")}</dd><dt>Author</dt><dd>${esc(d.author || "—")}</dd>
      <dt>Source</dt><dd>${d.url ? `<a href="${esc(d.url)}" target="_blank" rel="noopener">${esc(d.url)}</a>` : esc(d.source || "")}</dd>
      <dt>Coded</dt><dd>${data.events.length} event(s), ${data.quotes.length} quote(s)</dd></dl>
      <h3>Text <span class="count">(highlighted sentences hold events)</span></h3><div class="doc-text" id="doc-text">${html}</div>
      <h3>Events</h3><ul id="doc-events">${events || "<li class=empty>none</li>"}</ul>
      ${quotes ? `<h3>Quotes</h3><ul>${quotes}</ul>` : ""}`;
    $("#doc-body").querySelectorAll("[data-id]").forEach((el) => el.addEventListener("click", () => { $("#document").close(); openEvidence(el.dataset.id); }));
    $("#document").showModal();
  } catch (err) { showError(err); }
}

// ---- coding box ------------------------------------------------------------------------------------
let droppedFile = null;

async function codeIt() {
  const status = $("#code-status"), out = $("#code-result");
  const store = $("#code-store").checked;
  const file = droppedFile || $("#code-file").files[0];
  const text = $("#code-text").value;
  if (!file && !text.trim()) { status.textContent = "Paste some text or choose a file first."; return; }
  status.textContent = "Coding… (the first request loads the language model)";
  $("#code-go").disabled = true;
  try {
    let options;
    if (file) {
      const form = new FormData();
      form.append("file", file, file.name);
      options = { method: "POST", body: form };
    } else {
      const payload = { text };
      if ($("#code-date").value) payload.date = $("#code-date").value;
      options = { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) };
    }
    const data = await api(`/v1/code?store=${store}`, options);
    const events = data.documents.flatMap((d) => d.events);
    status.textContent = `${events.length} event(s) in ${data.documents.length} document(s)` + (data.stored ? " — saved to the store" : "");
    out.innerHTML = `${events.length ? KEYS : ""}` + (events.map((e) => `
      <div class="result-event" data-testid="coded-event">
        <div>${eventPill(e)} <span class="meta">${parties(e.actor)} → ${parties(e.recipient)} · ${esc(e.date || "no date")} · rule <code>${esc(e.rule)}</code> · ${confidenceBar(e.confidence)}</span></div>
        <div class="sentence-big">${highlighted(e)}</div>
      </div>`).join("") || `<p class="empty">No political events were found in this text.</p>`)
      + data.problems.map((p) => `<p class="banner">${esc(p.source)}: ${esc(p.message)}</p>`).join("");
    if (data.stored) refreshAll();
  } catch (err) {
    status.textContent = "";
    showError(err);
  } finally {
    $("#code-go").disabled = false;
    droppedFile = null;
  }
}

function setupDrop() {
  const zone = $("#drop");
  zone.addEventListener("dragover", (ev) => { ev.preventDefault(); zone.classList.add("over"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (ev) => {
    ev.preventDefault();
    zone.classList.remove("over");
    if (ev.dataTransfer.files.length) {
      droppedFile = ev.dataTransfer.files[0];
      $("#code-status").textContent = `File: ${droppedFile.name} — press “Code it”.`;
    }
  });
  $("#code-file").addEventListener("change", () => { droppedFile = null; });
  $("#code-go").addEventListener("click", codeIt);
}

// ---- wiring ----------------------------------------------------------------------------------------
async function refreshAll() {
  clearError();
  const jobs = [loadEvents(), loadSeries(), loadMap(), loadNetwork()];
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
  document.body.dataset.ready = "true";
}

function applyFilters() {
  state.offset = 0;
  const c = countryCode($("#f-country").value);
  if (c) $("#d-a").value = c;
  refreshAll();
}

async function start() {
  try {
    const stats = await api("/v1/stats");
    state.stats = stats;
    showSummary(stats);
    buildFilterBar(stats);
    const top = stats.top_dyad;
    const hasRusChn = stats.countries.some((c) => c.country === "RUS") && stats.countries.some((c) => c.country === "CHN");
    $("#d-a").value = hasRusChn ? "RUS" : (top ? top.actor : "");
    $("#d-b").value = hasRusChn ? "CHN" : (top ? top.recipient : "");
  } catch (err) { showError(err); }
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); applyFilters(); });
  $("#f-reset").addEventListener("click", () => {
    $("#filters").reset();
    document.querySelectorAll("#f-types-list input").forEach((i) => { i.checked = false; });
    updateTypesLabel();
    applyFilters();
  });
  $("#dyad").addEventListener("submit", (ev) => { ev.preventDefault(); loadSeries().catch(showError); });
  $("#prev").addEventListener("click", () => { state.offset = Math.max(0, state.offset - state.limit); loadEvents().catch(showError); });
  $("#next").addEventListener("click", () => { state.offset += state.limit; loadEvents().catch(showError); });
  document.querySelectorAll("#events th.sortable").forEach((th) => th.addEventListener("click", () => {
    const key = th.dataset.sort;
    state.sort = state.sort === key ? `-${key}` : key;
    state.offset = 0;
    loadEvents().catch(showError);
  }));
  setupDrop();
  await refreshAll();
}

start();
