/** One litmus test to a picture: choose the execution, write its DOT, render it. */
import { executionDot } from './dot.js';
import { chooseExecution, type GraphOptions } from './choose-execution.js';
import { renderGraph, type GraphFormat } from './render.js';

export async function drawTest(file: string, text: string, format: GraphFormat, o: GraphOptions = {}): Promise<string | Buffer> {
  const chosen = await chooseExecution(file, text, o);
  const dot = executionDot({ skel: chosen.skel, execution: chosen.execution, highlight: chosen.highlight, caption: chosen.caption, ...(chosen.axiom ? { axiom: chosen.axiom } : {}) });
  return renderGraph(dot, format);
}
