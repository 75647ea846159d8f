import { html, SafeHtml } from './html';

export function errorPage(status: number, message: string): SafeHtml {
  const title = status === 404 ? 'Page introuvable' : status === 503 ? 'Service momentanément indisponible' : status < 500 ? 'Demande incorrecte' : 'Une erreur est survenue';
  return html`<div class="wrap page error-page">
  <p class="error-code">Erreur ${status}</p>
  <h1>${title}</h1>
  <p class="lead">${message}</p>
  <p><a class="button" href="/">Retour à la recherche</a> <a class="button button--secondary" href="/communes">Voir les communes</a></p>
</div>`;
}

export function errorTitle(status: number): string {
  return status === 404 ? 'Page introuvable' : status === 503 ? 'Indisponible' : 'Erreur';
}
