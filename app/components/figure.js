// dropviz: one Plotly figure, drawn with Plotly's "cartesian" bundle (Streamlit custom component v2, no build).
//
// Why not st.plotly_chart: its code carries the full Plotly bundle (4.7 MB), and evaluating that took a fresh
// browser 1.1-1.5 s of a first visit. The cartesian bundle (bar, heatmap, image, scatter and a few more: all the
// app draws) is 1.5 MB and evaluates in about a third of that time. It is served by Streamlit's static file serving
// from app/static/ (see app/figure_component.py for where it came from), loaded once per page by a <script> tag.
//
// Streamlit calls the default export again, on the same parentElement, whenever `data` changes, so state lives in
// a WeakMap keyed by parentElement; Plotly.react then redraws only what changed (no blank flash, zoom kept when
// the figure is the same).
//
// Test hook: the wrapper div.dropviz-figure has data-drawn="yes" once the newest figure it was given is drawn,
// "no" while one is waiting for Plotly or being drawn (tests/browser/harness.py waits for it), "error" if the
// bundle failed to load.

const STATES = new WeakMap(); // parentElement -> {wrap, plot, latest, drawing, observer}
let plotlyLoading = null; // one promise per page: the bundle is fetched and evaluated once

function loadPlotly(src) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!plotlyLoading) {
    plotlyLoading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = src;
      script.onload = () => resolve(window.Plotly);
      script.onerror = () => {
        plotlyLoading = null; // let a later figure try again
        reject(new Error(`could not load ${src}`));
      };
      document.head.appendChild(script);
    });
  }
  return plotlyLoading;
}

export default function (component) {
  const { data, parentElement } = component;
  let state = STATES.get(parentElement);
  if (!state) {
    state = create(parentElement);
    STATES.set(parentElement, state);
  }
  const spec = data instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(data)) : data; // JSON bytes
  if (spec && spec.preload) {
    // No figure: only fetch and evaluate the bundle now, while the server is still computing the page.
    state.wrap.dataset.drawn = "yes";
    loadPlotly(spec.src).catch(() => {}); // a figure that needs it will try again and say so
  } else if (spec && spec.figure) {
    state.latest = spec;
    state.failed = spec.failed;
    state.wrap.dataset.drawn = "no";
    // Reserve the figure's height now, so the page does not jump when Plotly arrives.
    state.plot.style.height = `${spec.figure.layout.height || 450}px`;
    if (!state.drawing) draw(state);
  }
  // Streamlit also calls the cleanup for a call whose data was replaced before it had finished starting:
  // purge only once the figure has really left the page.
  return () => setTimeout(() => purgeIfGone(parentElement, state), 250);
}

function create(root) {
  const wrap = document.createElement("div"); // appended, never innerHTML: that would wipe Streamlit's CSS
  wrap.className = "dropviz-figure";
  const plot = document.createElement("div");
  wrap.appendChild(plot);
  root.appendChild(wrap);
  const state = { wrap, plot, latest: null, drawing: false, width: 0, observer: null };
  // Plotly follows window resizes only; the sidebar opening or closing changes the column's width instead.
  state.observer = new ResizeObserver(() => {
    const width = Math.round(wrap.clientWidth);
    if (width && width !== state.width && window.Plotly && plot.data) {
      state.width = width;
      window.Plotly.Plots.resize(plot);
    }
  });
  state.observer.observe(wrap);
  return state;
}

// Draws the newest figure; a figure that arrives meanwhile is drawn next (the ones between are skipped).
async function draw(state) {
  state.drawing = true;
  try {
    while (state.latest) {
      const spec = state.latest;
      state.latest = null;
      const Plotly = await loadPlotly(spec.src);
      const { data, layout, frames } = spec.figure; // frames: the Masks diagram's animation
      const config = { ...withPngButton(Plotly, spec.config), responsive: true };
      await Plotly.react(state.plot, { data, layout, frames: frames || [], config });
      state.width = Math.round(state.wrap.clientWidth);
    }
    state.wrap.dataset.drawn = "yes";
  } catch (error) {
    state.wrap.dataset.drawn = "error";
    state.plot.textContent = state.failed || String(error); // the server's words, in the visitor's language
    console.error("dropviz figure:", error);
  } finally {
    state.drawing = false;
  }
}

// The camera button saves a PNG at toImageButtonOptions' scale, drawn in the system's sans-serif. Plotly's own
// button measures the text in the page's web font, which the image it draws cannot load: the image's fallback
// font was wider than measured, and a legend on the right of the figure came out cut off.
const PNG_FONT = "sans-serif";

function withPngButton(Plotly, config) {
  const { format, scale, filename } = config.toImageButtonOptions;
  const button = {
    name: "dropvizPng",
    title: "Download plot as a PNG",
    icon: Plotly.Icons.camera,
    click: (gd) => {
      const layout = { ...gd.layout, font: { ...gd.layout.font, family: PNG_FONT } };
      const size = { width: gd._fullLayout.width, height: gd._fullLayout.height };
      Plotly.downloadImage({ data: gd.data, layout }, { format, scale, filename, ...size });
    },
  };
  return { ...config, modeBarButtonsToRemove: ["toImage"], modeBarButtonsToAdd: [button] };
}

function purgeIfGone(root, state) {
  if (root.isConnected && root.contains(state.wrap)) return;
  state.observer.disconnect();
  if (window.Plotly) window.Plotly.purge(state.plot);
  STATES.delete(root);
}
