import { ACTION_LABELS, DIAGRAM_EDGES, DIAGRAM_NODES, STATUS_LABELS, allowedActions, diagramNodeOf, type ApprovalStatus, type DiagramNodeId } from '@/lib/approvals/state-machine';

// The seeds' lifecycle drawn from the state machine's data, the current state highlighted. An SVG
// for the eye; its title and description (and the sentence under it) say the same for screen readers.

const COL = 150;
const ROW = 78;
const W = 124;
const H = 40;
const PAD = 14;

const center = (id: DiagramNodeId) => {
  const node = DIAGRAM_NODES.find((n) => n.id === id)!;
  return { x: PAD + node.column * COL + W / 2, y: PAD + node.row * ROW + H / 2 };
};

/** Where the line from a box's centre towards (dx, dy) leaves the box. */
function exit(dx: number, dy: number): { x: number; y: number } {
  const sx = dx === 0 ? Infinity : W / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : H / 2 / Math.abs(dy);
  const s = Math.min(sx, sy);
  return { x: dx * s, y: dy * s };
}

const BY_TONE = { corporation: '#4f46e5', user: '#059669', time: '#64748b' } as const;

export function StateDiagram({ status, cardStatus }: { status: ApprovalStatus; cardStatus: string | null }) {
  const current = diagramNodeOf(status, cardStatus);
  const width = PAD * 2 + 4 * COL + W;
  const height = PAD * 2 + 3 * ROW + H;
  const next = DIAGRAM_EDGES.filter((e) => e.from === current);
  const actions = allowedActions(status, cardStatus);
  const currentLabel = current ? DIAGRAM_NODES.find((n) => n.id === current)!.label : `${STATUS_LABELS.UNKNOWN}`;
  const description = current
    ? `Current state: ${currentLabel}. From here: ${next.length ? next.map((e) => `${e.label} leads to ${DIAGRAM_NODES.find((n) => n.id === e.to)!.label}`).join('; ') : 'nothing, this state is final'}.`
    : 'The approval is in a status this panel does not know; it is shown as reported by Sparados.';

  return (
    <figure className="space-y-2">
      <svg viewBox={`0 0 ${width} ${height}`} className="h-auto w-full max-w-3xl" role="img" aria-labelledby="lifecycle-title lifecycle-desc" data-testid="state-diagram" data-current={current ?? 'UNKNOWN'}>
        <title id="lifecycle-title">Approval lifecycle</title>
        <desc id="lifecycle-desc">{description}</desc>
        <defs>
          {Object.entries(BY_TONE).map(([by, colour]) => (
            <marker key={by} id={`arrow-${by}`} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" fill={colour} />
            </marker>
          ))}
        </defs>
        {DIAGRAM_EDGES.map((edge) => {
          const a = center(edge.from);
          const b = center(edge.to);
          const dx = b.x - a.x;
          const dy = b.y - a.y;
          const len = Math.hypot(dx, dy);
          // Two edges between the same pair (lock / unlock) run side by side.
          const paired = DIAGRAM_EDGES.some((e) => e.from === edge.to && e.to === edge.from);
          const off = paired ? 5 : 0;
          const ox = (-dy / len) * off;
          const oy = (dx / len) * off;
          const start = exit(dx, dy);
          const end = exit(-dx, -dy);
          const active = edge.from === current;
          return (
            <g key={`${edge.from}-${edge.to}`} opacity={active ? 1 : 0.35}>
              <title>{edge.label}</title>
              <line
                x1={a.x + start.x + ox}
                y1={a.y + start.y + oy}
                x2={b.x + end.x + ox}
                y2={b.y + end.y + oy}
                stroke={BY_TONE[edge.by]}
                strokeWidth={active ? 2 : 1.2}
                strokeDasharray={edge.by === 'time' ? '4 3' : undefined}
                markerEnd={`url(#arrow-${edge.by})`}
              />
            </g>
          );
        })}
        {DIAGRAM_NODES.map((node) => {
          const x = PAD + node.column * COL;
          const y = PAD + node.row * ROW;
          const isCurrent = node.id === current;
          const fill = isCurrent ? '#4f46e5' : node.kind === 'final' ? '#f1f5f9' : '#ffffff';
          return (
            <g key={node.id} data-node={node.id} aria-current={isCurrent ? 'step' : undefined}>
              <rect x={x} y={y} width={W} height={H} rx={node.kind === 'card' ? 20 : 8} fill={fill} stroke={isCurrent ? '#312e81' : '#94a3b8'} strokeWidth={isCurrent ? 2.5 : 1} />
              <text x={x + W / 2} y={y + H / 2 + 4} textAnchor="middle" fontSize="12" fontWeight={isCurrent ? 700 : 500} fill={isCurrent ? '#ffffff' : '#0f172a'}>
                {node.label}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="text-sm text-slate-600">
        <span className="font-medium text-slate-900">Now: {currentLabel}.</span>{' '}
        {actions.length ? `Possible here: ${actions.map((a) => ACTION_LABELS[a].toLowerCase()).join(', ')}.` : 'No action is possible in this state.'}{' '}
        <span className="whitespace-nowrap">
          <span style={{ color: BY_TONE.corporation }}>━</span> by the company
        </span>{' '}
        <span className="whitespace-nowrap">
          <span style={{ color: BY_TONE.user }}>━</span> by the cardholder
        </span>{' '}
        <span className="whitespace-nowrap">
          <span style={{ color: BY_TONE.time }}>┅</span> by time
        </span>
      </figcaption>
    </figure>
  );
}
