// The page's input: a textarea that grows with what is typed (Enter sends, Shift+Enter breaks the
// line), Send locked while a reply streams with Stop beside it, and the error line above it. A
// refused send gives its text back to the input, so nothing typed is lost.

const $ = (id) => document.getElementById(id);

/** Shows `error` in the error line (an abort, the stop button's, is no error). */
export function showError(error) {
  if (error?.name === "AbortError") return;
  const offline = error instanceof TypeError;
  $("error-text").textContent = offline ? `Could not reach the server: ${error.message}` : String(error?.message ?? error);
  $("error").hidden = false;
}

export const clearError = () => ($("error").hidden = true);

/** The send lock: while a reply streams, Send is disabled and Stop is offered. */
export function lock(on) {
  $("send-button").disabled = on;
  $("stop").hidden = !on;
  document.body.classList.toggle("streaming", on);
}

/** Wires the input: `send(text)` sends (rejecting when refused), `busy()` says whether a reply
 * streams, `stop()` stops it. */
export function composer({ send, busy, stop }) {
  const input = $("text");
  const fit = () => {
    input.style.height = "auto";
    input.style.height = `${Math.min(input.scrollHeight, 200)}px`;
  };
  input.addEventListener("input", fit);
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      $("send").requestSubmit();
    }
  });
  $("send").onsubmit = async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || busy()) return;
    input.value = "";
    fit();
    await send(text).catch((error) => {
      // Refused: the text comes back to the input (unless something else was typed meanwhile).
      if (!input.value) input.value = text;
      fit();
      showError(error);
    });
  };
  $("stop").onclick = () => stop();
  $("error-close").onclick = clearError;
}
