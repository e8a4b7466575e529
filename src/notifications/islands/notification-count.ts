/**
 * Keeps the header's unread count current: opens an EventSource on /meldingen/live and, on each
 * `count` event, updates the badge and the link's accessible name, and says the new count in the
 * polite live region when it went up. Enhances `a[data-notification-count]`; without JavaScript
 * the count the server rendered is right as of the page load. Texts come from the server
 * (data-label-zero/one/other), so the island holds no language.
 */
export function enhanceNotificationCount(root: Document): void {
  const link = root.querySelector<HTMLAnchorElement>('a[data-notification-count]');
  if (!link || typeof EventSource === 'undefined') return;
  const announce = link.parentElement?.querySelector<HTMLElement>('[data-notification-announce]');
  const plurals = new Intl.PluralRules(root.documentElement.lang || 'nl');
  let shown = link.dataset.notificationCount === '' ? null : Number(link.dataset.notificationCount);

  const labelFor = (count: number) => {
    const form = count === 0 ? 'zero' : plurals.select(count) === 'one' ? 'one' : 'other';
    const template = (form === 'zero' ? link.dataset.labelZero : form === 'one' ? link.dataset.labelOne : link.dataset.labelOther) ?? '';
    return template.replace('{count}', count.toLocaleString(root.documentElement.lang || 'nl'));
  };

  const render = (count: number) => {
    let badge = link.querySelector<HTMLElement>('[data-notification-badge]');
    if (count > 0 && !badge) {
      badge = root.createElement('span');
      badge.className = 'lk-badge';
      badge.setAttribute('aria-hidden', 'true');
      badge.dataset.notificationBadge = '';
      link.append(' ', badge);
    }
    if (badge && count === 0) badge.remove();
    else if (badge) badge.textContent = count > 99 ? '99+' : String(count);
    const label = labelFor(count);
    link.setAttribute('aria-label', label);
    link.dataset.notificationCount = String(count);
    if (announce && shown !== null && count > shown) announce.textContent = label;
    shown = count;
  };

  const source = new EventSource('/meldingen/live');
  source.addEventListener('count', (event) => {
    const count = Number((event as MessageEvent<string>).data);
    if (Number.isInteger(count) && count >= 0 && count !== shown) render(count);
  });
  // Leaving the page: no reconnect attempts from a page that is going away.
  addEventListener('pagehide', () => source.close());
}
