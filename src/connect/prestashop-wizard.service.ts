import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { missingPermissionsDiagnosis, prestashopDiagnosis, REQUIRED_RESOURCES } from '../../connectors/prestashop/prestashop-diagnosis';
import { PrestashopApi } from '../../connectors/prestashop/prestashop-api';
import { ConnectionChecker } from './connection-checker.service';
import { ConnectShopRow } from './connection.repository';
import { ConnectedAnswer, ShopConnections } from './shop-connections.service';

/** The resources as the back office lists them, with what they hold in the shopkeeper's words. */
const LABELS: Record<(typeof REQUIRED_RESOURCES)[number], string> = {
  products: 'les produits',
  combinations: 'les déclinaisons (tailles, couleurs…)',
  stock_availables: 'les stocks',
  languages: 'les langues',
  categories: 'les catégories',
  taxes: 'les taxes',
  tax_rules: 'les règles de taxes',
  tax_rule_groups: 'les groupes de règles de taxes',
  countries: 'les pays (pour la TVA française)',
  product_options: 'les attributs (par exemple « Taille »)',
  product_option_values: 'les valeurs d’attributs (par exemple « M »)',
};

export interface PermissionCheck {
  resource: string;
  label: string;
  granted: boolean;
}

export type PrestashopAnswer = ConnectedAnswer & { permissions: PermissionCheck[] } | { connected: false; permissions: PermissionCheck[]; missing: string[]; diagnosis: string };

/** A read-only webservice key, created by the merchant step by step, then checked permission by permission. */
@Injectable()
export class PrestashopWizard {
  constructor(
    private readonly checker: ConnectionChecker,
    private readonly connections: ShopConnections,
  ) {}

  instructions() {
    const list = REQUIRED_RESOURCES.map((r) => `${r} (${LABELS[r]})`).join(', ');
    return {
      permissions: REQUIRED_RESOURCES.map((resource) => ({ resource, label: LABELS[resource], method: 'GET' })),
      steps: [
        'Connectez-vous au back-office de votre boutique PrestaShop.',
        'Ouvrez le menu « Paramètres avancés » puis « Webservice ».',
        'Réglez « Activer le webservice de PrestaShop » sur « Oui » et cliquez sur « Enregistrer ».',
        'Cliquez sur « Ajouter une nouvelle clé de webservice ».',
        'Cliquez sur « Générer » pour créer la clé, écrivez « Vitrines » dans « Description » et laissez « État » sur « Oui ».',
        `Dans le tableau « Permissions », cochez la case de la colonne « Voir (GET) » sur la ligne de chacune de ces ressources : ${list}.`,
        'Ne cochez aucune autre colonne (Modifier, Ajouter, Supprimer) : Vitrines n’a besoin que de lire.',
        'Cliquez sur « Enregistrer », copiez la clé (32 caractères) et collez-la ici avec l’adresse de votre boutique.',
        'Si l’adresse /api/ de votre boutique reste introuvable, activez les URL simplifiées dans « Paramètres de la boutique » > « Trafic et SEO ».',
      ],
    };
  }

  /**
   * Lists the key's readable resources, reports each required one, and connects only
   * when all are there and the catalogue reads well. A key the shop refuses is a 422 with
   * PrestaShop-specific advice; missing permissions are a report, not an error.
   */
  async connect(shop: ConnectShopRow, url: string, apiKey: string): Promise<PrestashopAnswer> {
    const source = { url, credentials: { apiKey } };
    let readable: Set<string>;
    try {
      readable = await this.checker.withHttp((http) => PrestashopApi.open(source, { http }).readableResources());
    } catch (e) {
      throw new UnprocessableEntityException(prestashopDiagnosis(e).diagnosis);
    }
    const permissions = REQUIRED_RESOURCES.map((resource) => ({ resource, label: LABELS[resource], granted: readable.has(resource) }));
    const missing = permissions.filter((p) => !p.granted).map((p) => p.resource);
    if (missing.length) return { connected: false, permissions, missing, diagnosis: missingPermissionsDiagnosis(missing) };
    return { ...(await this.connections.connectChecked(shop, 'prestashop', source, 'webservice')), permissions };
  }
}
