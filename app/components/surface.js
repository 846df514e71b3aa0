// dropviz: a live decision surface, drawn in the browser from weights (Streamlit custom component v2, no build).
//
// Each refresh the server sends the weight snapshots of a few recent training steps (format and a numpy
// reference of this computation: dropviz/core/snapshots.py). This module evaluates the MLP on a grid for a snapshot,
// paints the class probabilities (colours as dropviz/draw/surface_image.py mixes them) and plays the snapshots at an
// even pace, so the surface moves smoothly although the server refreshes only a few times a second.
//
// Streamlit calls the default export again, on the same parentElement, whenever `data` changes; the cleanup it
// returns runs on unmount. So state lives in a WeakMap keyed by parentElement and the animation loop starts once.
//
// Data that comes late (created on the server before data already shown: `seq` is the server's clock) is ignored,
// so an older state is never drawn after a newer one. The surface that has `watch` set tells the server when the
// page is hidden or shown again (state value "hidden"): a hidden page then stops training (see app/views/train.py).
//
// Test hooks on the surface canvas (canvas.field): data-step = training step of the frame shown, data-cut = the
// server's token for "same net, same settings"; properties dropvizProbs (Float64Array of the last probabilities,
// grid point (i, j) at (i * R + j) * C, as in dropviz.core.grid.Grid), dropvizGrid, dropvizLog ([time, step, ms
// it took] per frame drawn), dropvizArrivals (per data received), dropvizLate (data ignored as late),
// dropvizReports (visibility reports sent: [time, hidden]), dropvizStarved (starvation reports sent: [time,
// starved]), dropvizTicks (animation frames the loop has run), dropvizFrameTimes (starved: [time, ms] of each
// animation frame with a draw, see judgeFed) and dropvizCalls.

const STATES = new WeakMap(); // parentElement -> state of that surface
const ACTIVATIONS = { relu: 0, tanh: 1, sigmoid: 2, linear: 3 };
const LAG_BATCHES = 1.5; // play 1.5 refreshes behind the newest snapshot: room for a refresh that comes late
const LAG_GAPS = 1.25; // ... or, when data comes irregularly (a crowded server or a busy browser), 1.25 times the
const GAPS_KEPT = 8; //    longest of the last 8 gaps between data, so the film keeps moving through a gap
const MAX_LAG_SECONDS = 6; // but never further behind than this
const CATCH_UP = 1.5; // per second: how fast the playhead closes a gap to where it should be
const MIN_PACE = 0.5; // the playhead moves at least at half the training rate while data keeps coming
const MAX_TICK = 0.5; // seconds: a longer wait between animation frames (a hidden tab) counts as this long
const DUTY = 0.15; // a starved browser draws this surface at most this share of the time (see advance)
const MAX_WAIT = 400; // ms: but waits no longer than this between frames, so the view keeps moving
const TICK_WINDOW = 3000; // ms of animation frames counted to tell a browser short of CPU (see checkStarved)
const STARVED_FPS = 20; // fewer animation frames a second than this while playing: starved
const FED_FPS = 40; // a starved browser is fed again when frames with a draw take under 1000 / FED_FPS ms (each
const DRAWS_KEPT = 9; // of the last 9) for FED_WINDOW ms on end (see judgeFed),
const FED_WINDOW = 10000; // twice as long each time it is starved again after recovering, up to MAX_FED_WINDOW
const MAX_FED_WINDOW = 160000;
const MIN_SLEEP = 50; // ms: a starved surface with no new frame yet looks again this much later
const MAX_QUEUE = 90; // snapshots waiting at most; older ones are dropped, so the delay stays bounded
const LOG_SIZE = 4000; // frames kept in dropvizLog
const LINE_WIDTH = 1.25; // decision boundary, CSS pixels
const BLOCK = 4; // grid points evaluated together (see evaluate)
const LATE_SECONDS = 30; // data older than the newest by less than this came late; more: the server restarted

export default function (component) {
  const { data, parentElement } = component;
  let state = STATES.get(parentElement);
  if (!state) {
    state = create(parentElement);
    STATES.set(parentElement, state);
  }
  state.field.dropvizCalls = (state.field.dropvizCalls || 0) + 1;
  const payload = data instanceof Uint8Array ? JSON.parse(new TextDecoder().decode(data)) : data; // JSON bytes
  state.setStateValue = component.setStateValue;
  if (payload && payload.frames && payload.frames.length && !late(state, payload)) {
    receive(state, payload);
    state.watch = !!payload.watch;
    if (state.serverHidden !== !!payload.hidden) state.reported = null; // the server changed its mind: report anew
    state.serverHidden = !!payload.hidden;
    if (state.serverStarved !== !!payload.starved) state.reportedStarved = null;
    state.serverStarved = !!payload.starved;
    reportVisibility(state);
  }
  // Streamlit calls the cleanup on unmount, but also for a call whose data was replaced before the call had
  // finished starting: so stop only once the surface has really left the page.
  return () => setTimeout(() => stopIfGone(parentElement, state), 250);
}

