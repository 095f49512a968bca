// Editing where the text is, instead of prompt() (which blocks the page and offers one line): a
// message's text becomes a box holding it, the header's title a field. Save or Enter keeps the
// change (Shift+Enter is a new line in a message), Cancel or Escape puts the text back.

/** `label` as a button of class `name`. */
function button(label, name) {
  const b = document.createElement("button");
  b.type = "button";
  b.className = name;
  b.textContent = label;
  return b;
}

/**
 * Replaces `host`'s content with a field holding `text`; resolves the text saved, or `null` when
 * cancelled (or when `host` is already being edited). `host`'s content comes back either way.
 */
export function editInPlace(host, text, { multiline = false, label = "Edit" } = {}) {
  if (host.classList.contains("editing")) return Promise.resolve(null);
  return new Promise((resolve) => {
    const kept = [...host.childNodes];
    const field = document.createElement(multiline ? "textarea" : "input");
    field.className = "in-place-field";
    field.value = text;
    field.setAttribute("aria-label", label);
    const save = button("Save", "save");
    const cancel = button("Cancel", "cancel link");
    const box = document.createElement("div");
    box.className = `in-place${multiline ? " multiline" : ""}`;
    box.append(field, save, cancel);
    const done = (value) => {
      host.classList.remove("editing");
      host.replaceChildren(...kept);
      resolve(value);
    };
    save.onclick = () => done(field.value);
    cancel.onclick = () => done(null);
    field.onkeydown = (event) => {
      if (event.key === "Escape") done(null);
      else if (event.key === "Enter" && !(multiline && event.shiftKey) && !event.isComposing) {
        event.preventDefault();
        done(field.value);
      }
    };
    host.classList.add("editing");
    host.replaceChildren(box);
    field.focus();
    field.setSelectionRange(field.value.length, field.value.length);
  });
}
