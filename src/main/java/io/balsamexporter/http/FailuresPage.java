package io.balsamexporter.http;

/**
 * The page at {@code /failures}: the failure groups of {@code /api/v1/failures} under the filters
 * in its own address, so that a dashboard links to it for a time range. Every text from Balsam (app
 * names, signatures, error tails) goes in as text, never as markup: an error tail may hold anything
 * a job printed.
 */
final class FailuresPage {
  static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>balsam-exporter failures</title>
      <style>
        body { font-family: sans-serif; margin: 1.5em; }
        form { display: grid; grid-template-columns: max-content 22em; gap: .4em 1em; }
        #error { color: #b00; white-space: pre-wrap; }
        table { border-collapse: collapse; margin-top: 1em; }
        td, th { border: 1px solid #ccc; padding: .15em .6em; vertical-align: top; text-align: left; }
        td.count { text-align: right; }
        pre { margin: 0; max-width: 60em; max-height: 14em; overflow: auto; white-space: pre-wrap; }
        .signature { font-family: monospace; font-size: 85%; color: #444; }
      </style></head>
      <body>
      <h1>Failures</h1>
      <p>The RUN_ERROR and FAILED events this exporter counted, grouped by app, exit code or cause
      and error signature (the error with numbers, hex ids, paths and node names folded), newest
      first. <a href="./">Back</a> · <a href="reports">Reports</a></p>
      <form id="form">
        <label for="site">site</label><input id="site" name="site">
        <label for="app">app (comma-separated)</label><input id="app" name="app">
        <label for="tag">tag (key:value, comma-separated)</label><input id="tag" name="tag">
        <label for="since">since</label><input id="since" name="since" placeholder="2026-11-26T09:00:00Z">
        <label for="until">until</label><input id="until" name="until">
        <span></span><button type="submit">Show</button>
      </form>
      <p id="error"></p>
      <p>failure events: <span id="total">-</span>; groups: <span id="group-count">-</span>;
      <a id="json-link" href="#">JSON</a></p>
      <table id="groups"><thead><tr><th>count</th><th>app</th><th>state</th><th>exit code</th>
      <th>cause</th><th>first</th><th>last</th><th>sites</th><th>jobs</th><th>latest error</th>
      </tr></thead><tbody></tbody></table>
      <script>
      const LISTS = ["app", "tag"];
      const form = document.getElementById("form");
      function query() {
        const params = new URLSearchParams();
        for (const el of form.elements) {
          if (!el.name || !el.value.trim()) continue;
          if (LISTS.includes(el.name)) {
            el.value.split(",").map(v => v.trim()).filter(v => v).forEach(v => params.append(el.name, v));
          } else {
            params.append(el.name, el.value.trim());
          }
        }
        return params;
      }
      function cell(row, text, cls) {
        const td = row.insertCell();
        td.textContent = text == null ? "" : String(text);
        if (cls) td.className = cls;
        return td;
      }
      function row(g) {
        const tr = document.createElement("tr");
        cell(tr, g.count, "count");
        cell(tr, g.app);
        cell(tr, g.state);
        cell(tr, g.returncode);
        cell(tr, g.cause);
        cell(tr, g.first);
        cell(tr, g.last);
        cell(tr, g.sites.join(", "));
        const jobs = cell(tr, "");
        g.job_ids.forEach((id, i) => {
          if (i) jobs.append(" ");
          const a = document.createElement("a");
          a.href = "api/v1/events?job_id=" + encodeURIComponent(id);
          a.textContent = id;
          a.className = "job";
          jobs.append(a);
        });
        const error = cell(tr, "");
        const pre = document.createElement("pre");
        pre.className = "latest-error";
        pre.textContent = g.latest_error;
        const sig = document.createElement("div");
        sig.className = "signature";
        sig.textContent = g.signature;
        error.append(pre, sig);
        return tr;
      }
      async function show() {
        document.getElementById("error").textContent = "";
        const url = "api/v1/failures?" + query();
        document.getElementById("json-link").href = url;
        const response = await fetch(url);
        const body = document.querySelector("#groups tbody");
        if (!response.ok) {
          document.getElementById("error").textContent = await response.text();
          body.replaceChildren();
          document.getElementById("total").textContent = "-";
          document.getElementById("group-count").textContent = "-";
          return;
        }
        const report = await response.json();
        document.getElementById("total").textContent = report.total;
        document.getElementById("group-count").textContent = report.groups.length;
        body.replaceChildren(...report.groups.map(row));
      }
      const initial = new URLSearchParams(location.search);
      for (const [name, value] of initial) {
        const el = form.elements[name];
        if (!el || el.tagName !== "INPUT") continue;
        el.value = el.value && LISTS.includes(name) ? el.value + "," + value : value;
      }
      form.addEventListener("submit", e => {
        e.preventDefault();
        history.replaceState(null, "", "?" + query());
        show();
      });
      show();
      </script>
      </body>
      </html>
      """;

  private FailuresPage() {}
}
