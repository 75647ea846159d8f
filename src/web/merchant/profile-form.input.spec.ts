import { UnprocessableEntityException } from '@nestjs/common';
import { createMerchantShopSchema } from '../../merchants/shop-profile.schema';
import { parseForm } from './form-input';
import { profileFieldOf, profileInput, profileValues, serviceRefusal } from './profile-form.input';

const base = { name: 'Crèmerie', siret: '73282932000074', address: '1 rue', postalCode: '69100', commune: 'Villeurbanne' };

describe('profile form → shop-profile schema', () => {
  it('turns two ranges a day into hours with a lunch break, and a French fee into a number', () => {
    const values = profileValues({ ...base, h_lundi_1_debut: '09:00', h_lundi_1_fin: '12:30', h_lundi_2_debut: '14:00', h_lundi_2_fin: '19:00', deliveryEnabled: 'oui', deliveryCommunes: 'Villeurbanne, Lyon', deliveryFee: '3,50 €', deliveryDelay: 'le jour même' });
    const { input, errors } = profileInput(values, undefined);
    expect(errors).toEqual({});
    expect(input.openingHours).toEqual({ lundi: [['09:00', '12:30'], ['14:00', '19:00']] });
    expect(input.localDelivery).toEqual({ communes: ['Villeurbanne', 'Lyon'], fee: 3.5, delay: 'le jour même' });
    expect(input).not.toHaveProperty('phone');
    const parsed = parseForm(createMerchantShopSchema, { ...input, platform: 'feed', sourceUrl: 'https://a.fr/f.csv' }, profileFieldOf);
    expect(parsed.ok).toBe(true);
  });

  it('reports half a range and a fee that is not a number on their own fields', () => {
    const { errors } = profileInput(profileValues({ ...base, h_mardi_2_debut: '14:00', deliveryEnabled: 'oui', deliveryFee: 'trois' }), undefined);
    expect(Object.keys(errors).sort()).toEqual(['deliveryFee', 'h_mardi_2_fin']);
  });

  it('clears optional fields on an edit, and maps schema paths to the fields showing them', () => {
    const { input } = profileInput(profileValues(base), null);
    expect(input).toMatchObject({ phone: null, openingHours: null, localDelivery: null, pickupPolicy: null });
    const parsed = parseForm(createMerchantShopSchema, { ...base, siret: '123', openingHours: { jeudi: [['19:00', '09:00']] }, platform: 'feed', sourceUrl: 'https://a.fr/f.csv' }, profileFieldOf);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(Object.keys(parsed.errors).sort()).toEqual(['h_jeudi_1_debut', 'siret']);
    expect(profileFieldOf(['localDelivery', 'communes', '0'])).toBe('deliveryCommunes');
  });

  it('shows territory refusals next to the commune or the postal code', () => {
    expect(serviceRefusal(new UnprocessableEntityException('Le code postal 69001 ne correspond pas…'))).toEqual({ postalCode: 'Le code postal 69001 ne correspond pas…' });
    expect(serviceRefusal(new UnprocessableEntityException('La commune « Grenoble » n’est pas dans le territoire'))).toHaveProperty('commune');
    expect(serviceRefusal(new UnprocessableEntityException('Livraison locale : « Paris » n’est pas une commune du territoire'))).toEqual({ deliveryCommunes: '« Paris » n’est pas une commune du territoire' });
    expect(serviceRefusal(new Error('x'))).toBeNull();
  });
});
