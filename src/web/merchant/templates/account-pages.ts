import { html, HtmlValue, SafeHtml } from '../../templates/html';
import { SPACE } from '../merchant-page-session';
import { csrfInput, errorSummary, field, FieldErrors, firstError, noticeBlock, Notice } from './form-fields';

/** The signed-in merchant's frame: who they are, their shops, sign-out. */
export function spaceFrame(o: { email: string; csrf: string; current?: 'boutiques' | 'ajouter'; body: HtmlValue }): SafeHtml {
  const cur = (k: string) => (o.current === k ? html` aria-current="page"` : '');
  return html`<div class="space-bar">
  <div class="wrap space-bar-inner">
    <nav aria-label="Espace commerçant">
      <ul>
        <li><a href="${SPACE}"${cur('boutiques')}>Mes boutiques</a></li>
        <li><a href="${SPACE}/boutiques/nouvelle"${cur('ajouter')}>Ajouter ma boutique</a></li>
      </ul>
    </nav>
    <div class="space-user">
      <span class="muted">${o.email}</span>
      <form method="post" action="${SPACE}/deconnexion" class="inline-form">${csrfInput(o.csrf)}<button type="submit" class="button button--secondary button--small">Se déconnecter</button></form>
    </div>
  </div>
</div>
${o.body}`;
}

const SIGN_UP_ORDER = ['name', 'email', 'password'] as const;
const SIGN_UP_LABELS = { name: 'Votre nom', email: 'Adresse e-mail', password: 'Mot de passe' };

export function signUpPage(o: { values?: Record<string, string>; errors?: FieldErrors }): SafeHtml {
  const errors = o.errors ?? {};
  const first = firstError(errors, SIGN_UP_ORDER);
  const v = o.values ?? {};
  return html`<div class="wrap page narrow">
  <h1>Créer mon espace commerçant</h1>
  <p class="lead">Vous tenez un commerce avec une adresse dans la Métropole de Lyon et une boutique en ligne ? Montrez votre catalogue aux habitants, sans rien ressaisir.</p>
  ${errorSummary(errors, SIGN_UP_LABELS)}
  <form class="panel form" method="post" action="${SPACE}/inscription" novalidate>
    ${field({ name: 'name', label: SIGN_UP_LABELS.name, value: v.name, error: errors.name, autocomplete: 'name', autofocus: first === 'name', maxlength: 120 })}
    ${field({ name: 'email', label: SIGN_UP_LABELS.email, type: 'email', value: v.email, error: errors.email, autocomplete: 'email', required: true, autofocus: first === 'email' })}
    ${field({ name: 'password', label: SIGN_UP_LABELS.password, type: 'password', error: errors.password, autocomplete: 'new-password', required: true, autofocus: first === 'password', hint: '10 caractères au moins. Une phrase de quelques mots est facile à retenir.' })}
    <button type="submit" class="button">Créer mon espace</button>
  </form>
  <p>Déjà inscrit ? <a href="${SPACE}/connexion">Se connecter</a></p>
</div>`;
}

const SIGN_IN_LABELS = { email: 'Adresse e-mail', password: 'Mot de passe' };

export function signInPage(o: { email?: string; errors?: FieldErrors; returnTo?: string; notice?: Notice }): SafeHtml {
  const errors = o.errors ?? {};
  const first = firstError(errors, ['email', 'password']);
  return html`<div class="wrap page narrow">
  <h1>Espace commerçant</h1>
  <p class="lead">Connectez-vous pour gérer votre boutique sur Vitrines.</p>
  ${noticeBlock(o.notice)}
  ${errorSummary(errors, SIGN_IN_LABELS)}
  <form class="panel form" method="post" action="${SPACE}/connexion" novalidate>
    ${o.returnTo ? html`<input type="hidden" name="retour" value="${o.returnTo}">` : ''}
    ${field({ name: 'email', label: SIGN_IN_LABELS.email, type: 'email', value: o.email, error: errors.email, autocomplete: 'email', required: true, autofocus: first === 'email' || (!first && errors._form !== undefined) })}
    ${field({ name: 'password', label: SIGN_IN_LABELS.password, type: 'password', error: errors.password, autocomplete: 'current-password', required: true, autofocus: first === 'password' })}
    <button type="submit" class="button">Se connecter</button>
  </form>
  <p><a href="${SPACE}/mot-de-passe-oublie">Mot de passe oublié ?</a></p>
  <p>Pas encore de compte ? <a href="${SPACE}/inscription">Créer mon espace commerçant</a></p>
</div>`;
}

export function forgotPasswordPage(o: { email?: string; errors?: FieldErrors; sent?: boolean }): SafeHtml {
  const errors = o.errors ?? {};
  return html`<div class="wrap page narrow">
  <h1>Mot de passe oublié</h1>
  ${o.sent
    ? html`<div class="alert alert--ok" role="status"><p>Si un compte existe pour cette adresse, un lien de réinitialisation vient de lui être envoyé. Il est valable une heure.</p></div>
  <p><a href="${SPACE}/connexion">Retour à la connexion</a></p>`
    : html`<p class="lead">Indiquez l'adresse e-mail de votre espace : vous recevrez un lien pour choisir un nouveau mot de passe.</p>
  ${errorSummary(errors, { email: 'Adresse e-mail' })}
  <form class="panel form" method="post" action="${SPACE}/mot-de-passe-oublie" novalidate>
    ${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: o.email, error: errors.email, autocomplete: 'email', required: true, autofocus: !!errors.email })}
    <button type="submit" class="button">Recevoir le lien</button>
  </form>`}
</div>`;
}

export function resetPasswordPage(o: { token: string; errors?: FieldErrors }): SafeHtml {
  const errors = o.errors ?? {};
  return html`<div class="wrap page narrow">
  <h1>Choisir un nouveau mot de passe</h1>
  ${errorSummary(errors, { password: 'Nouveau mot de passe' })}
  ${errors._form ? html`<p><a href="${SPACE}/mot-de-passe-oublie">Demander un nouveau lien</a></p>` : ''}
  <form class="panel form" method="post" action="${SPACE}/mot-de-passe" novalidate>
    <input type="hidden" name="token" value="${o.token}">
    ${field({ name: 'password', label: 'Nouveau mot de passe', type: 'password', error: errors.password, autocomplete: 'new-password', required: true, autofocus: true, hint: '10 caractères au moins.' })}
    <button type="submit" class="button">Enregistrer le mot de passe</button>
  </form>
</div>`;
}