function create(root) {
  for (const old of root.querySelectorAll(".dropviz-surface")) old.remove(); // a shadow root used before
  const wrap = document.createElement("div"); // appended, never innerHTML: that would wipe Streamlit's CSS
  wrap.className = "dropviz-surface";
  const field = document.createElement("canvas");
  field.className = "field";
  const points = document.createElement("canvas");
  points.className = "points";
  wrap.append(field, points);
  root.appendChild(wrap);
  const state = {
    wrap,
    field,
    points,
    cell: document.createElement("canvas"), // R x R: one pixel per grid point, stretched onto the field
    scene: null,
    cut: null,
    playing: false,
    queue: [], // snapshots not yet shown (and the one shown), in step order
    shown: null,
    playhead: 0, // in training steps: the newest snapshot at or before it is on screen
    rate: 0, // training steps per second, as the snapshots arrive
    batch: 1, // training steps per refresh
    lastArrival: 0,
    gaps: [], // seconds between the last few data received while playing
    paces: [], // [seconds, training steps] between the last few data received while playing
    lastStep: 0,
    px: 0, // canvas size in device pixels
    size: 0, // and in CSS pixels
    dpr: 1,
    lastTick: performance.now(),
    timer: 0, // a starved surface's sleep until it asks for the next animation frame (see schedule)
    nextDraw: 0, // performance.now() before which a playing surface does not draw again (see advance)
    ticks: [], // times of the animation frames in the last TICK_WINDOW ms while playing
    ticksSince: 0, // when counting them started
    starved: false, // whether this browser is short of CPU (see checkStarved)
    drawnAt: null, // starved: when the animation frame of the last draw began
    frameTimes: [], // and ms the last few such frames took (see judgeFed)
    fedSince: null, // since when they have been quick enough for a fed film
    fedWindow: FED_WINDOW, // for how long they must be before it counts as fed
    recovered: false, // whether it was starved and then fed again
    serverStarved: false, // whether the server believes so
    reportedStarved: null, // the last starvation reported while the server believes otherwise
    probs: null,
    log: [],
    arrivals: [],
    raf: 0,
    seq: null, // the server's clock when it made the newest data received
    watch: false, // report visibility changes
    serverHidden: false, // whether the server believes the page hidden
    reported: null, // the last visibility reported (true: hidden) while the server believes otherwise
    setStateValue: null,
  };
  field.dropvizLog = state.log;
  field.dropvizArrivals = state.arrivals; // [time, newest step, jumped (1/0), queue length, cut, snapshots] per data
  field.dropvizLate = 0;
  field.dropvizReports = [];
  field.dropvizStarved = [];
  field.dropvizTicks = 0;
  field.dropvizFrameTimes = [];
  state.onVisibility = () => {
    state.gaps = []; // a gap while hidden says nothing about the server's pace
    state.ticks = []; // nor about this browser's
    reportVisibility(state);
  };
  document.addEventListener("visibilitychange", state.onVisibility);
  state.observer = new ResizeObserver(() => resize(state));
  state.observer.observe(wrap);
  state.tick = (now) => {
    state.field.dropvizTicks++;
    try {
      state.raf = 0;
      advance(state, now);
    } finally {
      schedule(state);
    }
  };
  wake(state);
  return state;
}

// The animation loop runs while there is something to play. Paused with its frame on screen, a surface asks for no
// animation frames (sixty a second would keep a paused page busy through a whole talk) until new data wakes it.
function resting(state) {
  return !state.playing && state.queue.length <= 1 && state.shown === state.queue[0];
}

function wake(state) {
  if (state.raf || state.timer) return;
  state.lastTick = performance.now(); // the rest is not a long animation frame
  state.raf = requestAnimationFrame(state.tick);
}

// The next animation frame: at once, or for a starved surface that is playing, when it may draw again (see advance).
// Every animation frame costs a browser work (a commit, the compositor's) even when nothing is drawn: measured with
// ten browsers sharing one core, sleeping through them cut the longest still view from 1.12 s to 0.61-0.80 s.
function schedule(state) {
  if (resting(state)) return;
  const now = performance.now();
  const asleep = state.starved && state.playing && state.drawnAt === null;
  const sleep = asleep ? Math.max(MIN_SLEEP, state.nextDraw - now) : 0;
  if (sleep <= 0) {
    state.raf = requestAnimationFrame(state.tick);
    return;
  }
  state.timer = setTimeout(() => {
    state.timer = 0;
    state.raf = requestAnimationFrame(state.tick);
  }, sleep);
}

