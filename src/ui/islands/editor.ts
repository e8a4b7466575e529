import { toAllowedHtml } from './editor-allowed.ts';
import { htmlToMarkdown } from './editor-markdown.ts';
import { renderForEditor } from './editor-source.ts';
import { setUpLinkForm } from './editor-link.ts';
import { setUpToolbar } from './editor-toolbar.ts';

/**
 * The post editor island. It enhances each `[data-editor]` rendered by MarkdownEditor
 * (src/ui/editor.tsx): the textarea stays in the form, hidden, and gets the Markdown of a
 * rich-text area (role="textbox") on every change. The Markdown button shows the textarea again.
 * Nothing reaches the rich-text area unfiltered: the server's rendering, Markdown rendered here
 * and pastes all pass toAllowedHtml. No inline styles anywhere: the CSP forbids them.
 */
export function enhanceEditors(root: ParentNode): void {
  root.querySelectorAll<HTMLElement>('[data-editor]:not([data-editor-ready])').forEach(createEditor);
}

let lastId = 0;
const nextId = () => `lk-editor-${++lastId}`;

/** Markdown as the editor's HTML: rendered like the server does, then only allowed elements kept. */
function markdownToEditorHtml(markdown: string): string {
  const html = toAllowedHtml(new DOMParser().parseFromString(renderForEditor(markdown), 'text/html').body);
  return html === '' ? '<p><br></p>' : html;
}

const FORMAT_COMMANDS: Record<string, string> = { bold: 'bold', italic: 'italic', 'bulleted-list': 'insertUnorderedList', 'numbered-list': 'insertOrderedList' };
const HEADINGS = 'h1, h2, h3, h4, h5, h6';

interface Parts {
  textarea: HTMLTextAreaElement;
  label: HTMLLabelElement;
  area: HTMLElement;
  hint: HTMLElement;
  toolbar: HTMLElement;
  panel: HTMLElement;
  linkButton: HTMLButtonElement;
  sourceButton: HTMLButtonElement;
}

function createEditor(container: HTMLElement): void {
  const parts = mountParts(container);
  if (!parts) return;
  const editor = editorBehaviour(parts);
  listenToText(parts, editor);
  // The label and the error summary point at the textarea; in rich mode the text takes their focus.
  parts.label.addEventListener('click', (event) => {
    if (editor.isSource()) return;
    event.preventDefault();
    parts.area.focus();
  });
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (editor.isSource() || target?.getAttribute('href') !== `#${parts.textarea.id}`) return;
    event.preventDefault();
    parts.area.focus();
  });
  parts.textarea.form?.addEventListener('submit', editor.sync);
}

/** Puts the controls from the template before the hidden textarea, with ids and ARIA wired up. */
function mountParts(container: HTMLElement): Parts | null {
  const textarea = container.querySelector('textarea');
  const controls = container.querySelector<HTMLTemplateElement>('template[data-editor-controls]');
  const content = container.querySelector<HTMLTemplateElement>('template[data-editor-content]');
  const label = textarea && container.querySelector<HTMLLabelElement>(`label[for="${CSS.escape(textarea.id)}"]`);
  if (!textarea || !controls || !content || !label) return null;
  const fragment = controls.content.cloneNode(true) as DocumentFragment;
  const find = <T extends Element>(selector: string) => fragment.querySelector<T>(selector);
  const [toolbar, area, hint, panel] = ['[data-editor-toolbar]', '[data-editor-area]', '[data-editor-hint]', '[data-editor-link]'].map((s) => find<HTMLElement>(s));
  const linkButton = find<HTMLButtonElement>('button[data-command="link"]');
  const sourceButton = find<HTMLButtonElement>('button[data-command="source"]');
  if (!toolbar || !area || !hint || !panel || !linkButton || !sourceButton) return null;
  container.setAttribute('data-editor-ready', '');
  label.id ||= nextId();
  area.id = nextId();
  hint.id = nextId();
  area.setAttribute('aria-labelledby', label.id);
  area.setAttribute('aria-describedby', [textarea.getAttribute('aria-describedby'), hint.id].filter(Boolean).join(' '));
  if (textarea.getAttribute('aria-invalid') === 'true') area.setAttribute('aria-invalid', 'true');
  // A hidden required field would block sending with a message nobody can see; the server checks it.
  if (textarea.required) {
    area.setAttribute('aria-required', 'true');
    textarea.required = false;
  }
  toolbar.setAttribute('aria-controls', area.id);
  // A value the browser restored (back button) wins over the one the page was rendered with.
  area.innerHTML = textarea.value === textarea.defaultValue ? toAllowedHtml(content.content) || '<p><br></p>' : markdownToEditorHtml(textarea.value);
  textarea.before(fragment);
  textarea.hidden = true;
  container.classList.add('lk-editor--rich');
  document.execCommand('defaultParagraphSeparator', false, 'p');
  return { textarea, label, area, hint, toolbar, panel, linkButton, sourceButton };
}

interface EditorBehaviour {
  isSource(): boolean;
  run(command: string): void;
  changed(): void;
  sync(): void;
  focusToolbar(): void;
}

