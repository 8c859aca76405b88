// chart.js, registered once with only the pieces the app draws (bar and doughnut charts).
import { ArcElement, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

Chart.register(CategoryScale, LinearScale, BarElement, ArcElement, Tooltip, Legend);

export { Bar, Doughnut } from 'react-chartjs-2';

export const chartColors = {
  primary: '#2563eb',
  primarySoft: 'rgba(37, 99, 235, 0.25)',
  accent: '#f59e0b',
  green: '#16a34a',
  red: '#dc2626',
  grey: '#94a3b8',
  palette: ['#2563eb', '#16a34a', '#f59e0b', '#db2777', '#7c3aed'],
};
