// Wraps an answer renderer so that each draw is recorded as a performance measure, read back by
// the chat bench (`performance.getEntriesByName(BENCH_RENDER_MEASURE)`), with the characters the
// answer had when it was drawn.
import type { AnswerRendererFactory } from '../../../media/chat/answerRenderer';
import { BENCH_RENDER_MEASURE } from '../../../tools/testOnlyMarkers';

export function measured(inner: AnswerRendererFactory): AnswerRendererFactory {
  return (container) => {
    const renderer = inner(container);
    let chars = 0;
    const timed = (draw: () => void): void => {
      const start = performance.now();
      draw();
      // Include the layout the draw causes, which the browser would otherwise do after the frame
      // callback, outside the measure.
      void container.offsetHeight;
      performance.measure(BENCH_RENDER_MEASURE, { start, end: performance.now(), detail: { chars } });
    };
    return {
      append: (text) => {
        chars += text.length;
        renderer.append(text);
      },
      render: () => timed(() => renderer.render()),
      finish: (ending) => timed(() => renderer.finish(ending)),
      reopen: () => timed(() => renderer.reopen()),
      redrawnLength: () => renderer.redrawnLength(),
    };
  };
}