/** The editor's state (rich or source, edited or not, the last selection) and its commands. */
function editorBehaviour({ textarea, area, hint, toolbar: toolbarElement, panel, linkButton, sourceButton }: Parts): EditorBehaviour {
  let isSource = false;
  let hasRichEdits = false;
  let savedRange: Range | null = null;
  /** The textarea holds the truth until the rich text is edited, so an untouched post is posted unchanged. */
  const sync = () => {
    if (!isSource && hasRichEdits) textarea.value = htmlToMarkdown(area);
  };
  const focusText = () => {
    area.focus();
    if (!savedRange) return;
    getSelection()?.removeAllRanges();
    getSelection()?.addRange(savedRange);
  };
  /** The nearest element around the caret that matches, inside the text only. */
  const closestAtCaret = (selector: string): Element | null => {
    const node = getSelection()?.anchorNode;
    const found = (node instanceof Element ? node : node?.parentElement)?.closest(selector);
    return found && area.contains(found) ? found : null;
  };
  const saveSelection = () => {
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0 || !area.contains(selection.anchorNode)) return;
    savedRange = selection.getRangeAt(0).cloneRange();
    toolbar.setPressed('bold', document.queryCommandState('bold'));
    toolbar.setPressed('italic', document.queryCommandState('italic'));
    toolbar.setPressed('heading', closestAtCaret(HEADINGS) !== null);
    const list = closestAtCaret('ul, ol')?.tagName;
    toolbar.setPressed('bulleted-list', list === 'UL');
    toolbar.setPressed('numbered-list', list === 'OL');
    toolbar.setPressed('quote', closestAtCaret('blockquote') !== null);
  };
  const changed = () => {
    hasRichEdits = true;
    sync();
    saveSelection();
  };
  const link = setUpLinkForm({ area, button: linkButton, panel, focusText, changed }, nextId);
  const showSource = (isShown: boolean) => {
    sync();
    if (!isShown) area.innerHTML = markdownToEditorHtml(textarea.value);
    isSource = isShown;
    hasRichEdits = false;
    savedRange = null;
    link.close();
    area.hidden = isShown;
    hint.hidden = isShown;
    textarea.hidden = !isShown;
    toolbarElement.querySelectorAll<HTMLButtonElement>('button[data-command]').forEach((button) => (button.hidden = isShown && button !== sourceButton));
    sourceButton.setAttribute('aria-pressed', String(isShown));
    toolbar.refresh();
    (isShown ? textarea : area).focus();
  };
  const run = (command: string) => {
    if (command === 'source') return showSource(!isSource);
    focusText();
    if (command === 'link') return link.open();
    const format = FORMAT_COMMANDS[command];
    if (format) document.execCommand(format);
    else if (command === 'heading') document.execCommand('formatBlock', false, closestAtCaret(HEADINGS) ? '<p>' : '<h3>');
    else if (command === 'quote' && !closestAtCaret('blockquote')) document.execCommand('formatBlock', false, '<blockquote>');
    else if (command === 'quote') {
      document.execCommand('outdent');
      // Out of the quote the text may stand loose in the editor; make it a paragraph again.
      if (!closestAtCaret(`p, li, pre, blockquote, ${HEADINGS}`)) document.execCommand('formatBlock', false, '<p>');
    }
    changed();
  };
  const toolbar = setUpToolbar(toolbarElement, run);
  document.addEventListener('selectionchange', saveSelection);
  return { isSource: () => isSource, run, changed, sync, focusToolbar: toolbar.focus };
}

/** Typing, shortcuts, pastes and drops in the rich text. */
function listenToText({ area }: Parts, editor: EditorBehaviour): void {
  area.addEventListener('input', editor.changed);
  area.addEventListener('keydown', (event) => {
    const key = event.key.toLowerCase();
    if (event.altKey && key === 'f10') {
      event.preventDefault();
      editor.focusToolbar();
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return;
    const command = { b: 'bold', i: 'italic', k: 'link' }[key];
    // Underline (Ctrl+U) has no place in a post: it would be lost on saving.
    if (command || key === 'u') event.preventDefault();
    if (command) editor.run(command);
  });
  area.addEventListener('paste', (event) => {
    if (!event.clipboardData) return;
    event.preventDefault();
    insertClean(event.clipboardData);
  });
  // Text dragged within the editor is its own, already clean: the browser moves it.
  let isDraggingOwnText = false;
  area.addEventListener('dragstart', () => (isDraggingOwnText = true));
  document.addEventListener('dragend', () => (isDraggingOwnText = false));
  area.addEventListener('drop', (event) => {
    if (!event.dataTransfer || isDraggingOwnText) return;
    event.preventDefault();
    const range = document.caretRangeFromPoint?.(event.clientX, event.clientY);
    if (range) {
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    }
    insertClean(event.dataTransfer);
  });
}

/**
 * Pasted or dropped HTML is never inserted as it is: it becomes Markdown (only what a post can
 * hold), that is rendered again and filtered, so the editor shows exactly what will be stored.
 */
function insertClean(data: DataTransfer): void {
  const html = data.getData('text/html');
  if (!html) {
    document.execCommand('insertText', false, data.getData('text/plain'));
    return;
  }
  const pasted = new DOMParser().parseFromString(html, 'text/html');
  const clean = markdownToEditorHtml(htmlToMarkdown(pasted.body));
  // A single pasted paragraph joins the one at the caret instead of splitting it.
  const single = /^<p>((?:(?!<\/?p>)[\s\S])*)<\/p>\s*$/.exec(clean);
  document.execCommand('insertHTML', false, single ? (single[1] as string) : clean);
}
