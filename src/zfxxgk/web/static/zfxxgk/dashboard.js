// Draws the dashboard's charts from the JSON the page embeds (the same data as
// /api/dashboard). Without JavaScript the tables under each chart remain.
(function () {
  var d = JSON.parse(document.getElementById("dashboard-data").textContent);
  function chart(id, option) {
    var el = document.getElementById(id);
    if (el && window.echarts) {
      option.animation = false; // office machines are slow; figures should simply appear
      echarts.init(el).setOption(option);
    }
  }
  chart("c-outcomes", { tooltip: {}, series: [{ type: "pie", radius: "65%", data: d.outcomes }] });
  chart("c-applicants", { tooltip: {}, series: [{ type: "pie", radius: ["35%", "65%"], data: d.applicants }] });
  chart("c-rules", {
    tooltip: {}, grid: { left: 60 },
    // counts of reports: whole numbers on the axis (it read 0.2, 0.4 … of a report),
    // and every rule named (every other label was left out)
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", axisLabel: { interval: 0 }, data: d.findings_by_rule.map(function (x) { return x.rule; }).reverse() },
    series: [{ type: "bar", data: d.findings_by_rule.map(function (x) { return x.n; }).reverse() }]
  });
  chart("c-years", {
    tooltip: { trigger: "axis" }, legend: { data: ["报告", "错误"] },
    xAxis: { type: "category", data: d.by_year.map(function (x) { return String(x.year); }) },
    yAxis: { type: "value", minInterval: 1 },
    series: [{ name: "报告", type: "bar", data: d.by_year.map(function (x) { return x.reports; }) },
             { name: "错误", type: "line", data: d.by_year.map(function (x) { return x.errors; }) }]
  });
})();
