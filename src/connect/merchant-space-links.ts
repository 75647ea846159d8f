/**
 * Where a merchant lands after approving Vitrines on their platform: the connection page
 * of the shop in the merchant space, told which platform and how it went.
 */
export function connectionPageUrl(publicUrl: string, shopId: string, platform: string, result?: 'ok' | 'a-verifier'): string {
  const query = new URLSearchParams({ plateforme: platform });
  if (result) query.set('resultat', result);
  return `${publicUrl}/espace/boutiques/${encodeURIComponent(shopId)}/connexion?${query}`;
}
