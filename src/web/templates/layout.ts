import { html, HtmlValue, SafeHtml } from './html';

export interface LayoutOptions {
  title: string;
  /** Which main navigation entry is current. */
  section?: 'rue' | 'communes' | 'espace' | 'admin';
  description?: string;
  css: string;
  /** The page's script, when it has one (admin pages need none). */
  js?: string;
  body: HtmlValue;
  /** Extra class on <body>, for page-specific layout. */
  pageClass?: string;
}

/**
 * Every page's frame: skip link, header with the street's name, main landmark, footer.
 * No inline script or style anywhere (the Content-Security-Policy forbids them).
 */
export function layout(o: LayoutOptions): SafeHtml {
  const current = (s: LayoutOptions['section']) => (o.section === s ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · Vitrines</title>
<meta name="description" content="${o.description ?? 'Vitrines, la rue commerçante virtuelle de la Métropole de Lyon : cherchez chez les commerçants près de chez vous.'}">
<meta name="theme-color" content="#000091">
<link rel="stylesheet" href="${o.css}">
${o.js ? html`<script src="${o.js}" defer></script>` : ''}
</head>
<body class="${o.pageClass ?? ''}">
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <div class="wrap header-inner">
    <a class="brand" href="/">
      <span class="brand-mark" aria-hidden="true">V</span>
      <span class="brand-text"><span class="brand-name">Vitrines</span><span class="brand-tagline">La rue commerçante de la Métropole de Lyon</span></span>
    </a>
    <nav class="main-nav" aria-label="Navigation principale">
      <ul>
        <li><a href="/"${current('rue')}>Rechercher</a></li>
        <li><a href="/communes"${current('communes')}>Communes</a></li>
        <li><a href="/espace-commercant"${current('espace')}>Espace commerçant</a></li>
      </ul>
    </nav>
  </div>
</header>
<main id="contenu" tabindex="-1">
${o.body}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>Vitrines rassemble les catalogues en ligne des commerces de la Métropole de Lyon. Les prix et les stocks sont ceux des boutiques, relevés régulièrement : l'achat se fait sur le site du commerçant.</p>
    <p><a href="/communes">Toutes les communes</a> · <a href="/admin">Administration</a></p>
  </div>
</footer>
</body>
</html>`;
}
