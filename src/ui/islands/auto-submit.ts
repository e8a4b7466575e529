/** A `<select data-auto-submit>` submits its filter form on change; the button stays for no-JS use. */
export function enhanceAutoSubmit(root: ParentNode): void {
  root.querySelectorAll<HTMLSelectElement>('select[data-auto-submit]').forEach((select) => {
    select.addEventListener('change', () => select.form?.requestSubmit());
  });
}
