/* Vitrines: the search page made instant. Everything works without this file (plain GET
   forms and links); with it, results, facets and pagination are re-rendered from
   /api/search and the address bar follows with history.replaceState. Merchant text only
   ever goes into the page through textContent. */
(function () {
  'use strict';
  var form = document.querySelector('[data-search-form]');
  var PLACEHOLDER = '<svg class="placeholder-icon" viewBox="0 0 48 48" width="48" height="48" aria-hidden="true" focusable="false"><path d="M8 18h32l-3 22H11z" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linejoin="round"/><path d="M17 18v-4a7 7 0 0 1 14 0v4" fill="none" stroke="currentColor" stroke-width="2.5"/></svg><span class="visually-hidden">Pas de photo</span>';

  // A photo that fails to load becomes the same placeholder as a product without one.
  document.addEventListener('error', function (e) {
    var img = e.target;
    if (img.tagName !== 'IMG' || !img.parentNode || !img.parentNode.classList.contains('card-media')) return;
    img.parentNode.classList.add('card-media--empty');
    img.parentNode.innerHTML = PLACEHOLDER;
  }, true);

  document.addEventListener('load', function (e) {
    var img = e.target;
    if (img.tagName === 'IMG' && img.naturalWidth < 16 && img.parentNode && img.parentNode.classList.contains('card-media')) {
      img.parentNode.classList.add('card-media--empty');
      img.parentNode.innerHTML = PLACEHOLDER;
    }
  }, true);
  // Images already loaded before this script ran (cached ones).
  document.querySelectorAll('.card-media img').forEach(function (img) {
    if (img.complete && img.naturalWidth > 0 && img.naturalWidth < 16) img.dispatchEvent(new Event('load'));
  });

  if (!form || !window.fetch || !window.URLSearchParams) return;

  var filters = form.querySelector('[data-filters]');
  if (filters && window.matchMedia('(min-width: 60rem)').matches) filters.open = true;

  var fixedShop = form.getAttribute('data-fixed-shop');
  var results = form.querySelector('[data-results]');
  var shopNames = {};
  try { shopNames = JSON.parse((document.getElementById('shop-names') || {}).textContent || '{}'); } catch (e) { /* labels fall back to slugs */ }
  var money = {};
  var dec = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
  var int = new Intl.NumberFormat('fr-FR');

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) n.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function price(v, cur) {
    cur = cur || 'EUR';
    if (!money[cur]) money[cur] = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: cur });
    return money[cur].format(v);
  }
  function plural(n, one, many) { return int.format(n) + ' ' + (n <= 1 ? one : many); }
  function distance(km) { return km < 1 ? 'à ' + Math.max(10, Math.round(km * 100) * 10) + ' m' : 'à ' + dec.format(km) + ' km'; }

  /* The search's parameters as the page's form holds them, empty fields left out. */
  function formParams(page) {
    var out = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (typeof v === 'string' && v.trim() !== '' && k !== 'page') out.append(k, v.trim()); });
    if (out.get('sort') === 'relevance') out.delete('sort');
    if (page > 1) out.set('page', String(page));
    return out;
  }

  /* Titles arrive escaped with <mark> around matches; only that exact shape is rebuilt, as nodes. */
  function titleNodes(hit) {
    var h = hit.highlight && hit.highlight.title;
    if (typeof h !== 'string' || /<(?!\/?mark>)/.test(h)) return [hit.title];
    var decoder = document.createElement('textarea');
    return h.split(/(<mark>[^<]*<\/mark>)/).filter(Boolean).map(function (part) {
      var m = /^<mark>([^<]*)<\/mark>$/.exec(part);
      decoder.innerHTML = m ? m[1] : part;
      return m ? el('mark', {}, [decoder.value]) : document.createTextNode(decoder.value);
    });
  }

  function card(hit) {
    var media;
    if (hit.imageUrl && /^https?:\/\//i.test(hit.imageUrl)) {
      media = el('div', { class: 'card-media' }, [el('img', { src: hit.imageUrl, alt: '', loading: 'lazy', decoding: 'async', width: '320', height: '240' })]);
    } else {
      media = el('div', { class: 'card-media card-media--empty' });
      media.innerHTML = PLACEHOLDER;
    }
    var priceP = el('p', { class: 'card-price' }, [el('span', { class: 'price' }, [price(hit.price, hit.currency)])]);
    if (hit.compareAtPrice && hit.compareAtPrice > hit.price) {
      priceP.appendChild(document.createTextNode(' '));
      priceP.appendChild(el('del', { class: 'price-before' }, [el('span', { class: 'visually-hidden' }, ['au lieu de ']), price(hit.compareAtPrice, hit.currency)]));
    }
    var place = ' · ' + hit.shop.commune + (typeof hit.distanceKm === 'number' ? ' · ' + distance(hit.distanceKm) : '');
    var meta = el('p', { class: 'card-meta' }, [hit.inStock ? el('span', { class: 'badge badge--ok' }, ['En stock']) : el('span', { class: 'badge badge--out' }, ['Rupture'])]);
    if (hit.verifiedAgo) { meta.appendChild(document.createTextNode(' ')); meta.appendChild(el('span', { class: 'verified' }, ['vérifié ' + hit.verifiedAgo])); }
    return el('li', { class: 'card' }, [el('article', { class: 'card-inner' }, [media, el('div', { class: 'card-body' }, [
      el('h3', { class: 'card-title' }, [el('a', { class: 'card-link', href: hit.url, rel: 'nofollow' }, titleNodes(hit))]),
      priceP,
      el('p', { class: 'card-shop' }, [el('a', { href: '/boutiques/' + encodeURIComponent(hit.shop.slug) }, [hit.shop.name]), el('span', { class: 'card-place' }, [place])]),
      meta
    ])])]);
  }

  function countText(r, q) {
    if (!r.total) return q ? 'Aucun produit ne correspond à « ' + q + ' ».' : 'Aucun produit ne correspond à ces filtres.';
    var first = (r.page - 1) * r.perPage + 1;
    var last = Math.min(r.total, first + r.hits.length - 1);
    var range = r.total > r.perPage && r.hits.length ? ' (' + int.format(first) + ' à ' + int.format(last) + ')' : '';
    return plural(r.total, 'produit', 'produits') + (q ? ' pour « ' + q + ' »' : '') + range;
  }

  function pageWindow(cur, last) {
    var set = [1, last, cur - 1, cur, cur + 1].filter(function (n, i, a) { return n >= 1 && n <= last && a.indexOf(n) === i; }).sort(function (a, b) { return a - b; });
    var out = [];
    set.forEach(function (n) { if (out.length && n - out[out.length - 1] > 1) out.push(null); out.push(n); });
    return out;
  }

  function renderPagination(nav, r, params) {
    var last = Math.max(1, Math.min(Math.ceil(r.total / r.perPage), Math.floor(10000 / r.perPage)));
    nav.textContent = '';
    nav.hidden = last <= 1;
    if (last <= 1) return;
    function link(n, text, attrs) {
      var p = new URLSearchParams(params);
      if (n > 1) p.set('page', String(n)); else p.delete('page');
      var qs = p.toString();
      attrs = attrs || {};
      attrs.href = form.getAttribute('action') + (qs ? '?' + qs : '');
      return el('li', {}, [el('a', attrs, [text])]);
    }
    var ul = el('ul');
    if (r.page > 1) ul.appendChild(link(r.page - 1, '‹ Précédente', { rel: 'prev' }));
    pageWindow(r.page, last).forEach(function (n) {
      ul.appendChild(n === null ? el('li', { class: 'gap', 'aria-hidden': 'true' }, ['…']) : link(n, String(n), n === r.page ? { 'aria-current': 'page' } : {}));
    });
    if (r.page < last) ul.appendChild(link(r.page + 1, 'Suivante ›', { rel: 'next' }));
    nav.appendChild(ul);
  }

  function renderFacets(facets, params) {
    form.querySelectorAll('[data-facet]').forEach(function (fs) {
      var name = fs.getAttribute('data-facet');
      var counts = facets[name] || {};
      var selected = params.getAll(name);
      var values = Object.keys(counts).map(function (k) { return [k, counts[k]]; })
        .sort(function (a, b) { return b[1] - a[1] || a[0].localeCompare(b[0], 'fr'); }).slice(0, 12);
      selected.forEach(function (s) { if (!values.some(function (v) { return v[0] === s; })) values.push([s, counts[s] || 0]); });
      var ul = fs.querySelector('[data-values]');
      ul.textContent = '';
      values.forEach(function (v, i) {
        var id = 'f-' + name + '-' + i;
        ul.appendChild(el('li', {}, [
          el('input', { type: 'checkbox', id: id, name: name, value: v[0], checked: selected.indexOf(v[0]) >= 0 }),
          document.createTextNode(' '),
          el('label', { for: id }, [(name === 'shop' ? shopNames[v[0]] || v[0] : v[0]) + ' ', el('span', { class: 'count' }, [int.format(v[1])])])
        ]));
      });
      fs.hidden = !values.length;
    });
    var stock = form.querySelector('[data-stock-count]');
    if (stock) stock.textContent = int.format((facets.inStock || {})['true'] || 0);
  }

  function render(r, params) {
    results.querySelector('[data-count]').textContent = countText(r, params.get('q') || '');
    var cards = results.querySelector('[data-cards]');
    cards.textContent = '';
    r.hits.forEach(function (h) { cards.appendChild(card(h)); });
    var empty = results.querySelector('[data-empty]');
    if (empty) empty.hidden = r.total > 0;
    renderPagination(results.querySelector('[data-pagination]'), r, params);
    renderFacets(r.facets, params);
  }

  var pending;
  function search(page, scroll) {
    var params = formParams(page);
    var api = new URLSearchParams(params);
    if (fixedShop) { api.delete('shop'); api.append('shop', fixedShop); }
    if (pending) pending.abort();
    pending = new AbortController();
    results.setAttribute('aria-busy', 'true');
    return fetch(form.getAttribute('data-api') + '?' + api.toString(), { signal: pending.signal, headers: { Accept: 'application/json' } })
      .then(function (res) { return res.json().then(function (body) { return { ok: res.ok, body: body }; }); })
      .then(function (x) {
        results.removeAttribute('aria-busy');
        if (!x.ok) { results.querySelector('[data-count]').textContent = x.body.message || 'La recherche a échoué.'; return; }
        render(x.body, params);
        var qs = params.toString();
        history.replaceState(null, '', form.getAttribute('action') + (qs ? '?' + qs : ''));
        if (scroll) results.scrollIntoView({ block: 'start' });
      })
      .catch(function (e) { if (e.name !== 'AbortError') { results.removeAttribute('aria-busy'); form.submit(); } });
  }

  var timer;
  function soon(delay) { clearTimeout(timer); timer = setTimeout(function () { search(1); }, delay); }

  form.addEventListener('submit', function (e) { e.preventDefault(); closeSuggestions(); search(1); });
  form.addEventListener('change', function (e) { if (e.target.type === 'checkbox' || e.target.tagName === 'SELECT') search(1); });
  form.addEventListener('input', function (e) {
    if (e.target.name === 'q') { soon(250); suggest(); } else if (e.target.name === 'priceMin' || e.target.name === 'priceMax') soon(500);
  });
  results.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('[data-pagination] a');
    if (!a || e.ctrlKey || e.metaKey || e.shiftKey) return;
    e.preventDefault();
    search(Number(new URL(a.href).searchParams.get('page') || '1'), true);
  });

  /* "Près de moi": the browser's position, then nearest shops first. */
  var nearBtn = form.querySelector('[data-near-me-button]');
  var nearStatus = form.querySelector('[data-near-me-status]');
  if (nearBtn && navigator.geolocation) {
    nearBtn.hidden = false;
    nearBtn.addEventListener('click', function () {
      nearStatus.textContent = 'Recherche de votre position…';
      navigator.geolocation.getCurrentPosition(function (pos) {
        form.querySelector('[data-geo="lat"]').value = pos.coords.latitude.toFixed(5);
        form.querySelector('[data-geo="lng"]').value = pos.coords.longitude.toFixed(5);
        var sort = form.querySelector('select[name="sort"]');
        if (sort && !sort.querySelector('option[value="distance"]')) sort.appendChild(el('option', { value: 'distance' }, ['Distance']));
        if (sort) sort.value = 'distance';
        nearStatus.textContent = 'Les boutiques les plus proches d’abord.';
        search(1);
      }, function () {
        nearStatus.textContent = 'Position indisponible : autorisez la localisation, ou choisissez une commune.';
      }, { timeout: 10000, maximumAge: 300000 });
    });
  }

  /* Suggestions as you type: a combobox with a listbox, driven by the keyboard or the pointer. */
  var input = form.querySelector('input[name="q"]');
  var list = form.querySelector('#suggestions');
  var items = [];
  var active = -1;
  var sugTimer;
  var KIND = { product: 'produit', category: 'catégorie', shop: 'boutique' };

  function closeSuggestions() {
    if (!list) return;
    list.hidden = true; list.textContent = ''; items = []; active = -1;
    input.setAttribute('aria-expanded', 'false'); input.removeAttribute('aria-activedescendant');
  }
  function choose(s) {
    closeSuggestions();
    if (s.type === 'product' && s.url) location.href = s.url;
    else if (s.type === 'shop' && s.slug) location.href = '/boutiques/' + encodeURIComponent(s.slug);
    else { input.value = ''; location.href = form.getAttribute('action') + '?category=' + encodeURIComponent(s.label); }
  }
  function highlight(i) {
    active = i;
    list.querySelectorAll('li').forEach(function (li, j) { li.setAttribute('aria-selected', j === i ? 'true' : 'false'); });
    if (i >= 0) input.setAttribute('aria-activedescendant', 'sugg-' + i); else input.removeAttribute('aria-activedescendant');
  }
  function suggest() {
    if (!list) return;
    clearTimeout(sugTimer);
    var q = input.value.trim();
    if (q.length < 2) return closeSuggestions();
    sugTimer = setTimeout(function () {
      fetch('/api/suggest?q=' + encodeURIComponent(q)).then(function (r) { return r.ok ? r.json() : { suggestions: [] }; }).then(function (body) {
        if (input.value.trim() !== q) return;
        items = (body.suggestions || []).filter(function (s) { return !fixedShop || s.type === 'product'; });
        list.textContent = '';
        items.forEach(function (s, i) {
          var li = el('li', { id: 'sugg-' + i, role: 'option', 'aria-selected': 'false' }, [el('span', {}, [s.label]), el('span', { class: 'kind' }, [KIND[s.type] || ''])]);
          li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(s); });
          list.appendChild(li);
        });
        active = -1;
        list.hidden = !items.length;
        input.setAttribute('aria-expanded', items.length ? 'true' : 'false');
      }).catch(function () { closeSuggestions(); });
    }, 150);
  }
  if (input && list) {
    input.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % items.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === 'Escape') { closeSuggestions(); }
      else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); choose(items[active]); }
    });
    input.addEventListener('blur', function () { setTimeout(closeSuggestions, 100); });
  }
})();
