// The report page's chart code, as a string: it is inlined into the HTML and allowed by its CSP hash.
// Plain ES5 so that it runs in any browser that opens the file.
export const pageScript = String.raw`
// Draws the report's charts from the JSON block. Runs under a CSP that only allows this script and
// Chart.js by hash; all text comes from the data block and is set as text, never as HTML.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var Chart = window.Chart;
  var palette = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#7f7f7f'];
  // No prototype: a brand named constructor or __proto__ is a key like any other.
  var brandColours = Object.create(null);
  function colourOf(name) {
    if (!(name in brandColours)) brandColours[name] = palette[Object.keys(brandColours).length % palette.length];
    return brandColours[name];
  }
  Chart.defaults.animation = false;
  Chart.defaults.font.family = 'system-ui, sans-serif';
  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }
  function bars(id, pairs, label, colour, horizontal) {
    chart(id, {
      type: 'bar',
      data: { labels: pairs.map(function (p) { return String(p[0]); }), datasets: [{ label: label, data: pairs.map(function (p) { return p[1]; }), backgroundColor: colour }] },
      options: { indexAxis: horizontal ? 'y' : 'x', plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } },
    });
  }
  bars('chart-line-types', data.lineTypes, 'numbers', '#1f77b4', false);
  bars('chart-carriers', data.carriers.map(function (c) { return [c.carrier + (c.category ? ' (' + c.category + ')' : ''), c.numbers]; }), 'numbers', '#2ca02c', true);
  bars('chart-lifespan', data.lifespan.all.histogram, 'numbers', '#9467bd', false);
  bars('chart-lifespan-multi', data.lifespan.multiDay.histogram, 'numbers', '#8c564b', false);
  bars('chart-runs', data.consecutiveReuse.runLengths, 'runs', '#ff7f0e', false);

  var brands = data.lifespanByBrand.slice(0, 4);
  var maxLifespan = 1;
  brands.forEach(function (b) { b.distribution.histogram.forEach(function (h) { if (h[0] > maxLifespan) maxLifespan = h[0]; }); });
  var days = [];
  for (var d = 1; d <= maxLifespan; d++) days.push(d);
  chart('chart-lifespan-brand', {
    type: 'bar',
    data: {
      labels: days.map(String),
      datasets: brands.map(function (b) {
        var byDay = {};
        b.distribution.histogram.forEach(function (h) { byDay[h[0]] = h[1]; });
        return { label: b.brand, data: days.map(function (x) { return byDay[x] || 0; }), backgroundColor: colourOf(b.brand) };
      }),
    },
    options: { scales: { x: { title: { display: true, text: 'lifespan (days)' } }, y: { beginAtZero: true, title: { display: true, text: 'numbers' } } } },
  });

  data.topBlocks.forEach(function (entry, index) {
    var numbers = [];
    var dayList = [];
    entry.activity.forEach(function (a) {
      if (numbers.indexOf(a.e164) < 0) numbers.push(a.e164);
      if (dayList.indexOf(a.day) < 0) dayList.push(a.day);
    });
    numbers.sort();
    dayList.sort();
    var maxEmails = 1;
    entry.activity.forEach(function (a) { if (a.emails > maxEmails) maxEmails = a.emails; });
    var byBrand = {};
    entry.activity.forEach(function (a) {
      var brand = a.brand || 'unknown brand';
      (byBrand[brand] = byBrand[brand] || []).push({ x: dayList.indexOf(a.day), y: numbers.indexOf(a.e164), r: 4 + 16 * Math.sqrt(a.emails / maxEmails), emails: a.emails, e164: a.e164, day: a.day });
    });
    chart('chart-block-' + index, {
      type: 'bubble',
      data: { datasets: Object.keys(byBrand).sort().map(function (brand) { return { label: brand, data: byBrand[brand], backgroundColor: colourOf(brand) + 'b0', borderColor: colourOf(brand) }; }) },
      options: {
        scales: {
          x: { min: -0.5, max: dayList.length - 0.5, ticks: { stepSize: 1, callback: function (v) { return dayList[v] || ''; } }, title: { display: true, text: 'day' } },
          y: { min: -0.5, max: numbers.length - 0.5, ticks: { stepSize: 1, autoSkip: false, callback: function (v) { return numbers[v] || ''; } } },
        },
        plugins: { tooltip: { callbacks: { label: function (c) { var p = c.raw; return c.dataset.label + ': ' + p.e164 + ' on ' + p.day + ', ' + p.emails + ' emails'; } } } },
      },
    });
  });
})();
`;