function stopIfGone(root, state) {
  if (!state.wrap.isConnected && STATES.get(root) === state) destroy(root, state);
}

function destroy(root, state) {
  cancelAnimationFrame(state.raf);
  clearTimeout(state.timer);
  document.removeEventListener("visibilitychange", state.onVisibility);
  state.observer.disconnect();
  state.wrap.remove();
  STATES.delete(root);
}

// --- new data from the server --------------------------------------------------------------------------------

// Data made before the newest already received (two runs overlap: a click starts a new run while the previous one
// finishes; or a stale element is rendered again): drawing it would show an older state after a newer one.
function late(state, data) {
  if (typeof data.seq !== "number") return false;
  if (state.seq !== null && data.seq <= state.seq && state.seq - data.seq < LATE_SECONDS) {
    state.field.dropvizLate++;
    return true;
  }
  state.seq = data.seq;
  return false;
}

// Tell the server when the page is hidden (a background tab, a minimised window) or visible again, if it does not
// know yet: a hidden page stops training, so a visitor who looks elsewhere costs the server nothing.
function reportVisibility(state) {
  const hidden = document.visibilityState === "hidden";
  if (!state.watch || !state.setStateValue || hidden === state.serverHidden || hidden === state.reported) return;
  state.reported = hidden;
  state.field.dropvizReports.push([performance.now(), hidden]);
  state.setStateValue("hidden", hidden);
}

function receive(state, data) {
  const net = describeNet(data.net);
  if (!state.scene || data.scene.id !== state.scene.id) {
    state.scene = prepareScene(data.scene);
    drawPoints(state);
  }
  const frames = data.frames.map((f) => decode(f, net));
  const newest = frames[frames.length - 1];
  const tail = state.queue.length ? state.queue[state.queue.length - 1].step : -1;
  const now = performance.now();
  // Paused, another net or other drop probabilities, Reset: show the newest state now and forget the rest.
  const jump = !data.playing || data.cut !== state.cut || newest.step < tail || !state.shown;
  if (jump) {
    state.queue = [newest];
    state.playhead = newest.step;
    state.gaps = [];
    state.paces = [];
  } else {
    const dt = (now - state.lastArrival) / 1000;
    const ds = newest.step - state.lastStep - (data.ahead || 0); // steps trained ahead: not the usual pace
    if (dt < 5 && ds > 0) {
      // The training rate over the last few data, not the last gap alone: two data close together (a rerun of the
      // whole page, say) would make the film race, then stand still waiting.
      state.paces.push([dt, ds]);
      if (state.paces.length > GAPS_KEPT) state.paces.shift();
      state.rate = sum(state.paces.map((x) => x[1])) / Math.max(0.02, sum(state.paces.map((x) => x[0])));
    }
    state.gaps.push(dt);
    if (state.gaps.length > GAPS_KEPT) state.gaps.shift();
    for (const f of frames) if (f.step > tail) state.queue.push(f);
    if (state.queue.length > MAX_QUEUE) state.queue.splice(0, state.queue.length - MAX_QUEUE);
  }
  if (!(state.rate > 0)) state.rate = data.rate || 1; // the server's guess, until measured
  state.batch = data.batch || 1;
  state.lastArrival = now;
  state.lastStep = newest.step;
  state.arrivals.push([now, newest.step, jump ? 1 : 0, state.queue.length, data.cut, frames.length]);
  if (state.arrivals.length > LOG_SIZE) state.arrivals.splice(0, LOG_SIZE / 2);
  state.cut = data.cut;
  state.playing = !!data.playing;
  if (jump) draw(state, newest); // at once, not at the next animation frame
  wake(state);
}

// A snapshot as one flat Float64Array: W_0, b_0, W_1, b_1, ... (offsets in net.wo and net.bo), from the base64
// of its little-endian float32 numbers (NaN and infinity included: a diverged net draws white).
function decode(frame, net) {
  const text = atob(frame.p);
  const bytes = new Uint8Array(text.length);
  for (let k = 0; k < text.length; k++) bytes[k] = text.charCodeAt(k); // 5x faster than Uint8Array.from(text, f)
  if (bytes.length !== 4 * net.count) throw new Error(`snapshot of ${bytes.length} bytes for ${net.count} numbers`);
  const view = new DataView(bytes.buffer);
  const p = new Float64Array(net.count);
  for (let k = 0; k < net.count; k++) p[k] = view.getFloat32(4 * k, true);
  return { step: frame.step, net, p };
}

