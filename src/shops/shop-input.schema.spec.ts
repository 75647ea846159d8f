import { BadRequestException } from '@nestjs/common';
import { parseInput } from './input-validation';
import { createShopSchema, shopStatusSchema } from './shop-input.schema';

const valid = {
  name: '  Fromagerie du Plateau ',
  address: '3 place de la Croix-Rousse',
  postalCode: '69004',
  commune: 'Lyon',
  website: 'https://fromagerie.example',
  platform: 'woocommerce',
  sourceUrl: 'https://fromagerie.example/',
};

function messageOf(body: unknown): string {
  try {
    parseInput(createShopSchema, body);
  } catch (e) {
    expect(e).toBeInstanceOf(BadRequestException);
    return (e as BadRequestException).message;
  }
  throw new Error('expected a 400');
}

describe('createShopSchema', () => {
  it('trims text and drops empty credentials', () => {
    expect(parseInput(createShopSchema, { ...valid, credentials: {} })).toEqual({ ...valid, name: 'Fromagerie du Plateau', credentials: undefined });
  });

  it.each([
    ['name', { name: '   ' }],
    ['name', { name: 'x'.repeat(121) }],
    ['address', { address: undefined }],
    ['postalCode', { postalCode: '6900' }],
    ['commune', { commune: 42 }],
    ['website', { website: 'ftp://fromagerie.example' }],
    ['website', { website: 'pas une adresse' }],
    ['sourceUrl', { sourceUrl: 'javascript:alert(1)' }],
    ['platform', { platform: 'magento' }],
    ['syncIntervalMinutes', { syncIntervalMinutes: 4 }],
    ['syncIntervalMinutes', { syncIntervalMinutes: 10081 }],
    ['syncIntervalMinutes', { syncIntervalMinutes: 60.5 }],
    ['lat', { lat: 91, lng: 4.8 }],
    ['lng', { lat: 45.7, lng: '4.8' }],
    ['lng', { lat: 45.7 }],
    ['lat', { lng: 4.8 }],
    ['credentials.consumerSecret', { credentials: { consumerKey: 'ck_1' } }],
    ['credentials.consumerKey', { credentials: { consumerSecret: 'cs_1' } }],
    ['credentials.apiKey', { platform: 'prestashop' }],
    ['credentials.apiKey', { platform: 'prestashop', credentials: { apiKey: '' } }],
    ['credentials', { platform: 'feed', credentials: { apiKey: 'k' } }],
    ['credentials', { platform: 'shopify', credentials: 'token' }],
    ['credentials', { platform: 'shopify', credentials: { token: 'shpat_1' } }],
  ])('answers 400 naming %s', (field, change) => {
    expect(messageOf({ ...valid, ...change })).toMatch(new RegExp(`(^|\\s)${field.replace('.', '\\.')} : `));
  });

  it('never echoes a credential value', () => {
    expect(messageOf({ ...valid, credentials: { consumerKey: 'ck_SECRET' } })).not.toContain('ck_SECRET');
    expect(messageOf({ ...valid, platform: 'shopify', credentials: { accessToken: 'shpat_SECRET', extra: 'x' } })).not.toContain('shpat_SECRET');
  });

  it('accepts each platform with its credentials', () => {
    expect(parseInput(createShopSchema, { ...valid, credentials: { consumerKey: 'ck', consumerSecret: 'cs' } }).credentials).toEqual({ consumerKey: 'ck', consumerSecret: 'cs' });
    expect(parseInput(createShopSchema, { ...valid, platform: 'prestashop', credentials: { apiKey: 'K' } }).credentials).toEqual({ apiKey: 'K' });
    expect(parseInput(createShopSchema, { ...valid, platform: 'shopify' }).credentials).toBeUndefined();
    expect(parseInput(createShopSchema, { ...valid, platform: 'shopify', credentials: { accessToken: 'shpat' } }).credentials).toEqual({ accessToken: 'shpat' });
    expect(parseInput(createShopSchema, { ...valid, platform: 'feed', credentials: null, lat: 45.77, lng: 4.83, syncIntervalMinutes: 5 })).toMatchObject({ lat: 45.77, lng: 4.83, syncIntervalMinutes: 5 });
  });

  it('refuses a body that is not an object', () => {
    expect(messageOf(null)).toMatch(/objet JSON/);
    expect(messageOf([valid])).toMatch(/objet JSON/);
  });
});

describe('shopStatusSchema', () => {
  it('accepts the moderation statuses only', () => {
    expect(parseInput(shopStatusSchema, { status: 'suspended', reason: ' fermé ' })).toEqual({ status: 'suspended', reason: 'fermé' });
    expect(() => parseInput(shopStatusSchema, { status: 'pending' })).toThrow(/^status : /);
  });
});
