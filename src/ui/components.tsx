import type { ComponentChildren } from 'preact';
import type { FieldError } from '../platform/errors.ts';
import type { PageContext } from './context.ts';

/** What a form shows: the values the user typed and the errors to fix. */
export interface FormState {
  values: Record<string, unknown>;
  errors: FieldError[];
}
export const emptyForm = (values: Record<string, unknown> = {}): FormState => ({ values, errors: [] });

export function CsrfField({ ctx }: { ctx: PageContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrfToken} />;
}

export function fieldErrorText(ctx: PageContext, form: FormState | undefined, name: string): string | undefined {
  const error = form?.errors.find((e) => e.field === name);
  return error ? ctx.t(error.code, error.params) : undefined;
}

const valueOf = (form: FormState | undefined, name: string): string => {
  const value = form?.values[name];
  if (Array.isArray(value)) return value.join(', ');
  return value === undefined || value === null ? '' : String(value);
};

/**
 * Lists every error at the top, each linking to its field (WCAG 3.3.1). It takes the focus when
 * the page loads (autofocus works without JavaScript), so a screen reader reads it out first.
 */
export function ErrorSummary({ ctx, form, idPrefix = '' }: { ctx: PageContext; form?: FormState; idPrefix?: string }) {
  if (!form || form.errors.length === 0) return null;
  return (
    <div class="utrecht-alert utrecht-alert--error" role="alert" tabIndex={-1} id="error-summary" autoFocus>
      <div class="utrecht-alert__content">
        <div class="utrecht-alert__message">
          <h2 class="utrecht-heading-3">{ctx.t('form.error_summary', { count: form.errors.length })}</h2>
          <ul class="utrecht-unordered-list">
            {form.errors.map((error) => (
              <li class="utrecht-unordered-list__item" key={error.field}>
                {error.field ? <a class="utrecht-link" href={`#${idPrefix}field-${error.field}`}>{ctx.t(error.code, error.params)}</a> : ctx.t(error.code, error.params)}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

interface FieldProps {
  ctx: PageContext;
  form?: FormState;
  name: string;
  label: string;
  description?: string;
  required?: boolean;
  /** For pages with several forms holding a field of the same name: keeps element ids unique. */
  idPrefix?: string;
}

function FieldShell({ ctx, form, name, label, description, idPrefix = '', children }: FieldProps & { children: ComponentChildren }) {
  const error = fieldErrorText(ctx, form, name);
  return (
    <div class={`utrecht-form-field${error ? ' utrecht-form-field--invalid' : ''}`}>
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`${idPrefix}field-${name}`}>{label}</label>
      </div>
      {description && <div class="utrecht-form-field-description" id={`${idPrefix}desc-${name}`}>{description}</div>}
      {error && <div class="utrecht-form-field-error-message" id={`${idPrefix}error-${name}`}>{error}</div>}
      <div class="utrecht-form-field__input">{children}</div>
    </div>
  );
}

const describedBy = (ctx: PageContext, form: FormState | undefined, name: string, description?: string, idPrefix = '') =>
  [description ? `${idPrefix}desc-${name}` : '', fieldErrorText(ctx, form, name) ? `${idPrefix}error-${name}` : ''].filter(Boolean).join(' ') || undefined;

export function TextField(props: FieldProps & { type?: string; autocomplete?: string; maxLength?: number; value?: string }) {
  const { ctx, form, name, required } = props;
  const invalid = Boolean(fieldErrorText(ctx, form, name));
  return (
    <FieldShell {...props}>
      <input
        class={`utrecht-textbox utrecht-textbox--html-input${invalid ? ' utrecht-textbox--invalid' : ''}`}
        id={`${props.idPrefix ?? ''}field-${name}`}
        name={name}
        type={props.type ?? 'text'}
        value={props.type === 'password' ? '' : (props.value ?? valueOf(form, name))}
        required={required}
        maxLength={props.maxLength}
        autoComplete={props.autocomplete}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(ctx, form, name, props.description, props.idPrefix)}
      />
    </FieldShell>
  );
}

export function TextArea(props: FieldProps & { rows?: number; maxLength?: number }) {
  const { ctx, form, name, required } = props;
  const invalid = Boolean(fieldErrorText(ctx, form, name));
  return (
    <FieldShell {...props}>
      <textarea
        class={`utrecht-textarea utrecht-textarea--html-textarea${invalid ? ' utrecht-textarea--invalid' : ''}`}
        id={`${props.idPrefix ?? ''}field-${name}`}
        name={name}
        rows={props.rows ?? 5}
        // aria-required, not required: forms are checked on the server (novalidate), and the
        // design system paints every empty required textarea red (:invalid) before anything is typed.
        aria-required={required ? 'true' : undefined}
        maxLength={props.maxLength}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(ctx, form, name, props.description, props.idPrefix)}
      >
        {valueOf(form, name)}
      </textarea>
    </FieldShell>
  );
}

export function SelectField(props: FieldProps & { options: { value: string; label: string }[]; autoSubmit?: boolean }) {
  const { ctx, form, name } = props;
  const current = valueOf(form, name);
  const invalid = Boolean(fieldErrorText(ctx, form, name));
  return (
    <FieldShell {...props}>
      <select
        class={`utrecht-select utrecht-select--html-select${invalid ? ' utrecht-select--invalid' : ''}`}
        id={`field-${name}`}
        name={name}
        data-auto-submit={props.autoSubmit ? '' : undefined}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={describedBy(ctx, form, name, props.description, props.idPrefix)}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={option.value === current} key={option.value}>{option.label}</option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of radio buttons or checkboxes in a fieldset with a legend. */
export function ChoiceGroup(props: FieldProps & { type: 'radio' | 'checkbox'; options: { value: string; label: string; description?: string }[] }) {
  const { ctx, form, name, label } = props;
  const error = fieldErrorText(ctx, form, name);
  const raw = form?.values[name];
  const selected = new Set(Array.isArray(raw) ? raw.map(String) : raw === undefined || raw === '' ? [] : [String(raw)]);
  return (
    <fieldset class={`utrecht-form-fieldset utrecht-form-fieldset--html-fieldset${error ? ' utrecht-form-fieldset--invalid' : ''}`} id={`field-${name}`} aria-describedby={error ? `error-${name}` : undefined}>
      <legend class="utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend">{label}</legend>
      {error && <div class="utrecht-form-field-error-message" id={`error-${name}`}>{error}</div>}
      {props.options.map((option) => {
        const id = `field-${name}-${option.value}`;
        return (
          <div class={`utrecht-form-field utrecht-form-field--${props.type}`} key={option.value}>
            <div class="utrecht-form-field__input">
              <input
                class={props.type === 'radio' ? 'utrecht-radio-button utrecht-radio-button--html-input' : 'utrecht-checkbox utrecht-checkbox--html-input'}
                type={props.type}
                id={id}
                name={name}
                value={option.value}
                checked={selected.has(option.value)}
                aria-describedby={option.description ? `${id}-desc` : undefined}
              />
            </div>
            <div class="utrecht-form-field__label">
              <label class={`utrecht-form-label utrecht-form-label--${props.type}`} for={id}>{option.label}</label>
            </div>
            {option.description && <div class="utrecht-form-field-description" id={`${id}-desc`}>{option.description}</div>}
          </div>
        );
      })}
    </fieldset>
  );
}

export function Button({ children, variant = 'primary', name, value }: { children: ComponentChildren; variant?: 'primary' | 'secondary' | 'danger'; name?: string; value?: string }) {
  const modifier = variant === 'primary' ? 'utrecht-button--primary-action' : variant === 'danger' ? 'utrecht-button--danger utrecht-button--secondary-action' : 'utrecht-button--secondary-action';
  return (
    <button type="submit" class={`utrecht-button ${modifier}`} name={name} value={value}>
      {children}
    </button>
  );
}

export function ButtonLink({ href, children }: { href: string; children: ComponentChildren }) {
  return <a class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action" href={href}>{children}</a>;
}

/**
 * A small form that posts one action. Destructive ones carry `confirm`: with JavaScript the
 * browser asks; without it, the server answers with a confirmation page (see renderConfirmation).
 */
export function ActionForm(props: { ctx: PageContext; action: string; label: string; confirm?: string; variant?: 'primary' | 'secondary' | 'danger'; hidden?: Record<string, string> }) {
  return (
    <form method="post" action={props.action} class="lk-inline-form" data-confirm={props.confirm}>
      <CsrfField ctx={props.ctx} />
      {props.confirm && <input type="hidden" name="confirmed" value="" />}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => <input type="hidden" name={name} value={value} key={name} />)}
      <Button variant={props.variant ?? 'secondary'}>{props.label}</Button>
    </form>
  );
}

export function EmptyState({ children }: { children: ComponentChildren }) {
  return <div class="lk-empty">{children}</div>;
}

export function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <ul class="lk-tags">
      {tags.map((tag) => <li class="lk-tag" key={tag}>{tag}</li>)}
    </ul>
  );
}

/** Previous/next paging that keeps the other query parameters. */
export function Pagination({ ctx, page, hasNext, baseUrl }: { ctx: PageContext; page: number; hasNext: boolean; baseUrl: string }) {
  if (page <= 1 && !hasNext) return null;
  const link = (p: number) => {
    const url = new URL(baseUrl, 'http://x');
    url.searchParams.set('pagina', String(p));
    return `${url.pathname}${url.search}`;
  };
  return (
    <nav class="utrecht-pagination" aria-label={ctx.t('pagination.label')}>
      <span class="utrecht-pagination__before">
        {page > 1 && <a class="utrecht-pagination__relative-link utrecht-pagination__relative-link--prev utrecht-link" rel="prev" href={link(page - 1)}>{ctx.t('pagination.previous')}</a>}
      </span>
      <span class="utrecht-pagination__page-link utrecht-pagination__page-link--current" aria-current="page">{ctx.t('pagination.page', { page })}</span>
      <span class="utrecht-pagination__after">
        {hasNext && <a class="utrecht-pagination__relative-link utrecht-pagination__relative-link--next utrecht-link" rel="next" href={link(page + 1)}>{ctx.t('pagination.next')}</a>}
      </span>
    </nav>
  );
}
