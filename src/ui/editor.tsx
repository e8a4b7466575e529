import type { PageContext } from './context.ts';
import { TextArea, type FormState } from './components.tsx';
import { renderMarkdown } from '../platform/markdown.ts';

export interface MarkdownEditorProps {
  ctx: PageContext;
  form?: FormState;
  name: string;
  label: string;
  description?: string;
  required?: boolean;
  rows?: number;
  maxLength?: number;
}

/** The formatting buttons, in toolbar order. `command` is what the island runs. */
const BUTTONS = [
  { command: 'bold', label: 'editor.bold', shortcut: 'Control+B Meta+B' },
  { command: 'italic', label: 'editor.italic', shortcut: 'Control+I Meta+I' },
  { command: 'heading', label: 'editor.heading' },
  { command: 'bulleted-list', label: 'editor.bulleted_list' },
  { command: 'numbered-list', label: 'editor.numbered_list' },
  { command: 'quote', label: 'editor.quote' },
  { command: 'link', label: 'editor.link', shortcut: 'Control+K Meta+K' },
] as const;

/**
 * The post editor. Without JavaScript it is a Markdown textarea that posts as it is. With it, the
 * editor island (src/ui/islands/editor.ts) hides the textarea behind a rich-text area and a
 * toolbar, and writes Markdown back into the textarea as you type. Everything the island shows
 * is rendered here, in two inert templates: the current text as sanitised HTML, and the
 * controls with their translated labels.
 */
export function MarkdownEditor(props: MarkdownEditorProps) {
  const { ctx, form, name, label } = props;
  const value = form?.values[name];
  const source = typeof value === 'string' ? value : '';
  return (
    <div class="lk-editor" data-editor>
      <TextArea {...props} rows={props.rows ?? 10} />
      <template data-editor-content dangerouslySetInnerHTML={{ __html: renderMarkdown(source) }} />
      <template data-editor-controls>
        <EditorControls ctx={ctx} label={label} />
      </template>
    </div>
  );
}

/** Ids are given by the island, which knows how many editors the page has. */
function EditorControls({ ctx, label }: { ctx: PageContext; label: string }) {
  const { t } = ctx;
  return (
    <>
      <div class="lk-editor__toolbar" role="toolbar" aria-label={t('editor.toolbar', { field: label })} data-editor-toolbar>
        {BUTTONS.map((button) => (
          <button
            type="button"
            class={`lk-editor__button lk-editor__button--${button.command}`}
            data-command={button.command}
            aria-pressed={button.command === 'link' ? undefined : 'false'}
            aria-expanded={button.command === 'link' ? 'false' : undefined}
            aria-keyshortcuts={'shortcut' in button ? button.shortcut : undefined}
            key={button.command}
          >
            {t(button.label)}
          </button>
        ))}
        <button type="button" class="lk-editor__button lk-editor__button--source" data-command="source" aria-pressed="false">
          {t('editor.source')}
        </button>
      </div>
      <div class="lk-editor__link" role="group" aria-label={t('editor.link')} data-editor-link hidden>
        <label class="utrecht-form-label" data-editor-link-label>{t('editor.link_address')}</label>
        <p class="utrecht-form-field-error-message" data-editor-link-error hidden>{t('editor.link_invalid')}</p>
        <input class="utrecht-textbox utrecht-textbox--html-input" type="text" inputMode="url" autoComplete="off" spellcheck={false} data-editor-link-input />
        <div class="lk-editor__link-actions">
          <button type="button" class="utrecht-button utrecht-button--primary-action" data-editor-link-apply>{t('editor.link_apply')}</button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" data-editor-link-remove hidden>{t('editor.link_remove')}</button>
          <button type="button" class="utrecht-button utrecht-button--secondary-action" data-editor-link-cancel>{t('editor.link_cancel')}</button>
        </div>
      </div>
      <div class="lk-editor__area" contentEditable="true" role="textbox" aria-multiline="true" spellcheck data-editor-area />
      <p class="utrecht-form-field-description lk-editor__hint" data-editor-hint>{t('editor.hint')}</p>
    </>
  );
}
