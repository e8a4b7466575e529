/**
 * The editor's toolbar as one tab stop: arrow keys, Home and End move between the buttons
 * (roving tabindex, WAI-ARIA toolbar pattern), and each button's aria-pressed follows the text
 * at the caret.
 */
export interface Toolbar {
  /** Moves the focus to the toolbar's current button (Alt+F10 from the text). */
  focus(): void;
  /** After buttons were hidden or shown: keeps exactly one visible button in the tab order. */
  refresh(): void;
  setPressed(command: string, isPressed: boolean): void;
}

export function setUpToolbar(toolbar: HTMLElement, run: (command: string) => void): Toolbar {
  const visibleButtons = () => Array.from(toolbar.querySelectorAll<HTMLButtonElement>('button[data-command]')).filter((button) => !button.hidden);
  let current: HTMLButtonElement | undefined;
  const makeCurrent = (button: HTMLButtonElement | undefined) => {
    current = button;
    for (const other of visibleButtons()) other.tabIndex = other === button ? 0 : -1;
  };
  const refresh = () => {
    const buttons = visibleButtons();
    makeCurrent(current && buttons.includes(current) ? current : buttons[0]);
  };

  toolbar.addEventListener('keydown', (event) => {
    const buttons = visibleButtons();
    const index = buttons.indexOf(event.target as HTMLButtonElement);
    if (index === -1) return;
    const last = buttons.length - 1;
    const next = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const button = buttons[(next + buttons.length) % buttons.length];
    makeCurrent(button);
    button?.focus();
  });
  toolbar.addEventListener('focusin', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-command]');
    if (button) makeCurrent(button);
  });
  // A mouse click must not take the focus (and so the selection) out of the text.
  toolbar.addEventListener('mousedown', (event) => {
    const button = (event.target as Element).closest<HTMLButtonElement>('button[data-command]');
    if (button && button.dataset.command !== 'source') event.preventDefault();
  });
  toolbar.addEventListener('click', (event) => {
    const command = (event.target as Element).closest<HTMLButtonElement>('button[data-command]')?.dataset.command;
    if (command) run(command);
  });
  refresh();

  return {
    focus: () => (current ?? visibleButtons()[0])?.focus(),
    refresh,
    setPressed(command, isPressed) {
      const button = toolbar.querySelector<HTMLButtonElement>(`button[data-command="${command}"]`);
      if (button && button.getAttribute('aria-pressed') !== String(isPressed)) button.setAttribute('aria-pressed', String(isPressed));
    },
  };
}
