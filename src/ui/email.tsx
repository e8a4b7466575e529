import { renderToString } from 'preact-render-to-string';
import type { Locale, Translate } from '../platform/i18n/i18n.ts';

/**
 * Every e-mail's shape: pure functions from props to `{ subject, text, html }` in the recipient's
 * language. Features write the content; this renders it the same way for all of them.
 */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export interface EmailContent {
  locale: Locale;
  subject: string;
  greeting: string;
  paragraphs: string[];
  action?: { label: string; url: string };
  after: string[];
}

/** Text and HTML from the same content, so the two parts always say the same. */
export function composeEmail(t: Translate, content: EmailContent): RenderedEmail {
  const footer = t('email.footer');
  const action = content.action ? [`${content.action.label}:\n${content.action.url}`] : [];
  const text = [content.greeting, ...content.paragraphs, ...action, ...content.after, `-- \n${footer}`].join('\n\n');
  const html = `<!doctype html>${renderToString(<EmailHtml content={content} footer={footer} linkFallback={t('email.link_fallback')} />)}`;
  return { subject: content.subject, text: `${text}\n`, html };
}

// Mail clients ignore stylesheets, so the few styles sit inline; contrast meets WCAG AA.
const styles = {
  body: 'margin:0;padding:24px;background:#ffffff;color:#1a1a1a;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5',
  main: 'max-width:560px;margin:0 auto',
  button: 'display:inline-block;padding:12px 20px;background:#1a5b8f;color:#ffffff;text-decoration:underline;border-radius:4px;font-weight:bold',
  small: 'font-size:14px;color:#4a4a4a',
};

function EmailHtml({ content, footer, linkFallback }: { content: EmailContent; footer: string; linkFallback: string }) {
  return (
    <html lang={content.locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{content.subject}</title>
      </head>
      <body style={styles.body}>
        <div style={styles.main} role="article" aria-label={content.subject}>
          <p>{content.greeting}</p>
          {content.paragraphs.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
          {content.action && (
            <>
              <p><a href={content.action.url} style={styles.button}>{content.action.label}</a></p>
              <p style={styles.small}>{linkFallback}<br /><a href={content.action.url}>{content.action.url}</a></p>
            </>
          )}
          {content.after.map((paragraph) => <p key={paragraph}>{paragraph}</p>)}
          <hr />
          <p style={styles.small}>{footer}</p>
        </div>
      </body>
    </html>
  );
}
