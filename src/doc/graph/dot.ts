/**
 * An execution as a Graphviz DOT graph: one column (cluster) per thread with its events in
 * program order, the initial writes above them, and the relations between events: po, rf, co,
 * fr (computed from rf and co), dependencies, rmw/amo. Edges of the cycle that makes an
 * execution forbidden are drawn thick and red. Communication edges do not constrain the layout,
 * so the columns stay straight.
 */
import type { Execution } from '../../engine/outcome.js';
import { describeEvent, eventNames } from '../../check/execution-text.js';
import { relationEdges, visibleSteps, type Edge, type EdgeKind } from '../../check/execution-edges.js';
import type { MemEvent, Skeleton } from '../../semantics/skeleton.js';

export interface GraphInput {
  skel: Skeleton;
  execution: Execution;
  /** Steps of the violated axiom's cycle (skeleton ids); empty for an allowed execution. */
  highlight: [number, number][];
  /** Lines above the graph: the test, the state, the verdict. */
  caption: string[];
  /** The failed check: names the cycle steps that are no drawn relation. */
  axiom?: string;
}

/** Colours chosen apart from the cycle's red, and readable on white. */
export const EDGE_STYLE: Record<EdgeKind, string> = {
  po: 'color="#444444"',
  rf: 'color="#2e7d32", fontcolor="#2e7d32"',
  co: 'color="#1565c0", fontcolor="#1565c0"',
  fr: 'color="#e67e00", fontcolor="#c06000"',
  addr: 'color="#7b1fa2", fontcolor="#7b1fa2", style=dashed',
  data: 'color="#7b1fa2", fontcolor="#7b1fa2", style=dashed',
  ctrl: 'color="#7b1fa2", fontcolor="#7b1fa2", style=dashed',
  pick: 'color="#7b1fa2", fontcolor="#7b1fa2", style=dashed',
  'pick-addr': 'color="#7b1fa2", fontcolor="#7b1fa2", style=dashed',
  rmw: 'color="#777777", fontcolor="#555555", style=dotted',
  amo: 'color="#777777", fontcolor="#555555", style=dotted',
};
const CYCLE_STYLE = 'color="#d50000", fontcolor="#d50000", penwidth=3.2';

export function executionDot(g: GraphInput): string {
  const { skel, execution: x } = g;
  const names = eventNames(skel, x);
  const edges = relationEdges(skel, x);
  // the cycle along drawn edges; a step no chain of them joins gets an edge of its own
  const key = (e: { from: number; to: number; kind: string }) => `${e.from},${e.to},${e.kind}`;
  const drawn = new Set(edges.map(key));
  const steps = visibleSteps(skel, x, g.highlight);
  const cycleEdges = new Set(steps.map(key));
  const extra = steps.filter((st) => !drawn.has(key(st)));
  const onCycle = (e: Edge) => cycleEdges.has(key(e));

  const out: string[] = [
    'digraph execution {',
    '  graph [rankdir=TB, newrank=true, forcelabels=true, nodesep=0.6, ranksep=0.75, fontname="Helvetica", labelloc=t, labeljust=l, pad=0.3];',
    '  node [shape=box, style="rounded,filled", fillcolor="#ffffff", color="#555555", fontname="Helvetica", fontsize=13, margin="0.14,0.06"];',
    '  edge [fontname="Helvetica", fontsize=11, arrowsize=0.8];',
    `  label=<${captionHtml(g.caption)}>;`,
  ];
  const inits = x.events.filter((id) => skel.events[id]!.thread < 0);
  if (inits.length > 0) {
    out.push('  subgraph cluster_init {', '    label="initial state"; style="dashed,rounded"; color="#999999"; fontcolor="#666666";');
    for (const id of inits) out.push(`    ${nodeId(id)} [label=<${nodeHtml(skel, x, skel.events[id]!, names)}>, fillcolor="#f3f3f3"];`);
    out.push('  }');
  }
  const columns = skel.threads.map((t) => t.paths[x.paths[t.id] ?? 0]!.events);
  columns.forEach((events, tid) => {
    out.push(`  subgraph cluster_P${tid} {`, `    label=<<b>P${tid}</b>>; style=rounded; color="#bbbbbb"; fontsize=15;`);
    for (const id of events) {
      const e = skel.events[id]!;
      out.push(`    ${nodeId(id)} [label=<${nodeHtml(skel, x, e, names)}>${e.fence ? ', fillcolor="#fff6d5"' : ''}];`);
    }
    out.push('  }');
  });
  // the k-th event of every thread on one row, the initial writes above all of them
  const depth = Math.max(0, ...columns.map((c) => c.length));
  for (let k = 0; k < depth; k++) {
    const row = columns.flatMap((c) => (c[k] !== undefined ? [nodeId(c[k]!)] : []));
    out.push(`  { rank=same; ${row.join('; ')}; }`);
  }
  if (inits.length > 0) {
    out.push(`  { rank=min; ${inits.map(nodeId).join('; ')}; }`);
    for (const c of columns) if (c.length > 0) out.push(`  ${nodeId(inits[0]!)} -> ${nodeId(c[0]!)} [style=invis];`);
  }
  const rowOf = new Map<number, number>(columns.flatMap((c) => c.map((id, k) => [id, k] as [number, number])));
  for (const e of edges) {
    const style = onCycle(e) ? CYCLE_STYLE : EDGE_STYLE[e.kind];
    if (e.kind === 'po') out.push(`  ${nodeId(e.from)} -> ${nodeId(e.to)} [${style}, weight=10];`);
    else out.push(communicationEdge(e.from, e.to, e.kind, style, skel, rowOf));
  }
  for (const st of extra) out.push(communicationEdge(st.from, st.to, st.kind === 'derived' ? g.axiom ?? 'cycle' : st.kind, CYCLE_STYLE, skel, rowOf));
  out.push('}');
  return `${out.join('\n')}\n`;
}

