/** The frame's accessible name; the end-to-end tests find the panel by it. */
export const PANEL_TITLE = 'Countersign review panel';

/** The panel's box at the right edge of the CRM page (its left border included), open or collapsed. */
export const OPEN_WIDTH = 380;
export const COLLAPSED = { width: 44, height: 112 };

type Styles = Record<string, string>;

// Fixed to the viewport, so the CRM's own layout never moves: no margin or width of the page is touched. Collapsed,
// the frame is a short tab at mid-height, clear of the header bars and the bottom utility bars CRMs put at the edge.
const WRAPPER: Styles = {
  position: 'fixed',
  right: '0',
  left: 'auto',
  bottom: 'auto',
  'z-index': '2147483646',
  margin: '0',
  padding: '0',
  'box-sizing': 'border-box',
  display: 'block',
  overflow: 'hidden',
  background: 'transparent',
  transform: 'none',
};
const OPEN: Styles = {
  width: `${OPEN_WIDTH}px`,
  height: '100vh',
  top: '0',
  border: '0',
  'border-left': '1px solid rgba(0, 0, 0, 0.15)',
  'box-shadow': '-4px 0 12px rgba(0, 0, 0, 0.08)',
};
const SHUT: Styles = {
  width: `${COLLAPSED.width}px`,
  height: `${COLLAPSED.height}px`,
  top: `calc(50vh - ${COLLAPSED.height / 2}px)`,
  border: '0',
  'box-shadow': 'none',
};
const IFRAME: Styles = {
  display: 'block',
  width: '100%',
  height: '100%',
  'max-width': 'none',
  'max-height': 'none',
  border: '0',
  margin: '0',
  padding: '0',
  'box-sizing': 'border-box',
  background: 'transparent',
};

// `important`, so that a CRM stylesheet's own !important rules on div or iframe cannot resize or hide the panel.
function apply(el: HTMLElement, styles: Styles): void {
  for (const [name, value] of Object.entries(styles)) el.style.setProperty(name, value, 'important');
}

/** Sizes the wrapper and its iframe for the given state. */
export function layoutFrame(wrapper: HTMLElement, iframe: HTMLIFrameElement, collapsed: boolean): void {
  apply(wrapper, { ...WRAPPER, ...(collapsed ? SHUT : OPEN) });
  apply(iframe, IFRAME);
  wrapper.dataset.countersign = collapsed ? 'collapsed' : 'open';
}
