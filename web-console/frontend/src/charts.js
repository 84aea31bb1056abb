// Chart.js with only the parts the console draws (bars and lines), registered once.
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export const COLOURS = ['#1f5f8b', '#c8553d', '#2a9d8f', '#8a5a00', '#6d597a', '#588157', '#9aa5b8'];

/** Draws a chart on the canvas as soon as the canvas is in the page; answers a function that removes it. */
export function drawChart(canvas, { type, labels, datasets, y = {} }) {
  let chart = null;
  let removed = false;
  let frames = 0;
  const draw = () => {
    if (removed || frames > 600) return; // a page left before it showed draws nothing
    if (!canvas.isConnected) {
      frames += 1;
      requestAnimationFrame(draw);
      return;
    }
    chart = new Chart(canvas, {
      type,
      data: { labels, datasets },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ...y } } },
    });
  };
  requestAnimationFrame(draw);
  return () => {
    removed = true;
    chart?.destroy();
  };
}