const nodeId = (id: number) => `e${id}`;

/**
 * An edge that does not shape the layout. Between two columns it leaves and enters by the facing
 * sides; one that goes up the page is laid out downwards and drawn reversed, which dot routes
 * straight instead of looping around the boxes.
 */
function communicationEdge(from: number, to: number, label: string, style: string, skel: Skeleton, rowOf: Map<number, number>): string {
  const row = (id: number) => rowOf.get(id) ?? -1;
  const a = skel.events[from]!.thread, b = skel.events[to]!.thread;
  const side = (t: number, other: number) => (t < 0 || other < 0 || t === other ? undefined : t < other ? 'e' : 'w');
  const tail = side(a, b), head = side(b, a);
  const up = row(from) > row(to);
  const [first, second] = up ? [to, from] : [from, to];
  const [p1, p2] = up ? [head, tail] : [tail, head];
  const ports = `${p1 ? `, tailport=${p1}` : ''}${p2 ? `, headport=${p2}` : ''}`;
  // the name sits by the arrowhead, so two edges crossing between the columns keep theirs apart
  const named = `${up ? 'taillabel' : 'headlabel'}=" ${label} ", labeldistance=2.2, labelangle=${up ? -30 : 30}`;
  return `  ${nodeId(first)} -> ${nodeId(second)} [${named}, ${style}, constraint=false${ports}${up ? ', dir=back' : ''}];`;
}





function nodeHtml(skel: Skeleton, x: Execution, e: MemEvent, names: Map<number, string>): string {
  const name = names.get(e.id)!;
  if (e.thread < 0) return `<b>${esc(name)}</b>: ${esc(describeEvent(skel, x, e).replace(/^W /, ''))}`;
  const what = `<b>${esc(name)}</b>: ${esc(describeEvent(skel, x, e))}`;
  return e.instr ? `${what}<br/><font face="Courier" point-size="12" color="#555555">${esc(e.instr.text)}</font>` : what;
}

function captionHtml(lines: string[]): string {
  const [head, ...rest] = lines;
  const legend = (['po', 'rf', 'co', 'fr', 'addr', 'rmw'] as const).map((k) => {
    const colour = /color="([^"]+)"/.exec(EDGE_STYLE[k])![1]!;
    return `<font color="${colour}">${k === 'addr' ? 'dependencies' : k === 'rmw' ? 'rmw/amo' : k}</font>`;
  }).join(' · ');
  return [
    `<font point-size="17"><b>${esc(head ?? '')}</b></font>`,
    ...rest.map((l) => `<font point-size="13">${esc(l)}</font>`),
    `<font point-size="11">${legend}</font>`,
  ].join('<br align="left"/>') + '<br align="left"/>';
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
