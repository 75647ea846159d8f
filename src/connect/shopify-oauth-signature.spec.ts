import { shopifyQueryMessage, signShopifyQuery, verifyShopifyQuery } from './shopify-oauth-signature';

describe('Shopify redirect signature', () => {
  // The example of Shopify's documentation: secret "hush".
  const documented = new URLSearchParams(
    'code=0907a61c0c8d55e99db179b68161bc00&hmac=700e2dadb827fcc8609e9d5ce208b2e9cdaab9df07390d2cbca10d7c328fc4bf&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173',
  );

  it('signs the sorted query without hmac, and accepts the documented example', () => {
    expect(shopifyQueryMessage(documented)).toBe('code=0907a61c0c8d55e99db179b68161bc00&shop=some-shop.myshopify.com&state=0.6784241404160823&timestamp=1337178173');
    expect(verifyShopifyQuery(documented, 'hush')).toBe(true);
  });

  it('refuses a changed parameter, another secret, a missing or malformed hmac', () => {
    const changed = new URLSearchParams(documented);
    changed.set('shop', 'evil.myshopify.com');
    expect(verifyShopifyQuery(changed, 'hush')).toBe(false);
    expect(verifyShopifyQuery(documented, 'other')).toBe(false);
    const missing = new URLSearchParams(documented);
    missing.delete('hmac');
    expect(verifyShopifyQuery(missing, 'hush')).toBe(false);
    const short = new URLSearchParams(documented);
    short.set('hmac', 'abc');
    expect(verifyShopifyQuery(short, 'hush')).toBe(false);
  });

  it('sorts by name whatever the order received, and formats repeated ids like Shopify', () => {
    const q = new URLSearchParams('timestamp=1&shop=a.myshopify.com&ids[]=2&ids[]=1&code=x');
    expect(shopifyQueryMessage(q)).toBe('code=x&ids=["2", "1"]&shop=a.myshopify.com&timestamp=1');
    q.set('hmac', signShopifyQuery(q, 's'));
    expect(verifyShopifyQuery(q, 's')).toBe(true);
  });
});
