import { escapeHtml, linkFromInput } from './editor-dom.ts';

export interface LinkFormHost {
  area: HTMLElement;
  button: HTMLButtonElement;
  panel: HTMLElement;
  /** Focuses the text and puts back the selection it had. */
  focusText(): void;
  /** Called after the link changed the text. */
  changed(): void;
}

/**
 * The link button opens a small form under the toolbar (not window.prompt, which screen readers
 * and translators handle badly) that asks for the address. Only http(s) and e-mail addresses
 * are accepted; Enter makes the link, Escape goes back to the text.
 */
export function setUpLinkForm(host: LinkFormHost, nextId: () => string): { open(): void; close(): void } {
  const { area, button, panel } = host;
  const input = panel.querySelector<HTMLInputElement>('[data-editor-link-input]');
  const label = panel.querySelector<HTMLLabelElement>('[data-editor-link-label]');
  const error = panel.querySelector<HTMLElement>('[data-editor-link-error]');
  const remove = panel.querySelector<HTMLButtonElement>('[data-editor-link-remove]');
  if (!input || !label || !error || !remove) return { open() {}, close() {} };
  input.id = nextId();
  label.htmlFor = input.id;
  error.id = nextId();
  panel.id = nextId();
  button.setAttribute('aria-controls', panel.id);

  /** The link the selection is in, if any. */
  const currentLink = (): HTMLAnchorElement | null => {
    const node = getSelection()?.anchorNode;
    const element = node instanceof Element ? node : node?.parentElement;
    const link = element?.closest('a');
    return link && area.contains(link) ? link : null;
  };
  const selectContents = (node: Node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(range);
  };
  const showError = (isShown: boolean) => {
    error.hidden = !isShown;
    if (isShown) {
      input.setAttribute('aria-invalid', 'true');
      input.setAttribute('aria-describedby', error.id);
    } else {
      input.removeAttribute('aria-invalid');
      input.removeAttribute('aria-describedby');
    }
  };
  const close = () => {
    panel.hidden = true;
    showError(false);
    button.setAttribute('aria-expanded', 'false');
  };
  const back = () => {
    close();
    host.focusText();
  };
  const apply = () => {
    const href = linkFromInput(input.value);
    if (!href) {
      showError(true);
      input.focus();
      return;
    }
    back();
    const link = currentLink();
    if (link) selectContents(link);
    if (!link && getSelection()?.isCollapsed) {
      document.execCommand('insertHTML', false, `<a href="${escapeHtml(href)}">${escapeHtml(href.replace(/^mailto:/, ''))}</a>`);
    } else {
      document.execCommand('createLink', false, href);
    }
    host.changed();
  };

  panel.querySelector('[data-editor-link-apply]')?.addEventListener('click', apply);
  panel.querySelector('[data-editor-link-cancel]')?.addEventListener('click', back);
  remove.addEventListener('click', () => {
    back();
    const link = currentLink();
    if (!link) return;
    selectContents(link);
    document.execCommand('unlink');
    host.changed();
  });
  panel.addEventListener('keydown', (event) => {
    // Enter in this field must not send the post's form.
    if (event.key === 'Enter' && event.target === input) {
      event.preventDefault();
      apply();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      back();
    }
  });

  return {
    open() {
      const link = currentLink();
      input.value = link?.getAttribute('href') ?? '';
      remove.hidden = !link;
      showError(false);
      panel.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      input.focus();
    },
    close,
  };
}