function describeNet(spec) {
  const sizes = spec.sizes;
  const wo = [];
  const bo = [];
  let count = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    wo.push(count);
    count += sizes[l] * sizes[l + 1];
    bo.push(count);
    count += sizes[l + 1];
  }
  return { sizes, act: ACTIVATIONS[spec.activation] ?? 3, wo, bo, count };
}

function sum(values) {
  return values.reduce((a, b) => a + b, 0);
}

function hexToRgb(hex) {
  const c = hex.replace("#", "");
  return [0, 2, 4].map((i) => parseInt(c.slice(i, i + 2), 16));
}

function prepareScene(sc) {
  const R = sc.resolution;
  const [x0, x1, y0, y1] = sc.extent;
  const axis = (a, b) => {
    const step = (b - a) / (R - 1); // as numpy.linspace computes it
    const v = Float64Array.from({ length: R }, (_, k) => k * step + a);
    v[R - 1] = b;
    return v;
  };
  return {
    id: sc.id,
    R,
    extent: sc.extent,
    xs: axis(x0, x1),
    ys: axis(y0, y1),
    rgb: sc.colors.map(hexToRgb),
    colors: sc.colors,
    outline: sc.outline,
    outlineRgb: hexToRgb(sc.outline),
    saturation: sc.max_saturation,
    boundaryAlpha: sc.boundary_alpha,
    train: sc.train,
    test: sc.test,
    image: new ImageData(R, R),
    level: new Float64Array(R * R),
  };
}

// --- playing at an even pace ------------------------------------------------------------------------------

function advance(state, now) {
  checkStarved(state, now);
  const dt = Math.min(MAX_TICK, Math.max(0, (now - state.lastTick) / 1000));
  state.lastTick = now;
  const q = state.queue;
  if (!q.length || !state.px || !state.wrap.isConnected) return;
  const newest = q[q.length - 1].step;
  if (state.playing) {
    // Where the playhead should be: lag steps behind the newest snapshot at its arrival, moving at the training
    // rate since. It moves at that rate plus a gentle correction: an even pace, bounded delay.
    const lag = lagSteps(state);
    const since = (now - state.lastArrival) / 1000;
    const target = Math.min(newest, newest - lag + state.rate * since);
    // Never slower than half the rate: a lag that grew (data came late) slows the film down instead of freezing it.
    const pace = Math.max(MIN_PACE, 1 + (CATCH_UP * (target - state.playhead)) / state.rate);
    let p = state.playhead + state.rate * pace * dt;
    if (target - p > 2 * lag + 1) p = target; // far behind (a hidden tab): skip ahead
    state.playhead = Math.min(newest, Math.max(state.playhead, p));
  } else {
    state.playhead = newest;
  }
  let k = -1;
  while (k + 1 < q.length && q[k + 1].step <= state.playhead) k++;
  if (k < 0) return;
  const frame = q[k];
  if (k > 0) q.splice(0, k);
  // Starved, drawing at every animation frame would leave no time to handle the server's messages and refresh
  // timers, and the film would stall for seconds waiting for data. So after a frame that took d ms the next waits
  // (1 / DUTY - 1) d: at most DUTY of the time goes to this surface. A draw interrupted by other work (in a
  // crowded browser) seems long, so the wait is capped at MAX_WAIT: the view still moves a few times a second.
  if (frame === state.shown || (state.starved && now < state.nextDraw)) return;
  const start = performance.now();
  draw(state, frame);
  const end = performance.now();
  state.nextDraw = end + Math.min(MAX_WAIT, (end - start) * (1 / DUTY - 1));
  if (state.starved) state.drawnAt = now; // the next animation frame tells how long this one took (see judgeFed)
}

// A browser short of CPU (many tabs, a weak laptop, a crowded room on one machine) shows it by few animation
// frames: under STARVED_FPS a second over the last TICK_WINDOW ms of playing. Starved, a surface draws less (see
// advance), sleeps between its draws (see schedule), and the watching one tells the server (state value "starved"),
// which then refreshes less often with more steps each time (same training pace, less of Streamlit's work per
// second in this browser). Whether it is fed again, its draws tell (see judgeFed).
function checkStarved(state, now) {
  if (!state.playing) {
    state.ticks = [];
    state.fedSince = null;
    state.drawnAt = null;
    return;
  }
  if (state.starved && state.drawnAt !== null) judgeFed(state, now, now - state.drawnAt);
  state.drawnAt = null;
  if (!state.starved) {
    if (!state.ticks.length) state.ticksSince = now;
    state.ticks.push(now);
    while (state.ticks[0] < now - TICK_WINDOW) state.ticks.shift();
    const fps = (1000 * state.ticks.length) / TICK_WINDOW;
    if (fps < STARVED_FPS && now - state.ticksSince >= TICK_WINDOW) {
      state.starved = true;
      state.frameTimes = [];
      if (state.recovered) state.fedWindow = Math.min(MAX_FED_WINDOW, 2 * state.fedWindow); // it only seemed fed
    }
  }
  if (
    state.watch &&
    state.setStateValue &&
    state.starved !== state.serverStarved &&
    state.starved !== state.reportedStarved
  ) {
    state.reportedStarved = state.starved;
    state.field.dropvizStarved.push([now, state.starved]);
    state.setStateValue("starved", state.starved);
  }
}

