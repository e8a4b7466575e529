import { slugify } from '../../platform/text.ts';

/**
 * On the new-organisation form, fills in the slug from the name as it is typed, until someone
 * edits the slug by hand. Without JavaScript the server derives it from the name instead.
 */
export function enhanceSlugSuggestion(root: ParentNode): void {
  root.querySelectorAll<HTMLFormElement>('form[action="/beheer/organisaties/nieuw"]').forEach((form) => {
    const name = form.querySelector<HTMLInputElement>('input[name="name"]');
    const slug = form.querySelector<HTMLInputElement>('input[name="slug"]');
    if (!name || !slug) return;
    let isEditedByHand = slug.value !== '' && slug.value !== slugify(name.value);
    slug.addEventListener('input', () => {
      isEditedByHand = slug.value !== '';
    });
    name.addEventListener('input', () => {
      if (!isEditedByHand) slug.value = slugify(name.value);
    });
  });
}
