import { ArcElement, BarController, BarElement, CategoryScale, Chart, DoughnutController, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, DoughnutController, ArcElement, LineController, LineElement, PointElement);

const charts = new WeakMap<HTMLCanvasElement, Chart>();

/** A bar chart of labelled counts (animations off: charts appear at once and tests need not wait). */
export function barChart(canvas: HTMLCanvasElement, labels: string[], values: number[], title: string, colour = '#4c78a8'): Chart {
  charts.get(canvas)?.destroy();
  const chart = new Chart(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: title, data: values, backgroundColor: colour }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false }, title: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
  charts.set(canvas, chart);
  return chart;
}

export function doughnutChart(canvas: HTMLCanvasElement, labels: string[], values: number[]): Chart {
  charts.get(canvas)?.destroy();
  const colours = ['#4c78a8', '#e4572e', '#8e44ad', '#e0a800', '#17a2b8', '#2e9e44', '#f28e2b', '#c0392b', '#6c757d', '#9aa5b1'];
  const chart = new Chart(canvas, {
    type: 'doughnut',
    data: { labels, datasets: [{ data: values, backgroundColor: labels.map((_, i) => colours[i % colours.length] as string) }] },
    options: { animation: false, responsive: true, maintainAspectRatio: false, plugins: { legend: { position: 'right' } } },
  });
  charts.set(canvas, chart);
  return chart;
}

export function lineChart(canvas: HTMLCanvasElement, labels: string[], series: Array<{ label: string; values: number[] }>): Chart {
  charts.get(canvas)?.destroy();
  const colours = ['#4c78a8', '#e4572e', '#2e9e44', '#8e44ad'];
  const chart = new Chart(canvas, {
    type: 'line',
    data: { labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, borderColor: colours[i % colours.length], pointRadius: 0, tension: 0.2 })) },
    options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true } } },
  });
  charts.set(canvas, chart);
  return chart;
}