// A starved surface sleeps between its draws, so the rate of animation frames says nothing of the browser's CPU,
// and a browser that draws little may have idle frames to spare anyway. What a fed film needs is frames with a draw
// in them at over FED_FPS a second: so after each draw the surface asks for the next animation frame at once, and
// the time until it comes (the draw, the browser's own work on the frame, any wait for CPU) says whether it could.
// Measured, ten browsers on one core, each starved and sleeping: a median of one frame (17 ms at 60 Hz), but one
// frame in ten 50 ms or more (one in a hundred of them did it for 10 s on end); a browser with CPU to spare: 17 ms
// every time. So every frame must be quick.
function judgeFed(state, now, ms) {
  state.field.dropvizFrameTimes.push([now, ms]);
  if (state.field.dropvizFrameTimes.length > LOG_SIZE) state.field.dropvizFrameTimes.splice(0, LOG_SIZE / 2);
  state.frameTimes.push(ms);
  if (state.frameTimes.length > DRAWS_KEPT) state.frameTimes.shift();
  if (state.frameTimes.length < DRAWS_KEPT || Math.max(...state.frameTimes) >= 1000 / FED_FPS) state.fedSince = null;
  else if (state.fedSince === null) state.fedSince = now;
  else if (now - state.fedSince >= state.fedWindow) {
    state.starved = false;
    state.recovered = true;
    state.fedSince = null;
    state.ticks = []; // counted afresh from now
  }
}

// How far behind the newest snapshot to play, in training steps: 1.5 refreshes, or more when data has come
// irregularly, so that the surface keeps moving until the next data arrives.
function lagSteps(state) {
  const longest = Math.min(MAX_LAG_SECONDS, LAG_GAPS * Math.max(0, ...state.gaps));
  return Math.max(LAG_BATCHES * state.batch, state.rate * longest);
}

// --- drawing ------------------------------------------------------------------------------------------------

function resize(state) {
  const size = state.wrap.clientWidth;
  const dpr = window.devicePixelRatio || 1;
  const px = Math.round(size * dpr);
  if (!px || px === state.px) return;
  Object.assign(state, { size, dpr, px });
  for (const canvas of [state.field, state.points]) {
    canvas.width = px; // clears the canvas: both are redrawn below, before the browser paints
    canvas.height = px;
  }
  drawPoints(state);
  if (state.shown) render(state);
  else advance(state, performance.now());
}

function draw(state, frame) {
  const start = performance.now();
  const R = state.scene.R;
  const C = frame.net.sizes[frame.net.sizes.length - 1];
  if (!state.probs || state.probs.length !== R * R * C) {
    state.probs = new Float64Array(R * R * C);
    state.field.dropvizProbs = state.probs;
  }
  evaluate(frame, state.scene, state.probs);
  state.classes = C;
  state.shown = frame;
  if (state.px) render(state);
  const field = state.field;
  field.dropvizGrid = { resolution: R, extent: state.scene.extent, classes: C };
  field.dropvizSizes = frame.net.sizes;
  field.dataset.step = String(frame.step);
  field.dataset.cut = state.cut;
  const end = performance.now();
  state.log.push([end, frame.step, end - start]);
  if (state.log.length > LOG_SIZE) state.log.splice(0, LOG_SIZE / 2);
}

