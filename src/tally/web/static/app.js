// Tally's only script: draws the timeline, scrolls to the highlighted sentence, follows jobs.
// Loaded as a file so the Content-Security-Policy can forbid inline scripts.
"use strict";

function drawChart() {
  const block = document.getElementById("chart-data");
  const target = document.getElementById("chart");
  if (!block || !target || !window.Plotly) return;
  const fig = JSON.parse(block.textContent);
  window.Plotly.newPlot(target, fig.data, fig.layout, {
    responsive: true,
    displaylogo: false,
  }).then(() => target.setAttribute("data-ready", "1"));
  // A point's customdata ends with the id of its sources-table row; go to its sentence.
  target.on("plotly_click", (event) => {
    const point = event.points && event.points[0];
    if (!point || !point.customdata) return;
    const row = document.getElementById(point.customdata[point.customdata.length - 1]);
    const link = row && row.querySelector("a.figure");
    if (link) window.location.assign(link.href);
  });
}

function showHighlight() {
  const mark = document.getElementById("hl");
  if (mark) mark.scrollIntoView({ block: "center" });
}

function followJob() {
  const box = document.getElementById("job");
  if (!box || !["queued", "running"].includes(box.dataset.state)) return;
  const poll = async () => {
    let job;
    try {
      const answer = await fetch(`/api/jobs/${encodeURIComponent(box.dataset.job)}`);
      job = await answer.json();
    } catch (err) {
      window.setTimeout(poll, 2000);
      return;
    }
    document.getElementById("job-state").textContent = job.state;
    const bar = document.getElementById("job-progress");
    bar.max = job.total;
    bar.value = job.done;
    document.getElementById("job-count").textContent = `${job.done} of ${job.total}`;
    // The finished page lists the new articles, rendered (and escaped) by the server.
    if (job.state === "done" || job.state === "failed") window.location.reload();
    else window.setTimeout(poll, 700);
  };
  window.setTimeout(poll, 300);
}

document.addEventListener("DOMContentLoaded", () => {
  drawChart();
  showHighlight();
  followJob();
});
