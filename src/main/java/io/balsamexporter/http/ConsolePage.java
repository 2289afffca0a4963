package io.balsamexporter.http;

/**
 * The console at {@code /}: a card per site, the seed's picture (utilization over the nodes held)
 * with throughput beside it, recent failures, and the batch jobs, all from {@code
 * /api/v1/overview}, refreshed in place every few seconds. Everything is inline (no external
 * script, style or font: a login node often has no internet), every address is relative (so it
 * works behind a path prefix, TLS and basic auth, which the browser resends), and text from Balsam
 * reaches the page only as text nodes, never as markup.
 */
final class ConsolePage {
  static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>balsam-exporter</title>
      <meta name="viewport" content="width=device-width">
      <style>
        body { font-family: sans-serif; margin: 1em 1.5em; color: #222; }
        h1 { font-size: 1.4em; margin: 0 0 .3em; }
        h2 { font-size: 1.1em; margin: 1em 0 .4em; }
        nav a { margin-right: 1em; }
        #status { padding: .4em .7em; border-radius: 4px; background: #eef4ee; }
        #status.syncing { background: #fff6d8; }
        #status.down { background: #fde2e2; }
        #failures { padding: .4em .7em; border-radius: 4px; background: #fde2e2; margin-top: .5em; }
        #cards { display: flex; flex-wrap: wrap; gap: .8em; margin-top: .8em; }
        .card { border: 1px solid #ccc; border-radius: 6px; padding: .5em .8em; min-width: 15em; }
        .card h3 { margin: 0 0 .3em; font-size: 1em; }
        .light { display: inline-block; width: .8em; height: .8em; border-radius: 50%;
                 margin-right: .4em; vertical-align: middle; }
        .light.fresh { background: #2a2; } .light.late { background: #e90; }
        .light.stale { background: #c22; } .light.unknown { background: #999; }
        .card dl { display: grid; grid-template-columns: auto auto; gap: .1em 1em; margin: 0; }
        .card dd { margin: 0; text-align: right; font-variant-numeric: tabular-nums; }
        #pictures { display: flex; flex-wrap: wrap; gap: 1em; align-items: flex-start; }
        svg { border: 1px solid #ddd; background: #fff; }
        .legend { font-size: .85em; color: #444; max-width: 900px; }
        .swatch { display: inline-block; width: 1.6em; vertical-align: middle; margin-right: .3em; }
        table { border-collapse: collapse; font-size: .85em; margin-bottom: .8em; }
        td, th { border: 1px solid #ddd; padding: .1em .5em; text-align: left; }
        td.observed { font-style: italic; }
        #ranges a.current { font-weight: bold; text-decoration: none; color: #222; }
      </style></head>
      <body>
      <h1>balsam-exporter</h1>
      <nav><a href="reports">Reports</a><a href="failures">Failures</a>
      <a href="api/v1/events">Events API</a><a href="metrics">Metrics</a>
      <a href="runbook">Runbook</a><a href="-/ready">Ready?</a><a href="-/healthy">Healthy?</a></nav>
      <p id="status">loading…</p>
      <div id="failures" hidden></div>
      <div id="cards"></div>
      <h2>Utilization and nodes held, <span id="range-name">last hour</span></h2>
      <p id="ranges">Show: <a href="?range=hour" data-range="hour">hour</a>
      <a href="?range=day" data-range="day">day</a> <a href="?range=week" data-range="week">week</a>
      <a href="?range=campaign" data-range="campaign">whole campaign</a></p>
      <div id="pictures">
        <div><svg id="picture" width="900" height="300" role="img" aria-label="utilization"></svg>
        <p class="legend"><span class="swatch" style="border-top: 6px solid #999"></span>nodes
        held by running batch jobs (live: batch jobs Balsam has not timed yet are drawn from the
        polls that saw them start and end, those still running up to now)<br>
        <span class="swatch" style="border-top: 1.5px solid #1f5fbf"></span>nodes in use by
        running jobs (<code>num_nodes/node_packing_count</code>)</p>
        <p id="picture-status" class="legend">not drawn</p></div>
        <div><svg id="throughput" width="420" height="300" role="img" aria-label="throughput"></svg>
        <p class="legend"><span class="swatch" style="border-top: 1.5px solid #1f5fbf"></span>jobs
        finished in the window (cumulative): <b id="finished-in-range">-</b></p></div>
      </div>
      <h2>Batch jobs</h2>
      <div id="batch-jobs"></div>
      <p class="legend">Updated <span id="updated">never</span> (<span id="refreshes">0</span>
      refreshes); italic times are the exporter's observations, to within a poll.</p>
      <script>
      "use strict";
      const params = new URLSearchParams(location.search);
      const range = params.get("range") || "hour";
      const RANGE_NAMES = {hour: "last hour", day: "last day", week: "last week",
                           campaign: "whole campaign"};
      let refreshes = 0;
      // Throughput stays beside the picture down to a 1,000-pixel window: the picture narrows.
      {
        const picture = document.getElementById("picture");
        const width = Math.max(360, Math.min(900, document.documentElement.clientWidth - 500));
        picture.setAttribute("width", width);
        picture.parentElement.style.maxWidth = (width + 2) + "px";
      }
      document.getElementById("range-name").textContent = RANGE_NAMES[range] || range;
      for (const a of document.querySelectorAll("#ranges a")) {
        if (a.dataset.range === range) a.className = "current";
      }
      function el(tag, attrs, ...children) {
        const e = document.createElement(tag);
        for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
        for (const c of children) e.append(c === null || c === undefined ? "" : String(c));
        return e;
      }
      function svgEl(tag, attrs) {
        const e = document.createElementNS("http://www.w3.org/2000/svg", tag);
        for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
        return e;
      }
      function age(seconds) {
        if (seconds === null) return "never";
        if (seconds < 120) return seconds + " s";
        if (seconds < 7200) return Math.round(seconds / 60) + " min";
        return Math.round(seconds / 3600) + " h";
      }
      function showStatus(s) {
        const p = document.getElementById("status");
        if (s.unreachable_since) {
          p.className = "down";
          p.textContent = "Balsam is unreachable since " + s.unreachable_since +
            (s.problem ? " (" + s.problem + ")" : "") + "; showing the last poll's data.";
        } else if (!s.synced) {
          p.className = "syncing";
          p.textContent = "First sync running: " + s.events_read + " events read" +
            (s.reached ? ", reached " + s.reached : "") + ". The console fills once it ends.";
        } else {
          p.className = "";
          p.textContent = "Synced; " + s.events_read + " events counted; last poll " +
            s.now_last_poll + ".";
        }
      }
      function card(site) {
        const light = site.heartbeat_age_seconds === null ? "unknown"
          : site.heartbeat_age_seconds < 120 ? "fresh"
          : site.heartbeat_age_seconds < 600 ? "late" : "stale";
        const c = el("div", {class: "card", "data-site": site.site});
        const h = el("h3", {});
        h.append(el("span", {class: "light " + light, title: "heartbeat " + light}), site.site);
        c.append(h);
        const dl = el("dl", {});
        const rows = [["running", "running"], ["runnable", "runnable"],
          ["finished_last_hour", "finished, last hour"], ["failed_last_hour", "failed, last hour"],
          ["nodes_held", "nodes held"], ["nodes_in_use", "nodes in use"]];
        for (const [field, label] of rows) {
          dl.append(el("dt", {}, label),
            el("dd", {"data-site": site.site, "data-field": field},
               Math.round(site[field] * 100) / 100));
        }
        dl.append(el("dt", {}, "heartbeat"),
          el("dd", {"data-site": site.site, "data-field": "heartbeat"},
             age(site.heartbeat_age_seconds) + " ago"));
        c.append(dl);
        return c;
      }
      function stepPath(points, x, y) {
        let d = "";
        for (let i = 0; i < points.length; i++) {
          const px = x(points[i][0]).toFixed(1), py = y(points[i][1]).toFixed(1);
          d += i === 0 ? "M" + px + " " + py : "H" + px + "V" + py;
        }
        return d;
      }
      function draw(svg, lines, from, to) {
        while (svg.firstChild) svg.removeChild(svg.firstChild);
        const w = +svg.getAttribute("width"), h = +svg.getAttribute("height");
        const left = 44, bottom = 22, top = 8, right = 8;
        let max = 1;
        for (const l of lines) for (const p of l.points) max = Math.max(max, p[1]);
        const x = t => left + (t - from) / Math.max(1e-9, to - from) * (w - left - right);
        const y = v => h - bottom - v / max * (h - bottom - top);
        for (let k = 0; k <= 4; k++) {
          const v = max * k / 4;
          svg.append(svgEl("line", {x1: left, x2: w - right, y1: y(v), y2: y(v), stroke: "#eee"}));
          const label = svgEl("text", {x: left - 4, y: y(v) + 4, "text-anchor": "end",
            "font-size": 10, fill: "#555"});
          label.textContent = Math.round(v * 10) / 10;
          svg.append(label);
        }
        for (const [frac, anchor] of [[0, "start"], [1, "end"]]) {
          const t = from + frac * (to - from);
          const label = svgEl("text", {x: x(t), y: h - 6, "text-anchor": anchor,
            "font-size": 10, fill: "#555"});
          label.textContent = new Date(t * 1000).toISOString().slice(0, 16).replace("T", " ");
          svg.append(label);
        }
        for (const l of lines) {
          svg.append(svgEl("path", {id: l.id, d: stepPath(l.points, x, y), fill: "none",
            stroke: l.color, "stroke-width": l.width, "data-points": l.points.length}));
        }
      }
      function showPicture(p) {
        const from = Date.parse(p.from) / 1000, to = Date.parse(p.to) / 1000;
        draw(document.getElementById("picture"), [
          {id: "available-line", points: p.available_nodes, color: "#999", width: 6},
          {id: "utilization-line", points: p.utilization, color: "#1f5fbf", width: 1.5}],
          from, to);
        const t = p.throughput, base = t.length ? t[0][1] : 0;
        const finished = t.map(q => [q[0], q[1] - base]);
        draw(document.getElementById("throughput"), [
          {id: "throughput-line", points: finished, color: "#1f5fbf", width: 1.5}], from, to);
        document.getElementById("finished-in-range").textContent =
          finished.length ? finished[finished.length - 1][1] : 0;
        const held = p.available_nodes[p.available_nodes.length - 1];
        document.getElementById("picture-status").textContent =
          "drawn " + p.available_nodes.length + "+" + p.utilization.length +
          " points; nodes held now " + (held ? held[1] : 0);
      }
      function showBatchJobs(all) {
        const box = document.getElementById("batch-jobs");
        box.replaceChildren();
        const cols = ["id", "scheduler_id", "state", "queue", "project", "num_nodes",
                      "wall_time_min", "start", "end"];
        for (const [site, jobs] of Object.entries(all)) {
          box.append(el("h3", {}, site + " (" + jobs.rows.length + " of " + jobs.total + ")"));
          const table = el("table", {"data-site": site});
          const head = el("tr", {});
          for (const c of cols) head.append(el("th", {}, c));
          table.append(head);
          for (const r of jobs.rows) {
            const tr = el("tr", {"data-batch-job": r.id});
            for (const c of cols) {
              const cell = el("td", {}, r[c] === null ? "" : r[c]);
              if ((c === "start" || c === "end") && r.times === "observed") {
                cell.className = "observed";
                cell.title = "observed by the exporter";
              }
              tr.append(cell);
            }
            table.append(tr);
          }
          box.append(table);
        }
      }
      // The hour before the exporter's "now", not the browser's: their clocks may differ.
      async function showFailures(now) {
        const box = document.getElementById("failures");
        try {
          const since = new Date(Date.parse(now) - 3600e3).toISOString();
          const r = await fetch("api/v1/failures?since=" + encodeURIComponent(since));
          if (!r.ok) { box.hidden = true; return; }
          const f = await r.json();
          if (!f.groups || !f.groups.length) { box.hidden = true; return; }
          // RUN_ERROR and FAILED events both, where a card counts jobs that reached FAILED.
          box.replaceChildren(el("b", {}, f.total + " run errors and failures in the last hour: "));
          for (const g of f.groups.slice(0, 3)) {
            box.append(el("span", {}, " " + g.count + "× " + (g.app || "?") + " (" +
              (g.cause || g.signature || "") + ");"));
          }
          const a = el("a", {href: "failures"}, " see all");
          box.append(a);
          box.hidden = false;
        } catch (e) {
          box.hidden = true;
        }
      }
      async function load() {
        try {
          const width = document.getElementById("picture").getAttribute("width");
          const r = await fetch("api/v1/overview?range=" + encodeURIComponent(range) +
                                "&width=" + width);
          if (!r.ok) {
            document.getElementById("status").textContent = "The exporter answered " + r.status +
              ": " + await r.text();
            return;
          }
          const o = await r.json();
          o.status.now_last_poll = o.last_poll || "none";
          showStatus(o.status);
          document.getElementById("cards").replaceChildren(...o.sites.map(card));
          if (o.picture) showPicture(o.picture);
          if (o.batch_jobs) showBatchJobs(o.batch_jobs);
          refreshes++;
          document.getElementById("refreshes").textContent = refreshes;
          document.getElementById("updated").textContent = o.status.now;
          await showFailures(o.status.now);
        } catch (e) {
          const p = document.getElementById("status");
          p.className = "down";
          p.textContent = "The exporter does not answer (" + e + ").";
        }
      }
      load();
      setInterval(load, 5000);
      </script>
      </body>
      </html>
      """;

  private ConsolePage() {}
}
