/* Kaimen insights: ECharts charts drawn from JSON embedded by the page (json_script).
 * Each chart container is a <div class="chart-box" data-chart="…">; its height comes from
 * kaimen.css (the CSP forbids inline styles). The tables beside the charts hold the same
 * numbers for those who prefer reading. */
(function () {
  "use strict";
  var COLOURS = { red: "#c0392b", orange: "#e67e22", yellow: "#f1c40f", blue: "#2f6fd6", green: "#27ae60" };
  var PALETTE = ["#a61b1b", "#2f6fd6", "#e67e22", "#27ae60", "#8e44ad", "#16a085", "#7f8c8d"];
  var FONT = '"Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif';
  var charts = [];

  function data(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  function draw(el, option) {
    if (!el || typeof echarts === "undefined") { return null; }
    var chart = echarts.init(el, null, { renderer: "canvas" });
    option.textStyle = { fontFamily: FONT };
    option.color = option.color || PALETTE;
    option.animation = false;
    chart.setOption(option);
    charts.push(chart);
    el.setAttribute("data-rendered", "1");
    return chart;
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });

  function bars(el, labels, values, horizontal) {
    var category = { type: "category", data: labels, axisLabel: { interval: 0, width: 90, overflow: "truncate" } };
    var value = { type: "value", minInterval: 1 };
    return draw(el, {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      grid: { left: horizontal ? 100 : 40, right: 16, top: 16, bottom: horizontal ? 24 : 48, containLabel: false },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: [{ type: "bar", data: values, barMaxWidth: 28, itemStyle: { color: "#a61b1b" } }]
    });
  }

  function grouped(el, block, options) {
    options = options || {};
    return draw(el, {
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: { top: 0, type: "scroll" },
      grid: { left: options.horizontal ? 150 : 56, right: 24, top: 40, bottom: 36 },
      xAxis: options.horizontal ? { type: "value", minInterval: 1 } : { type: "category", data: block.labels },
      yAxis: options.horizontal ? { type: "category", data: block.labels, inverse: true, axisLabel: { width: 140, overflow: "truncate" } } : { type: "value" },
      series: block.series.map(function (s) {
        return {
          name: s.name, type: options.line ? "line" : "bar", data: s.values, stack: options.stack ? "all" : undefined,
          barMaxWidth: 26, smooth: false, symbolSize: 8,
          itemStyle: s.colour ? { color: COLOURS[s.colour] } : undefined,
          label: options.labels ? { show: true, position: "top" } : undefined
        };
      })
    });
  }

  window.KaimenCharts = {
    dashboard: function (chartId, panelsId) {
      var chart = data(chartId);
      var panels = data(panelsId) || {};
      if (!chart) { return; }
      grouped(document.querySelector('[data-chart="units"]'), chart.units, { horizontal: true, stack: true });
      bars(document.querySelector('[data-chart="states"]'), chart.states.labels, chart.states.values, false);
      document.querySelectorAll('[data-chart="panel"]').forEach(function (el) {
        var panel = panels[el.getAttribute("data-panel")];
        if (panel) { bars(el, panel.labels, panel.values, false); }
      });
    },
    rollup: function (chartId) {
      var chart = data(chartId);
      if (!chart) { return; }
      grouped(document.querySelector('[data-chart="children"]'), chart.children, {});
      grouped(document.querySelector('[data-chart="years"]'), chart.years, { line: true });
    },
    trend: function (chartId) {
      var chart = data(chartId);
      if (!chart) { return; }
      document.querySelectorAll('[data-chart="series"]').forEach(function (el) {
        var series = chart.series.filter(function (s) { return s.code === el.getAttribute("data-code"); })[0];
        if (!series) { return; }
        draw(el, {
          tooltip: { trigger: "axis" },
          grid: { left: 56, right: 16, top: 28, bottom: 28 },
          xAxis: { type: "category", data: chart.years },
          yAxis: { type: "value", name: series.unit, nameTextStyle: { align: "right" } },
          series: [{
            name: series.name, type: "bar", data: series.values, barMaxWidth: 48,
            itemStyle: { color: "#a61b1b" }, label: { show: true, position: "top" }
          }]
        });
      });
    },
    league: function (chartId) {
      var chart = data(chartId);
      if (!chart) { return; }
      grouped(document.querySelector('[data-chart="league"]'), chart, { horizontal: true, stack: true });
    }
  };
}());