// The weight-scaled net (eval mode) at every grid point; softmax probabilities into probs (grid point (i, j) at
// (i * R + j) * C). Points go through the net BLOCK at a time (a row of the grid holds R / BLOCK blocks): each
// weight is loaded once per block and the accumulators stay in registers, about 3x faster than one point at a
// time. A ReLU net with two or more hidden layers starts at the second layer's input (see ReluRow).
function evaluate(frame, scene, probs) {
  const { sizes, act, wo, bo } = frame.net;
  const P = frame.p;
  const L = sizes.length - 1;
  const C = sizes[L];
  const { R, xs, ys } = scene;
  const width = Math.max(...sizes);
  let a = new Float64Array(BLOCK * width); // a[BLOCK * unit + point]: the current layer's input, before activation
  let b = new Float64Array(BLOCK * width);
  const live = new Int32Array(width);
  const x = new Float64Array(BLOCK);
  const row = act === ACTIVATIONS.relu && L > 1 && P.every(Number.isFinite) ? new ReluRow(frame, xs) : null;
  let out = 0;
  for (let i = 0; i < R; i++) {
    const y = ys[i];
    if (row) row.start(y);
    for (let j = 0; j < R; j += BLOCK) {
      for (let p = 0; p < BLOCK; p++) x[p] = xs[Math.min(j + p, R - 1)]; // a last, partial block repeats its last point
      if (row) row.secondLayerInput(j, a);
      else firstLayer(P, sizes[1], wo[0], bo[0], x, y, a);
      for (let l = row ? 2 : 1; l < L; l++) {
        dense(P, sizes[l], sizes[l + 1], wo[l], bo[l], act, a, b, live); // hidden layer l's activation, then weights
        const t = a;
        a = b;
        b = t;
      }
      for (let p = 0; p < Math.min(BLOCK, R - j); p++) {
        softmax(a, p, C, probs, out);
        out += C;
      }
    }
  }
}

function firstLayer(P, n, w0, b0, x, y, a) {
  for (let o = 0; o < n; o++) {
    const wx = P[w0 + 2 * o];
    const c = P[w0 + 2 * o + 1] * y + P[b0 + o];
    for (let p = 0; p < BLOCK; p++) a[BLOCK * o + p] = wx * x[p] + c;
  }
}

// b = W a' + bias, with a' = act(a) for BLOCK points. Units that are zero at every point of the block (common with
// ReLU: neighbours share their pattern) add nothing, so only the others are summed.
function dense(P, nin, nout, w0, b0, act, a, b, live) {
  activate(a, BLOCK * nin, act);
  let n = 0;
  for (let k = 0; k < nin; k++) {
    const q = BLOCK * k;
    if (a[q] !== 0 || a[q + 1] !== 0 || a[q + 2] !== 0 || a[q + 3] !== 0) live[n++] = k;
  }
  for (let o = 0; o < nout; o++) {
    const bias = P[b0 + o];
    let s0 = bias;
    let s1 = bias;
    let s2 = bias;
    let s3 = bias;
    const row = w0 + o * nin;
    for (let m = 0; m < n; m++) {
      const k = live[m];
      const w = P[row + k];
      const q = BLOCK * k;
      s0 += w * a[q];
      s1 += w * a[q + 1];
      s2 += w * a[q + 2];
      s3 += w * a[q + 3];
    }
    const q = BLOCK * o;
    b[q] = s0;
    b[q + 1] = s1;
    b[q + 2] = s2;
    b[q + 3] = s3;
  }
}

// A ReLU net along one row of the grid (y fixed): first-layer unit k is a_k x + c_k, so it switches on or off at
// most once along the row, and between switches the second layer's input z = b2 + (sum over the units on of
// W2[:, k] (a_k x + c_k)) = G x + H is affine in x. G and H change only where a unit switches (at most twice the
// width per row), so the width x width product is paid per switch instead of per point: 2-32-32-2 draws about 3x
// faster. Same numbers as the plain forward pass up to rounding. Not for NaN or infinite weights (a diverged
// net): a sign test would drop a NaN that the plain pass spreads.
class ReluRow {
  constructor(frame, xs) {
    const { sizes, wo, bo } = frame.net;
    const P = frame.p;
    this.P = P;
    this.xs = xs;
    this.n1 = sizes[1];
    this.n2 = sizes[2];
    this.w1 = wo[1];
    this.b1 = bo[1];
    this.slope = Float64Array.from({ length: this.n1 }, (_, k) => P[wo[0] + 2 * k]); // a_k
    this.weightY = Float64Array.from({ length: this.n1 }, (_, k) => P[wo[0] + 2 * k + 1]);
    this.bias = Float64Array.from({ length: this.n1 }, (_, k) => P[bo[0] + k]);
    this.offset = new Float64Array(this.n1); // c_k in this row
    this.G = new Float64Array(this.n2);
    this.H = new Float64Array(this.n2);
    this.switches = new Int32Array(this.n1); // column * n1 + unit, in column order
    this.count = 0;
    this.next = 0;
  }

  isOn(k, x) {
    return this.slope[k] * x + this.offset[k] > 0; // the plain pass's test, so both agree on every point
  }

