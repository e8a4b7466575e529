/**
 * On the ask form: as the title is typed, shows questions that look alike (the user may read the
 * answer instead of asking again). Enhances `[data-similar-questions][data-community-id]` inside
 * a form with an `input[name=title]`; an optional `data-heading` is shown above the list. Without
 * JavaScript the form's "look for similar questions first" button does the same on the server.
 * Everything is built with textContent: titles are never parsed as HTML.
 */

interface SimilarItem {
  title: string;
  url: string;
  communityName: string;
}

const MIN_LENGTH = 3;
const DEBOUNCE_MS = 300;

export function enhanceSimilarQuestions(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-similar-questions][data-community-id]').forEach((container) => {
    const title = container.closest('form')?.querySelector<HTMLInputElement>('input[name="title"]');
    const communityId = container.dataset.communityId;
    if (!title || !communityId) return;
    const view = createView(container);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let inFlight: AbortController | undefined;
    let shown = '';

    const update = async () => {
      const text = title.value.replace(/\s+/g, ' ').trim();
      if (text === shown) return;
      shown = text;
      inFlight?.abort();
      if (text.length < MIN_LENGTH) return view.render([]);
      const controller = new AbortController();
      inFlight = controller;
      try {
        const url = `/api/v1/communities/${encodeURIComponent(communityId)}/questions/similar?title=${encodeURIComponent(text)}`;
        const response = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin', signal: controller.signal });
        if (!response.ok) return;
        const body = (await response.json()) as { items?: SimilarItem[] };
        if (!controller.signal.aborted) view.render(body.items ?? []);
      } catch {
        // Aborted by newer typing, or offline: the server-side button still works.
      }
    };

    title.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void update(), DEBOUNCE_MS);
    });
  });
}

/** The live region exists before anything is put in it, so screen readers announce the changes. */
function createView(container: HTMLElement) {
  const heading = document.createElement('p');
  heading.className = 'utrecht-paragraph';
  heading.textContent = container.dataset.heading ?? '';
  heading.hidden = true;
  const list = document.createElement('ul');
  list.className = 'utrecht-unordered-list';
  if (!container.closest('[aria-live]')) list.setAttribute('aria-live', 'polite');
  container.append(heading, list);
  return {
    render(items: SimilarItem[]) {
      const safe = items.filter((item) => /^\/vragen\/[0-9a-f-]{36}$/.test(item.url));
      list.replaceChildren(...safe.map(toListItem));
      heading.hidden = safe.length === 0 || heading.textContent === '';
    },
  };
}

function toListItem(item: SimilarItem): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'utrecht-unordered-list__item';
  const link = document.createElement('a');
  link.className = 'utrecht-link';
  link.href = item.url;
  link.textContent = item.title;
  const community = document.createElement('span');
  community.className = 'lk-meta';
  community.textContent = ` ${item.communityName}`;
  li.append(link, community);
  return li;
}
