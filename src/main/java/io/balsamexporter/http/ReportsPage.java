package io.balsamexporter.http;

/**
 * The page at {@code /reports}: pick a report and its filters, see the picture, follow the CSV and
 * JSON links. The form's fields are the API's parameters, and the page's own query string fills
 * them, so a report's URL can be shared. Everything shown comes from {@code /api/v1/reports/}.
 */
final class ReportsPage {
  static final String HTML =
      """
      <!DOCTYPE html>
      <html lang="en">
      <head><meta charset="utf-8"><title>balsam-exporter reports</title>
      <style>
        body { font-family: sans-serif; margin: 1.5em; }
        form { display: grid; grid-template-columns: max-content 22em; gap: .4em 1em; }
        #error { color: #b00; white-space: pre-wrap; }
        table { border-collapse: collapse; margin-top: 1em; }
        td, th { border: 1px solid #ccc; padding: .15em .6em; text-align: right; }
      </style></head>
      <body>
      <h1>Reports</h1>
      <p>Balsam's <code>balsam.analytics</code> reports, computed from every event this exporter
      has counted. <a href="./">Back</a> · <a href="failures">Failures</a></p>
      <form id="form">
        <label for="report">report</label>
        <select id="report" name="report">
          <option value="utilization">utilization</option>
          <option value="throughput">throughput</option>
          <option value="available-nodes">available-nodes</option>
        </select>
        <label for="to_state">to_state</label>
        <select id="to_state" name="to_state"><option value="">(default)</option>
          <option>AWAITING_PARENTS</option><option>READY</option><option>STAGED_IN</option>
          <option>PREPROCESSED</option><option>RUNNING</option><option>RUN_DONE</option>
          <option>RUN_ERROR</option><option>RUN_TIMEOUT</option><option>RESTART_READY</option>
          <option>POSTPROCESSED</option><option>JOB_FINISHED</option><option>FAILED</option>
        </select>
        <label for="node_weighting">node_weighting</label>
        <select id="node_weighting" name="node_weighting">
          <option value="">(default: true)</option><option>true</option><option>false</option>
        </select>
        <label for="scheduler_id">scheduler_id</label><input id="scheduler_id" name="scheduler_id">
        <label for="batch_job_id">batch_job_id</label><input id="batch_job_id" name="batch_job_id">
        <label for="job_id">job_id (comma-separated)</label><input id="job_id" name="job_id">
        <label for="tag">tag (key:value, comma-separated)</label><input id="tag" name="tag">
        <label for="site">site</label><input id="site" name="site">
        <label for="since">since</label><input id="since" name="since" placeholder="2026-11-26T09:00:00Z">
        <label for="until">until</label><input id="until" name="until">
        <span></span><button type="submit">Show</button>
      </form>
      <p id="error"></p>
      <p><img id="chart" alt="report chart" width="900" height="500">
      <br><span id="chart-status">not drawn</span></p>
      <p><a id="csv-link" href="#">CSV</a> · <a id="json-link" href="#">JSON</a> · <a id="png-link" href="#">PNG</a></p>
      <p>points: <span id="point-count">-</span>; last: <span id="last-time">-</span>
      value <span id="last-value">-</span></p>
      <table id="points"><thead><tr><th>time</th><th>value</th></tr></thead><tbody></tbody></table>
      <script>
      const LISTS = ["job_id", "tag"];
      const form = document.getElementById("form");
      function query() {
        const params = new URLSearchParams();
        for (const el of form.elements) {
          if (!el.name || el.name === "report" || !el.value.trim()) continue;
          if (LISTS.includes(el.name)) {
            el.value.split(",").map(v => v.trim()).filter(v => v).forEach(v => params.append(el.name, v));
          } else {
            params.append(el.name, el.value.trim());
          }
        }
        return params;
      }
      function api(format) {
        const params = query();
        params.set("format", format);
        return "api/v1/reports/" + form.elements.report.value + "?" + params;
      }
      async function show() {
        document.getElementById("error").textContent = "";
        document.getElementById("chart-status").textContent = "loading";
        for (const f of ["csv", "json", "png"]) document.getElementById(f + "-link").href = api(f);
        const response = await fetch(api("json"));
        if (!response.ok) {
          document.getElementById("error").textContent = await response.text();
          document.getElementById("chart-status").textContent = "not drawn";
          return;
        }
        const report = await response.json();
        const points = report.points;
        document.getElementById("point-count").textContent = points.length;
        const last = points[points.length - 1];
        document.getElementById("last-time").textContent = last ? last.time : "-";
        document.getElementById("last-value").textContent = last ? last.value : "-";
        const body = document.querySelector("#points tbody");
        body.replaceChildren(...points.map(p => {
          const row = document.createElement("tr");
          row.innerHTML = "<td></td><td></td>";
          row.cells[0].textContent = p.time;
          row.cells[1].textContent = p.value;
          return row;
        }));
        const chart = document.getElementById("chart");
        chart.onload = () => {
          document.getElementById("chart-status").textContent =
              "drawn " + chart.naturalWidth + "x" + chart.naturalHeight;
        };
        chart.onerror = () => {
          document.getElementById("chart-status").textContent = "chart failed";
        };
        chart.src = api("png");
      }
      const initial = new URLSearchParams(location.search);
      for (const [name, value] of initial) {
        const el = form.elements[name];
        if (!el) continue;
        el.value = el.value && LISTS.includes(name) ? el.value + "," + value : value;
      }
      form.addEventListener("submit", e => {
        e.preventDefault();
        const params = query();
        params.set("report", form.elements.report.value);
        history.replaceState(null, "", "?" + params);
        show();
      });
      show();
      </script>
      </body>
      </html>
      """;

  private ReportsPage() {}
}
