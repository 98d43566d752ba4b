// Helpers the keyboard test injects into a page, as window.__keyboard.
//
// mark():        every interactive element a reader can see now; each gets a data-kbd number.
// focused():     the element that has focus: can the reader see it, and how is its focus ring
//                drawn (outline or box-shadow), with the ring's contrast against what is behind it.
// unfocused(ids): the same ring properties for those elements once nothing has focus.
window.__keyboard = (() => {
  const INTERACTIVE = [
    "a[href]", "area[href]", "button", "input:not([type=hidden])", "select", "textarea",
    "summary", "iframe", "[tabindex]", "[contenteditable]:not([contenteditable=false])",
  ].join(", ");

  const parseColor = (value) => {
    const match = /rgba?\(([^)]+)\)/.exec(value);
    if (!match) return null;
    const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return [parts[0], parts[1], parts[2], parts.length > 3 ? parts[3] : 1];
  };
  const over = (top, bottom) => {
    const a = top[3];
    return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
  };
  const luminance = (color) => {
    const channel = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * channel(color[0]) + 0.7152 * channel(color[1]) + 0.0722 * channel(color[2]);
  };
  const contrast = (a, b) => {
    const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (light + 0.05) / (dark + 0.05);
  };
  // The colour painted at a point: the backgrounds of the elements stacked there, top first.
  const paintedColor = (elements) => {
    const layers = [];
    for (const element of elements) {
      const color = parseColor(getComputedStyle(element).backgroundColor);
      if (color && color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    let color = layers.length && layers[layers.length - 1][3] >= 1 ? layers.pop() : [255, 255, 255, 1];
    while (layers.length) color = over(layers.pop(), color);
    return color;
  };
  const describe = (element) => {
    const classes = typeof element.className === "string" && element.className.trim()
      ? "." + element.className.trim().split(/\s+/).filter((c) => c !== "focus-visible").join(".") : "";
    const text = (element.innerText || element.getAttribute("aria-label") || element.getAttribute("title") || "").trim();
    return `<${element.tagName.toLowerCase()}${element.id ? "#" + element.id : ""}${classes}> "${text.replace(/\s+/g, " ").slice(0, 40)}"`;
  };
  const seen = (element) => {
    const box = element.getBoundingClientRect();
    return box.width >= 1 && box.height >= 1
      && element.checkVisibility({ opacityProperty: true, visibilityProperty: true, contentVisibilityAuto: true });
  };
  // Where the focus ring shows: the element itself, or for a control of zero size (the
  // theme's colour switch, radio buttons drawn as icons) the label that shows for it.
  const indicator = (element) => {
    const box = element.getBoundingClientRect();
    if (box.width >= 1 && box.height >= 1) return element;
    const labels = [element.nextElementSibling, ...(element.labels || []), ...(element.parentElement ? element.parentElement.children : [])];
    return labels.find((label) => label && label.tagName === "LABEL" && seen(label)) || element;
  };
  const ring = (element) => {
    const style = getComputedStyle(element);
    return {
      outlineStyle: style.outlineStyle,
      outlineWidth: style.outlineWidth,
      outlineColor: style.outlineColor,
      outlineOffset: style.outlineOffset,
      boxShadow: style.boxShadow,
    };
  };
  let counter = 0;
  const number = (element) => {
    if (!element.dataset.kbd) element.dataset.kbd = String(counter++);
    return element.dataset.kbd;
  };

  return {
    mark() {
      const found = [];
      for (const element of document.querySelectorAll(INTERACTIVE)) {
        if (element.disabled || element.tabIndex < 0 || element.closest("[inert]")) continue;
        // Rendered (not display: none, not visibility: hidden), and shown to the reader.
        if (!element.getClientRects().length || !element.checkVisibility({ visibilityProperty: true })) continue;
        if (!seen(indicator(element))) continue;
        found.push({ id: number(element), name: describe(element), group: element.type === "radio" ? element.name : null });
      }
      return found;
    },

    focused() {
      const element = document.activeElement;
      if (!element || element === document.body || element === document.documentElement) return null;
      const target = indicator(element);
      const box = target.getBoundingClientRect();
      const inWindow = box.right > 0 && box.bottom > 0 && box.left < innerWidth && box.top < innerHeight;
      const x = Math.min(Math.max(box.left + box.width / 2, 0), innerWidth - 1);
      const y = Math.min(Math.max(box.top + box.height / 2, 0), innerHeight - 1);
      // A link that wraps onto two lines is two boxes, and the middle of the whole may fall
      // on the text after it: the link is in view if the middle of any of its boxes is it.
      const mine = (found) => !!found && (target.contains(found) || found.contains(target) || element.contains(found));
      const parts = [...target.getClientRects()].filter((part) => part.width >= 1 && part.height >= 1);
      const hits = [[x, y], ...parts.map((part) => [
        Math.min(Math.max(part.left + part.width / 2, 0), innerWidth - 1),
        Math.min(Math.max(part.top + part.height / 2, 0), innerHeight - 1),
      ])].map(([px, py]) => document.elementFromPoint(px, py));
      const hit = hits.find(mine) || hits[0];
      const onTop = mine(hit);
      const style = ring(target);
      const width = parseFloat(style.outlineWidth) || 0;
      const offset = parseFloat(style.outlineOffset) || 0;
      const outline = style.outlineStyle !== "none" && width > 0;
      let ringContrast = null;
      let behind = null;
      const color = parseColor(style.outlineColor);
      if (outline && color) {
        // A point in the middle of the ring's left edge, and what is painted under the ring there.
        const middle = offset + width / 2;
        const ringX = Math.min(Math.max(box.left - middle, 0), innerWidth - 1);
        const inside = middle <= 0;
        const stack = document.elementsFromPoint(ringX, y).filter((e) => inside || !target.contains(e));
        const background = paintedColor(stack);
        ringContrast = contrast(over(color, background), background);
        behind = `rgb(${background.slice(0, 3).map(Math.round).join(", ")})`;
      }
      return {
        id: number(element),
        name: describe(element),
        visible: seen(target) && inWindow && onTop,
        coveredBy: onTop || !hit ? null : describe(hit),
        ring: style,
        hasRing: outline || style.boxShadow !== "none",
        ringContrast,
        behind,
      };
    },

    unfocused(ids) {
      if (document.activeElement) document.activeElement.blur();
      return ids.map((id) => {
        const element = document.querySelector(`[data-kbd="${id}"]`);
        return element ? ring(indicator(element)) : null;
      });
    },
  };
})();
