/**
 * Forms with `data-confirm="…"` ask before a destructive action. Without JavaScript the
 * action goes to a confirmation page instead (see ConfirmPage), so nothing is lost.
 */
export function enhanceConfirmations(root: ParentNode): void {
  root.querySelectorAll<HTMLFormElement>('form[data-confirm]').forEach((form) => {
    form.addEventListener('submit', (event) => {
      const message = form.dataset.confirm ?? '';
      if (!window.confirm(message)) event.preventDefault();
      else form.querySelector<HTMLInputElement>('input[name="confirmed"]')?.setAttribute('value', 'yes');
    });
  });
}