  start(y) {
    const { n1, n2, xs, offset } = this;
    const R = xs.length;
    for (let k = 0; k < n1; k++) offset[k] = this.weightY[k] * y + this.bias[k];
    this.G.fill(0);
    for (let o = 0; o < n2; o++) this.H[o] = this.P[this.b1 + o];
    let count = 0;
    for (let k = 0; k < n1; k++) {
      const on = this.isOn(k, xs[0]);
      if (on) this.add(k, 1);
      // The first column whose test differs: guessed from where a_k x + c_k = 0, then settled by the test itself.
      const slope = this.slope[k];
      if (slope === 0) continue;
      const guess = Math.ceil((-offset[k] / slope - xs[0]) / (xs[1] - xs[0]));
      let j = Math.min(R, Math.max(1, Number.isFinite(guess) ? guess : R));
      while (j > 1 && this.isOn(k, xs[j - 1]) !== on) j--;
      while (j < R && this.isOn(k, xs[j]) === on) j++;
      if (j < R) this.switches[count++] = j * n1 + k;
    }
    this.switches.subarray(0, count).sort();
    this.count = count;
    this.next = 0;
  }

  // z = G x + H for the block's points, columns j, j + 1, ... (the last column repeated past the end).
  secondLayerInput(j, a) {
    const { n1, n2, xs, G, H, switches } = this;
    const R = xs.length;
    for (let p = 0; p < BLOCK; p++) {
      const column = Math.min(j + p, R - 1);
      while (this.next < this.count && switches[this.next] < (column + 1) * n1) {
        const k = switches[this.next++] % n1;
        this.add(k, this.isOn(k, xs[column]) ? 1 : -1);
      }
      const x = xs[column];
      for (let o = 0; o < n2; o++) a[BLOCK * o + p] = G[o] * x + H[o];
    }
  }

  add(k, sign) {
    const { P, n1, n2, G, H } = this;
    const ga = sign * this.slope[k];
    const hc = sign * this.offset[k];
    for (let o = 0, w = this.w1 + k; o < n2; o++, w += n1) {
      G[o] += P[w] * ga;
      H[o] += P[w] * hc;
    }
  }
}

// Softmax of point p's C logits (a[BLOCK * c + p]) into probs[out + c].
function softmax(a, p, C, probs, out) {
  let m = -Infinity;
  for (let c = 0; c < C; c++) if (a[BLOCK * c + p] > m) m = a[BLOCK * c + p];
  let z = 0;
  for (let c = 0; c < C; c++) {
    const e = Math.exp(a[BLOCK * c + p] - m);
    probs[out + c] = e;
    z += e;
  }
  for (let c = 0; c < C; c++) probs[out + c] /= z;
}

function activate(v, n, act) {
  if (act === 0) {
    for (let k = 0; k < n; k++) if (v[k] < 0) v[k] = 0; // relu (NaN stays NaN, as in torch)
  } else if (act === 1) {
    for (let k = 0; k < n; k++) v[k] = Math.tanh(v[k]);
  } else if (act === 2) {
    for (let k = 0; k < n; k++) v[k] = 1 / (1 + Math.exp(-v[k]));
  }
}

// Colours from probs (as surface_image._grid_rgb), stretched bilinearly onto the field, then the boundary.
function render(state) {
  const { scene, probs, px } = state;
  const R = scene.R;
  const C = state.classes;
  const pixels = scene.image.data;
  for (let i = 0; i < R; i++) {
    const row = (R - 1 - i) * R; // the image's top row is the largest y
    for (let j = 0; j < R; j++) {
      const p = (i * R + j) * C;
      let r = 0;
      let g = 0;
      let bl = 0;
      let top = 0;
      for (let c = 0; c < C; c++) {
        let v = probs[p + c];
        v = v > 0 ? (v < 1 ? v : 1) : 0; // NaN -> 0: a diverged net draws white
        const rgb = scene.rgb[c];
        r += v * rgb[0];
        g += v * rgb[1];
        bl += v * rgb[2];
        if (v > top) top = v;
      }
      let confidence = 1;
      if (C > 1) confidence = Math.min(1, Math.max(0, (top - 1 / C) / (1 - 1 / C)));
      const alpha = scene.saturation * confidence;
      const q = (row + j) * 4;
      pixels[q] = Math.floor(255 * (1 - alpha) + r * alpha + 0.5);
      pixels[q + 1] = Math.floor(255 * (1 - alpha) + g * alpha + 0.5);
      pixels[q + 2] = Math.floor(255 * (1 - alpha) + bl * alpha + 0.5);
      pixels[q + 3] = 255;
    }
  }
  const cell = state.cell;
  if (cell.width !== R) {
    cell.width = R;
    cell.height = R;
  }
  cell.getContext("2d").putImageData(scene.image, 0, 0);
  const ctx = state.field.getContext("2d");
  ctx.imageSmoothingEnabled = true;
  // Grid values sit on the extent's edges: the source box runs from the first to the last pixel centre.
  ctx.drawImage(cell, 0.5, 0.5, R - 1, R - 1, 0, 0, px, px);
  drawBoundary(state, ctx);
}

