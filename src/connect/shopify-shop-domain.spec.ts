import { isMyshopifyHostname, myshopifyDomain } from './shopify-shop-domain';

describe('myshopify domain', () => {
  it.each([
    ['boutique.myshopify.com', 'boutique.myshopify.com'],
    ['https://Boutique-2.myshopify.com/admin/products', 'boutique-2.myshopify.com'],
    ['admin.shopify.com/store/ma-boutique/products', 'ma-boutique.myshopify.com'],
  ])('%s → %s', (input, expected) => expect(myshopifyDomain(input)).toBe(expected));

  it.each(['www.boutique.fr', 'boutique.myshopify.com.evil.fr', 'evil.fr/boutique.myshopify.com', 'user:pw@b.myshopify.com', 'b.myshopify.com:8443', '-x.myshopify.com', 'ftp://b.myshopify.com', ''])(
    'refuses %s',
    (input) => expect(myshopifyDomain(input)).toBeUndefined(),
  );

  it('accepts only a bare hostname as the callback shop parameter', () => {
    expect(isMyshopifyHostname('boutique.myshopify.com')).toBe(true);
    expect(isMyshopifyHostname('boutique.myshopify.com/')).toBe(false);
    expect(isMyshopifyHostname('boutique.myshopify.com.evil.fr')).toBe(false);
  });
});
