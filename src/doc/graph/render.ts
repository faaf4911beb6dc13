/**
 * DOT to pictures without a system binary: Graphviz compiled to WebAssembly (@viz-js/viz) makes
 * the SVG, and resvg (a Rust SVG renderer shipped in the npm package) rasterises it to PNG.
 */
import { instance, type Viz } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

export async function dotToSvg(dot: string): Promise<string> {
  viz ??= instance();
  const result = (await viz).render(dot, { format: 'svg' });
  if (result.status !== 'success') {
    throw new Error(`Graphviz could not lay out the graph: ${result.errors.map((e) => e.message).join('; ')}`);
  }
  return result.output;
}

/** PNG at `scale` times the SVG's size (2 keeps text sharp on a high-density screen). */
export async function svgToPng(svg: string, scale = 2): Promise<Buffer> {
  const { Resvg } = await import('@resvg/resvg-js');
  // resvg does not fall back through a font-family list: name the metric-compatible fonts first
  const named = svg.replaceAll('font-family="Helvetica,sans-Serif"', 'font-family="Liberation Sans,Helvetica,sans-serif"')
    .replaceAll('font-family="Courier,monospace"', 'font-family="Liberation Mono,Courier,monospace"');
  const png = new Resvg(named, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#ffffff',
    // Graphviz measures text with Helvetica's and Courier's widths: Liberation Sans and Mono have the
    // same, where installed; other fonts still render, a little wider or narrower
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans', sansSerifFamily: 'Liberation Sans', monospaceFamily: 'Liberation Mono' },
  }).render();
  return png.asPng();
}

export type GraphFormat = 'svg' | 'png' | 'dot';

export function formatOf(outPath: string): GraphFormat | undefined {
  const ext = /\.(svg|png|dot|gv)$/i.exec(outPath)?.[1]?.toLowerCase();
  return ext === 'gv' ? 'dot' : (ext as GraphFormat | undefined);
}

export async function renderGraph(dot: string, format: GraphFormat): Promise<string | Buffer> {
  if (format === 'dot') return dot;
  const svg = await dotToSvg(dot);
  return format === 'svg' ? svg : svgToPng(svg);
}