// Where the most probable class changes: the zero line of p_c - max(other p), by marching squares, per class
// (once for two classes). All segments go into one path, so a line drawn from both sides is stroked once.
function drawBoundary(state, ctx) {
  const { scene, probs, px } = state;
  const R = scene.R;
  const C = state.classes;
  if (C < 2) return;
  const f = scene.level;
  const unit = px / (R - 1);
  ctx.beginPath();
  for (let c = 0; c < (C === 2 ? 1 : C); c++) {
    for (let n = 0; n < R * R; n++) {
      let other = -Infinity;
      for (let k = 0; k < C; k++) if (k !== c && probs[n * C + k] > other) other = probs[n * C + k];
      f[n] = probs[n * C + c] - other;
    }
    for (let i = 0; i < R - 1; i++) {
      for (let j = 0; j < R - 1; j++) contourCell(ctx, f, R, i, j, unit);
    }
  }
  const [r, g, b] = scene.outlineRgb;
  ctx.strokeStyle = `rgba(${r}, ${g}, ${b}, ${scene.boundaryAlpha})`;
  ctx.lineWidth = LINE_WIDTH * state.dpr;
  ctx.lineCap = "round";
  ctx.stroke();
}

function contourCell(ctx, f, R, i, j, unit) {
  // Corners counter-clockwise from (i, j); edge e joins corner e and corner e + 1.
  const v0 = f[i * R + j];
  const v1 = f[i * R + j + 1];
  const v2 = f[(i + 1) * R + j + 1];
  const v3 = f[(i + 1) * R + j];
  const s = v0 > 0;
  if (s === v1 > 0 && s === v2 > 0 && s === v3 > 0) return; // most cells: no boundary, nothing allocated
  const v = [v0, v1, v2, v3];
  const above = v.map((x) => x > 0);
  const corners = [
    [j, i],
    [j + 1, i],
    [j + 1, i + 1],
    [j, i + 1],
  ];
  const hits = [];
  for (let e = 0; e < 4; e++) {
    const a = e;
    const b = (e + 1) % 4;
    if (above[a] === above[b]) {
      hits.push(null);
      continue;
    }
    const t = v[a] / (v[a] - v[b]);
    const x = corners[a][0] + t * (corners[b][0] - corners[a][0]);
    const y = corners[a][1] + t * (corners[b][1] - corners[a][1]);
    hits.push([x * unit, (R - 1 - y) * unit]); // grid (j, i) -> canvas pixels, y up
  }
  const found = hits.filter((h) => h);
  const segment = (p, q) => {
    ctx.moveTo(p[0], p[1]);
    ctx.lineTo(q[0], q[1]);
  };
  if (found.length === 2) segment(found[0], found[1]);
  else if (found.length === 4) {
    // A saddle: the centre's sign says which pair of opposite corners is connected.
    const centre = (v[0] + v[1] + v[2] + v[3]) / 4 > 0;
    if (centre === above[0]) {
      segment(hits[0], hits[1]);
      segment(hits[2], hits[3]);
    } else {
      segment(hits[3], hits[0]);
      segment(hits[1], hits[2]);
    }
  }
}

// Training points: filled, with a dark outline. Test points: class-coloured rings, white inside, with a thin dark
// rim (as surface_image draws them). On their own canvas: drawn once, not every frame.
function drawPoints(state) {
  const { scene, points, size, dpr } = state;
  if (!scene || !state.px) return;
  const ctx = points.getContext("2d");
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, points.width, points.height);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0); // from here on, CSS pixels
  const [x0, x1, y0, y1] = scene.extent;
  const radius = Math.max(3, size / 75);
  const ring = Math.max(2, Math.round(radius / 2.5));
  const disc = (x, y, r, color) => {
    ctx.beginPath();
    ctx.arc(x, y, r, 0, 2 * Math.PI);
    ctx.fillStyle = color;
    ctx.fill();
  };
  for (const [set, hollow] of [
    [scene.train, false],
    [scene.test, true],
  ]) {
    for (let n = 0; n < set.y.length; n++) {
      const x = ((set.x[2 * n] - x0) / (x1 - x0)) * size;
      const y = ((y1 - set.x[2 * n + 1]) / (y1 - y0)) * size;
      const color = scene.colors[set.y[n] % scene.colors.length];
      if (hollow) {
        disc(x, y, radius + 1, scene.outline);
        disc(x, y, radius, color);
        disc(x, y, radius - ring, "#ffffff");
      } else {
        disc(x, y, radius, scene.outline);
        disc(x, y, radius - 1, color);
      }
    }
  }
}
