import { checkUrlHost, isForbiddenAddress } from './address-guard';
import { ConnectorError } from './errors';

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '169.254.1.1',
    '100.64.0.1', '100.100.100.200', '0.0.0.0', '255.255.255.255', '224.0.0.1', '::1', '::', 'fe80::1', 'fc00::1',
    'fd00:ec2::254', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '2002:c0a8:0101::1', '64:ff9b::a00:1', 'not-an-ip',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.216.34', '1.1.1.1', '172.32.0.1', '100.128.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('accepts public %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe('checkUrlHost', () => {
  it('refuses IP-literal private URLs and non-http schemes up front', () => {
    const kind = (url: string, allow = false) => {
      try {
        checkUrlHost(new URL(url), allow);
        return 'ok';
      } catch (e) {
        return (e as ConnectorError).kind;
      }
    };
    expect(kind('http://[fd00:ec2::254]/latest')).toBe('forbidden_address');
    expect(kind('http://169.254.169.254/latest/meta-data/')).toBe('forbidden_address');
    expect(kind('http://127.0.0.1:8080/', true)).toBe('ok');
    expect(kind('https://boutique.example/')).toBe('ok');
    expect(kind('file:///etc/passwd', true)).toBe('invalid_source');
    expect(kind('data:text/plain,hello', true)).toBe('invalid_source');
  });
});
