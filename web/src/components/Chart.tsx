// Charts (Recharts), loaded lazily: only pages that show one download this chunk.
import { Area, AreaChart, Cell, Pie, PieChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export function LineSeries({ points, label }: { points: { date: string; value: string }[]; label: string }) {
  const data = points.map((p) => ({ date: p.date, value: Number(p.value) })); // for drawing only
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={220}>
        <AreaChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <XAxis dataKey="date" minTickGap={40} tick={{ fontSize: 11 }} />
          <YAxis domain={["auto", "auto"]} width={56} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Area type="monotone" dataKey="value" stroke="#1565c0" fill="#bbdefb" isAnimationActive={false} />
        </AreaChart>
      </ResponsiveContainer>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

const COLOURS = ["#1565c0", "#2e7d32", "#ef6c00", "#6a1b9a", "#c62828", "#00838f", "#4e342e"];

export function AllocationPie({ slices, label }: { slices: { name: string; percent: string }[]; label: string }) {
  const data = slices.map((s) => ({ name: s.name, value: Number(s.percent) }));
  return (
    <figure className="chart" aria-label={label}>
      <ResponsiveContainer width="100%" height={220}>
        <PieChart>
          <Pie data={data} dataKey="value" nameKey="name" innerRadius={50} outerRadius={90} isAnimationActive={false}>
            {data.map((_, index) => (
              <Cell key={index} fill={COLOURS[index % COLOURS.length]} />
            ))}
          </Pie>
          <Tooltip />
        </PieChart>
      </ResponsiveContainer>
      <figcaption>{label}</figcaption>
    </figure>
  );
}

export default LineSeries;
