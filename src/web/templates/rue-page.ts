import type { SearchParams } from '../../search/search-params';
import type { SearchResult } from '../../search/search.service';
import { html, raw, SafeHtml } from './html';
import { facetsPanel, positionFields, resultsRegion, sortSelect } from './search-parts';

export interface SearchView {
  params: SearchParams;
  result: SearchResult;
  shopNames: Record<string, string>;
  /** A French message when the query string could not be read. */
  error?: string;
}

/** The shop names the script needs to label the shop facet when it re-renders it. */
export function shopNamesData(names: Record<string, string>): SafeHtml {
  return raw(`<script type="application/json" id="shop-names">${JSON.stringify(names).replace(/</g, '\\u003c')}</script>`);
}

export function searchBox(p: SearchParams, label: string, placeholder: string): SafeHtml {
  return html`<div class="search-box" role="search">
  <label for="q" class="search-label">${label}</label>
  <div class="search-row">
    <div class="combo" data-combo>
      <input id="q" name="q" type="search" value="${p.q}" maxlength="200" autocomplete="off" spellcheck="false" placeholder="${placeholder}"
        role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="suggestions">
      <ul id="suggestions" class="suggestions" role="listbox" aria-label="Suggestions" hidden></ul>
    </div>
    <button type="submit" class="button">Rechercher</button>
  </div>
</div>`;
}

/** "Près de moi" needs the browser's location: the button appears only when the script runs. */
function nearMe(p: SearchParams): SafeHtml {
  const located = p.lat !== undefined && p.lng !== undefined;
  return html`<div class="near-me" data-near-me>
  <button type="button" class="button button--secondary" data-near-me-button hidden>
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false"><circle cx="12" cy="12" r="4" fill="currentColor"/><path d="M12 2v4M12 18v4M2 12h4M18 12h4" stroke="currentColor" stroke-width="2"/><circle cx="12" cy="12" r="8" fill="none" stroke="currentColor" stroke-width="2"/></svg>
    Près de moi
  </button>
  ${located ? html`<a class="chip" href="/" data-near-me-clear>Autour de votre position <span aria-hidden="true">×</span><span class="visually-hidden">(retirer)</span></a>` : ''}
  <p class="near-me-status" data-near-me-status role="status"></p>
</div>`;
}

export function ruePage(v: SearchView): SafeHtml {
  const p = v.params;
  return html`<form class="search-page" action="/" method="get" data-search-form data-api="/api/search">
  <section class="hero" aria-labelledby="titre-rue">
    <div class="wrap">
      <h1 id="titre-rue">Trouvez-le chez un commerçant près de chez vous</h1>
      <p class="lead">Les catalogues des boutiques de la Métropole de Lyon, en une seule recherche. Vous achetez ensuite sur le site du commerçant.</p>
      ${searchBox(p, 'Que cherchez-vous ?', 'Ex. : baguette, comté, antivol…')}
    </div>
  </section>
  <div class="wrap search-layout">
    <aside class="sidebar" aria-label="Filtres">
      ${facetsPanel(v.result, p, (slug) => v.shopNames[slug] ?? slug, { withShop: true, withCommune: true })}
    </aside>
    <section class="results-col" aria-labelledby="titre-resultats">
      <h2 id="titre-resultats" class="visually-hidden">Résultats</h2>
      ${v.error ? html`<div class="alert alert--error" role="alert"><p>${v.error}</p></div>` : ''}
      <div class="toolbar">
        ${nearMe(p)}
        ${sortSelect(p)}
        ${positionFields(p)}
      </div>
      ${resultsRegion(v.result, p, '/')}
    </section>
  </div>
  ${shopNamesData(v.shopNames)}
</form>`;
}
