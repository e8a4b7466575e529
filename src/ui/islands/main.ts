/**
 * Island runtime. Pages work without JavaScript; these only enhance elements that opt in
 * with a data attribute. No inline scripts: the CSP allows only this same-origin bundle.
 */
import { enhanceConfirmations } from './confirm.ts';
import { enhanceAutoSubmit } from './auto-submit.ts';
import { enhanceSlugSuggestion } from '../../organisations/islands/slug-suggest.ts';
import { enhanceSimilarQuestions } from '../../search/islands/similar-questions.ts';
import { enhanceNotificationCount } from '../../notifications/islands/notification-count.ts';

enhanceConfirmations(document);
enhanceAutoSubmit(document);
enhanceSlugSuggestion(document);
enhanceSimilarQuestions(document);
enhanceNotificationCount(document);
// The editor is the biggest island: its chunk is fetched only where a post is written.
const editors = document.querySelector('[data-editor]') ? import('./editor.ts').then(({ enhanceEditors }) => enhanceEditors(document)) : Promise.resolve();
// Said on the root element once every island has run, so browser tests know when to go on.
void editors.finally(() => {
  document.documentElement.dataset.islands = 'ready';
});
