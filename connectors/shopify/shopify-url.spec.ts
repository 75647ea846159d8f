import { ConnectorError } from '../core/errors';
import { shopifyBaseUrl } from './shopify-url';

describe('shopifyBaseUrl', () => {
  it.each([
    ['https://boutique.example', 'https://boutique.example/'],
    ['https://boutique.example/', 'https://boutique.example/'],
    ['https://boutique.example/collections/all?page=2', 'https://boutique.example/'],
    ['boutique.myshopify.com', 'https://boutique.myshopify.com/'],
    ['  boutique.myshopify.com/  ', 'https://boutique.myshopify.com/'],
    ['http://127.0.0.1:8080/products.json', 'http://127.0.0.1:8080/'],
    ['https://admin.shopify.com/store/ma-boutique/products', 'https://ma-boutique.myshopify.com/'],
  ])('%s → %s', (input, expected) => {
    expect(shopifyBaseUrl(input)).toBe(expected);
  });

  it.each(['', 'ftp://boutique.example', 'https://user:pass@boutique.example', 'not a url at all', 'boutique'])('refuses %p as an invalid source', (input) => {
    expect(() => shopifyBaseUrl(input)).toThrow(ConnectorError);
    try {
      shopifyBaseUrl(input);
    } catch (e) {
      expect((e as ConnectorError).kind).toBe('invalid_source');
    }
  });
});
