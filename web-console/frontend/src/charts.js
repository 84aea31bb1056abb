// Chart.js with only the parts the console draws (bars and lines), registered once.
import {
  Chart, BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip,
} from 'chart.js';

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Legend, Tooltip);

export const COLOURS = ['#1f5f8b', '#c8553d', '#2a9d8f', '#8a5a00', '#6d597a', '#588157', '#9aa5b8'];

/**
 * Draws a chart on the canvas as soon as the canvas is in the page; answers a function that removes it.
 * With opens(datasetIndex, index) a click on a point or bar goes to the address it answers (what the
 * number counts), nothing when it answers null.
 */
export function drawChart(canvas, { type, labels, datasets, y = {}, opens = null }) {
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
    const target = (elements) => (opens && elements.length ? opens(elements[0].datasetIndex, elements[0].index) : null);
    chart = new Chart(canvas, {
      type,
      data: { labels, datasets },
      options: {
        animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ...y } },
        // A line's point is small: the one nearest the pointer along the x axis is the one meant.
        interaction: type === 'line' ? { mode: 'nearest', axis: 'x', intersect: false } : { mode: 'nearest', intersect: true },
        elements: { point: { radius: 4, hoverRadius: 7 } },
        onClick: (event, elements) => {
          const href = target(elements);
          if (href) location.hash = href;
        },
        onHover: (event, elements) => {
          canvas.style.cursor = target(elements) ? 'pointer' : 'default';
        },
      },
    });
    // For whoever holds the canvas: the browser tests find a point's place on it.
    canvas.chart = chart;
  };
  requestAnimationFrame(draw);
  return () => {
    removed = true;
    chart?.destroy();
  };
}
